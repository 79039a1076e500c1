#include "geo/tokenize.hpp"

#include <algorithm>

#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

namespace frontmap {
namespace {

bool is_apostrophe(UChar32 c) { return c == '\'' || c == 0x2019 || c == 0x02BC || c == 0x2018 || c == '`'; }
bool is_hyphen(UChar32 c) { return c == '-' || c == 0x2010 || c == 0x2011; }
bool is_wordchar(UChar32 c) {
    if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    return u_isalnum(c) || u_getCombiningClass(c) != 0 || u_charType(c) == U_NON_SPACING_MARK;
}
bool is_space(UChar32 c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0xA0 || u_isUWhiteSpace(c); }

struct Cursor {
    std::string_view s;
    std::int32_t pos = 0;  // byte
    std::uint32_t cp = 0;  // code point index
    UChar32 peek(std::int32_t at) const {
        if (at >= static_cast<std::int32_t>(s.size())) return -1;
        UChar32 c;
        std::int32_t i = at;
        U8_NEXT(reinterpret_cast<const uint8_t*>(s.data()), i, static_cast<std::int32_t>(s.size()), c);
        return c;
    }
    std::int32_t after(std::int32_t at) const {
        std::int32_t i = at;
        UChar32 c;
        U8_NEXT(reinterpret_cast<const uint8_t*>(s.data()), i, static_cast<std::int32_t>(s.size()), c);
        (void)c;
        return i;
    }
};

// Abbreviations whose final period does not end a sentence.
bool is_title_abbrev(std::string_view lower) {
    static const char* const kAbbrev[] = {"mr", "mrs", "ms", "dr", "st", "gen", "lt", "col", "maj", "capt",
                                          "sgt", "prof", "rev", "no", "vs", "jr", "sr", "adm", "gov", "sen",
                                          "rep", "u.s", "u.k", "e.g", "i.e", "etc", "approx", "km", "mt"};
    for (const char* a : kAbbrev)
        if (lower == a) return true;
    return false;
}

void finish_word(std::string_view text, Token& t) {
    std::string_view w = text.substr(t.b0, t.b1 - t.b0);
    t.number = !w.empty() && w[0] >= '0' && w[0] <= '9';
    // Possessive: ends in apostrophe + s, or s + apostrophe.
    t.base_b1 = t.b1;
    t.base_c1 = t.c1;
    auto ends_with = [&](std::string_view suf) { return w.size() > suf.size() && w.substr(w.size() - suf.size()) == suf; };
    for (std::string_view suf : {std::string_view("\xE2\x80\x99s"), std::string_view("'s"), std::string_view("\xCA\xBCs")}) {
        if (ends_with(suf)) {
            t.possessive = true;
            t.base_b1 = t.b1 - static_cast<std::uint32_t>(suf.size());
            t.base_c1 = t.c1 - 2;
            break;
        }
    }
    if (!t.possessive) {
        for (std::string_view suf : {std::string_view("s\xE2\x80\x99"), std::string_view("s'")}) {
            if (ends_with(suf)) {
                t.possessive = true;
                t.base_b1 = t.b1 - static_cast<std::uint32_t>(suf.size() - 1);
                t.base_c1 = t.c1 - 1;
                break;
            }
        }
    }
    std::string_view base = text.substr(t.b0, t.base_b1 - t.b0);
    bool ascii = true;
    for (unsigned char c : base)
        if (c >= 0x80) ascii = false;
    int letters = 0, uppers = 0;
    bool first_letter_seen = false;
    if (ascii) {
        t.lower.reserve(base.size());
        for (char c : base) {
            bool up = c >= 'A' && c <= 'Z';
            bool low = c >= 'a' && c <= 'z';
            if (up || low) {
                ++letters;
                if (up) ++uppers;
                if (!first_letter_seen) {
                    t.upper = up;
                    first_letter_seen = true;
                }
            }
            t.lower.push_back(up ? static_cast<char>(c - 'A' + 'a') : c);
        }
    } else {
        std::int32_t i = 0, n = static_cast<std::int32_t>(base.size());
        const auto* p = reinterpret_cast<const uint8_t*>(base.data());
        while (i < n) {
            UChar32 c;
            U8_NEXT(p, i, n, c);
            if (c < 0) continue;
            if (is_apostrophe(c)) {
                t.lower.push_back('\'');
                continue;
            }
            if (u_isalpha(c)) {
                ++letters;
                if (c >= 0x80) t.non_latin = true;
                bool up = u_isupper(c) || u_istitle(c);
                if (up) ++uppers;
                if (!first_letter_seen) {
                    t.upper = up;
                    first_letter_seen = true;
                }
            }
            UChar32 l = u_tolower(c);
            char buf[4];
            std::int32_t k = 0;
            UBool err = false;
            U8_APPEND(reinterpret_cast<uint8_t*>(buf), k, 4, l, err);
            if (!err) t.lower.append(buf, static_cast<std::size_t>(k));
        }
    }
    t.all_caps = letters >= 2 && uppers == letters;
}

// Hard-wrapped text (an e-mail, a wire copy at 72-100 columns) breaks lines inside sentences. Its
// width is the longest line of the text; a line of at least 60% of that width, in a text no wider
// than 120 columns, is a wrapped one and its newline is a space. A shorter line (a headline, a
// dateline, the end of a paragraph), a blank line or a text of long lines ends the sentence.
struct WrapRule {
    std::size_t width = 0;  // code points of the longest line; 0 when the text is not hard-wrapped
    bool soft(std::size_t line_len) const { return width > 0 && line_len * 10 >= width * 6; }
};

WrapRule wrap_rule(std::string_view text, std::size_t from) {
    std::size_t widest = 0, len = 0, lines = 0;
    for (std::size_t i = from; i < text.size(); ++i) {
        auto c = static_cast<unsigned char>(text[i]);
        if (c == '\n') {
            widest = std::max(widest, len);
            len = 0;
            ++lines;
        } else if ((c & 0xC0) != 0x80) {
            ++len;
        }
    }
    widest = std::max(widest, len);
    WrapRule r;
    if (lines >= 2 && widest <= 120) r.width = widest;
    return r;
}

// True when only spaces separate position i from the next newline (or the end): a blank line.
bool blank_line_after(std::string_view text, std::size_t i) {
    for (; i < text.size(); ++i) {
        char c = text[i];
        if (c == '\n') return true;
        if (c != ' ' && c != '\t' && c != '\r') return false;
    }
    return true;
}

}  // namespace

Tokens tokenize(std::string_view text, std::size_t from) {
    Tokens out;
    out.tokens.reserve(text.size() / 5 + 8);
    const WrapRule wrap = wrap_rule(text, from);
    Cursor cur{text, 0, 0};
    // Count code points up to `from`.
    std::int32_t i = 0, n = static_cast<std::int32_t>(text.size());
    std::uint32_t cp = 0;
    while (i < static_cast<std::int32_t>(from) && i < n) {
        i = cur.after(i);
        ++cp;
    }
    std::uint32_t line_start_cp = cp;
    std::uint32_t sentence = 0;
    bool space = true, hyphen = false, pending_break = false;
    auto new_sentence = [&] {
        if (!out.tokens.empty() && out.tokens.back().sentence == sentence) ++sentence;
    };
    // Text without sentence ends (a scraped page, a list) is cut into pieces of bounded length so
    // that everything done per sentence stays linear in the text.
    std::size_t sentence_start = 0;
    auto bound_sentence = [&](bool at_punct) {
        std::size_t len = out.tokens.size() - sentence_start;
        if (!out.tokens.empty() && out.tokens.back().sentence != sentence) sentence_start = out.tokens.size();
        if ((len >= 250 && at_punct) || len >= 400) {
            new_sentence();
            sentence_start = out.tokens.size();
        }
    };
    while (i < n) {
        UChar32 c = cur.peek(i);
        std::int32_t next = cur.after(i);
        if (c < 0) {
            i = next;
            ++cp;
            continue;
        }
        if (is_space(c)) {
            if (c == '\n') {
                std::size_t line_len = cp - line_start_cp;
                line_start_cp = cp + 1;
                bool soft = wrap.soft(line_len) && !blank_line_after(text, static_cast<std::size_t>(next)) &&
                            !out.tokens.empty() && out.tokens.back().sentence == sentence;
                if (!soft) {
                    pending_break = false;
                    new_sentence();
                }
            }
            space = true;
            hyphen = false;
            i = next;
            ++cp;
            continue;
        }
        if (pending_break) {
            // A sentence ends after . ! ? (and closing quotes) when the next word is not lower case.
            bool lower_next = !(c >= 'A' && c <= 'Z') && u_islower(c);
            if (!lower_next && !(c == '"' || c == 0x201D || c == ')' || c == '\'' || c == 0x2019)) {
                new_sentence();
                pending_break = false;
            } else if (lower_next) {
                pending_break = false;
            }
        }
        if (is_wordchar(c)) {
            Token t;
            t.b0 = static_cast<std::uint32_t>(i);
            t.c0 = cp;
            t.word = true;
            t.space_before = space;
            t.hyphen_before = hyphen;
            t.sentence = sentence;
            std::int32_t j = next;
            std::uint32_t k = cp + 1;
            bool dotted = false;
            std::int32_t run = 1;  // letters since the last dot
            while (j < n) {
                UChar32 d = cur.peek(j);
                std::int32_t dn = cur.after(j);
                if (d >= 0 && is_wordchar(d)) {
                    j = dn;
                    ++k;
                    ++run;
                    continue;
                }
                if (d >= 0 && is_apostrophe(d)) {
                    UChar32 e = cur.peek(dn);
                    if (e >= 0 && is_wordchar(e)) {
                        j = dn;
                        ++k;
                        continue;
                    }
                    // plural possessive "forces'"
                    if (j > 0 && text[static_cast<std::size_t>(j) - 1] == 's' && (e < 0 || !is_wordchar(e))) {
                        j = dn;
                        ++k;
                    }
                    break;
                }
                if (d == '.' && run == 1) {
                    // U.S., U.K.: single letters separated by dots.
                    UChar32 e = cur.peek(dn);
                    if (e >= 0 && u_isalpha(e) && cur.peek(cur.after(dn)) == '.') {
                        j = dn;
                        ++k;
                        dotted = true;
                        run = 0;
                        continue;
                    }
                    if (dotted) {
                        j = dn;
                        ++k;
                    }
                    break;
                }
                break;
            }
            t.b1 = static_cast<std::uint32_t>(j);
            t.c1 = k;
            finish_word(text, t);
            bound_sentence(false);
            t.sentence = sentence;
            out.tokens.push_back(std::move(t));
            i = j;
            cp = k;
            space = false;
            hyphen = false;
            continue;
        }
        if (is_hyphen(c) && !space && i + 1 < n) {
            UChar32 d = cur.peek(next);
            if (d >= 0 && is_wordchar(d)) {
                hyphen = true;
                i = next;
                ++cp;
                continue;
            }
        }
        Token t;
        t.b0 = static_cast<std::uint32_t>(i);
        t.b1 = static_cast<std::uint32_t>(next);
        t.base_b1 = t.b1;
        t.c0 = cp;
        t.c1 = cp + 1;
        t.base_c1 = t.c1;
        t.space_before = space;
        t.sentence = sentence;
        t.lower = std::string(text.substr(static_cast<std::size_t>(i), static_cast<std::size_t>(next - i)));
        // assign(1, ch): GCC 12 -O3 warns (-Wrestrict, a false positive) on assigning a literal here
        if (c == 0x2019 || c == 0x2018) t.lower.assign(1, '\'');
        if (c == 0x201C || c == 0x201D) t.lower.assign(1, '"');
        if (c == 0x2013 || c == 0x2014) t.lower.assign(1, '-');
        bool terminal = c == '.' || c == '!' || c == '?' || c == 0x2026;
        if (terminal && c == '.' && !out.tokens.empty()) {
            const Token& prev = out.tokens.back();
            if (prev.word && !t.space_before && is_title_abbrev(prev.lower)) terminal = false;
        }
        out.tokens.push_back(std::move(t));
        if (terminal) pending_break = true;
        if (c == ',' || c == ';') bound_sentence(true);
        i = next;
        ++cp;
        space = false;
        hyphen = false;
    }
    out.sentences = out.tokens.empty() ? 0 : out.tokens.back().sentence + 1;
    return out;
}

}  // namespace frontmap
