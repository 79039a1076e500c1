#include "geo/fast_key.hpp"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include "geo/normalize.hpp"

namespace frontmap {

std::string fast_key(std::string_view utf8) {
    bool ascii = true;
    for (unsigned char c : utf8)
        if (c >= 0x80) {
            ascii = false;
            break;
        }
    if (ascii) return normalize_key(utf8);
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
    if (U_FAILURE(status) || nfd == nullptr) return normalize_key(utf8);
    std::string out;
    out.reserve(utf8.size());
    const auto* p = reinterpret_cast<const uint8_t*>(utf8.data());
    const auto n = static_cast<std::int32_t>(utf8.size());
    std::int32_t i = 0;
    while (i < n) {
        UChar32 c;
        U8_NEXT(p, i, n, c);
        if (c < 0) return normalize_key(utf8);
        if (c < 0x80) {
            out.push_back(static_cast<char>(c));
            continue;
        }
        if (c == 0x2019 || c == 0x2018 || c == 0x02BC) {
            out.push_back('\'');
            continue;
        }
        if (c == 0x2013 || c == 0x2014 || c == 0x201C || c == 0x201D || c == 0x00A0 || c == 0x2010 || c == 0x2011) {
            out.push_back(' ');
            continue;
        }
        icu::UnicodeString d;
        if (!nfd->getDecomposition(c, d) || d.length() < 2) return normalize_key(utf8);
        UChar32 base = d.char32At(0);
        if (base >= 0x80 || !((base >= 'a' && base <= 'z') || (base >= 'A' && base <= 'Z')))
            return normalize_key(utf8);
        for (std::int32_t k = U16_LENGTH(base); k < d.length(); ++k)
            if (u_getCombiningClass(d.charAt(k)) == 0) return normalize_key(utf8);
        out.push_back(static_cast<char>(base));
    }
    return normalize_key(out);
}

}  // namespace frontmap
