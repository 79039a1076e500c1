#pragma once
// Splits article text into word and punctuation tokens with byte and code-point offsets, and
// into sentences. Possessive endings ("Russia’s", "forces'") are kept apart from the base word;
// hyphens split compounds ("U.S.-Russia") but are remembered; dotted abbreviations ("U.S.")
// stay one token.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace frontmap {

struct Token {
    std::uint32_t b0 = 0, b1 = 0;        // bytes [b0, b1) of the whole token
    std::uint32_t c0 = 0, c1 = 0;        // code points [c0, c1)
    std::uint32_t base_b1 = 0, base_c1 = 0;  // end without the possessive ending
    std::uint32_t sentence = 0;
    bool word = false;         // letters/digits (else punctuation)
    bool number = false;       // starts with a digit
    bool upper = false;        // first letter is upper case
    bool all_caps = false;     // every letter upper case (and at least two letters)
    bool non_latin = false;    // contains letters outside ASCII (Cyrillic etc.)
    bool possessive = false;   // ends in ’s / 's / s'
    bool hyphen_before = false;  // joined to the previous token by a hyphen, no space
    bool space_before = false;
    std::string lower;         // lower-cased base text, apostrophes as "'" (for phrase tables)
};

struct Tokens {
    std::vector<Token> tokens;
    std::uint32_t sentences = 0;
};

// Tokenises text[from, text.size()); offsets stay relative to the start of `text`.
// `text` must be valid UTF-8 (checked by parse_article).
Tokens tokenize(std::string_view text, std::size_t from = 0);

// Base text of a token (without possessive ending).
inline std::string_view base_text(std::string_view text, const Token& t) {
    return text.substr(t.b0, t.base_b1 - t.b0);
}

}  // namespace frontmap
