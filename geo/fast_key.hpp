#pragma once
// normalize_key() for text that is ASCII apart from accented Latin letters, apostrophes, dashes
// and quotes, without building ICU's transliterator (about 50 ms, most of the `extract`
// start-up budget): such characters are first reduced to the ASCII that normalize_key would
// give them (NFD base letter; ’ -> '; dashes and quotes -> space), then normalize_key runs on
// ASCII. Anything else (Cyrillic, Ł, ß, ...) goes to normalize_key unchanged, so the key is
// always exactly normalize_key's (tests/geo/test_fast_key.cpp checks that).

#include <string>
#include <string_view>

namespace frontmap {

std::string fast_key(std::string_view utf8);

}  // namespace frontmap
