#pragma once
// The one normalisation every name and every text token goes through (DESIGN, Geocoding):
// Unicode NFKC, case fold, Cyrillic (and any other script) transliterated to Latin with ICU,
// diacritics and apostrophes stripped, punctuation folded to single spaces, and a light
// spelling fold so that common romanisation variants meet: Купянськ, Kupiansk, Kupyansk and
// Kup'yans'k all give "kupyansk".

#include <string>
#include <string_view>

namespace frontmap {

// Returns the normalised key of a UTF-8 string. Invalid UTF-8 is replaced, never fatal.
// Thread-safe (each thread gets its own ICU transliterator).
std::string normalize_key(std::string_view utf8);

// The spelling fold alone, applied to lower-case ASCII (exposed for tests).
std::string fold_spelling(std::string_view ascii_lower);

}  // namespace frontmap
