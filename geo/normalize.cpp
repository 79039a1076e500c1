#include "geo/normalize.hpp"

#include <memory>
#include <mutex>

#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/unistr.h>

#include "geo/error.hpp"

namespace frontmap {
namespace {

// Cyrillic first, by our own table (ICU's generic Cyrillic-Latin gives "â" for "я", which would
// drop the "y" that English-language sources write), then every other script by ICU.
constexpr const char16_t* kRules =
    u"ґ > g; г > h; а > a; б > b; в > v; д > d; е > e; ё > yo; є > ye; ж > zh; з > z; и > y; "
    u"і > i; ї > yi; й > y; к > k; л > l; м > m; н > n; о > o; п > p; р > r; с > s; т > t; "
    u"у > u; ф > f; х > kh; ц > ts; ч > ch; ш > sh; щ > shch; ъ > ; ы > y; ь > ; э > e; "
    u"ю > yu; я > ya; ў > u; "
    u":: Any-Latin; :: Latin-ASCII;";

class Transliterator {
public:
    Transliterator() {
        UErrorCode status = U_ZERO_ERROR;
        UParseError parse{};
        icu::UnicodeString rules(kRules);
        tr_.reset(icu::Transliterator::createFromRules("frontmap-latin", rules, UTRANS_FORWARD,
                                                       parse, status));
        if (U_FAILURE(status) || !tr_) {
            throw LibraryError("failed to create 'ICU transliterator'", u_errorName(status));
        }
        nfkc_cf_ = icu::Normalizer2::getNFKCCasefoldInstance(status);
        if (U_FAILURE(status)) throw LibraryError("failed to load 'ICU NFKC_Casefold'", u_errorName(status));
    }
    std::string to_ascii(std::string_view utf8) {
        UErrorCode status = U_ZERO_ERROR;
        icu::UnicodeString s = icu::UnicodeString::fromUTF8(
            icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
        icu::UnicodeString folded = nfkc_cf_->normalize(s, status);
        if (U_FAILURE(status)) folded = s;
        tr_->transliterate(folded);
        std::string out;
        folded.toUTF8String(out);
        return out;
    }

private:
    std::unique_ptr<icu::Transliterator> tr_;
    const icu::Normalizer2* nfkc_cf_ = nullptr;
};

bool is_ascii(std::string_view s) {
    for (unsigned char c : s)
        if (c >= 0x80) return false;
    return true;
}

// Lower-case, keep [a-z0-9], drop apostrophes, every other byte becomes one separating space.
std::string ascii_clean(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    bool space = false;
    for (unsigned char c : s) {
        if (c >= 'A' && c <= 'Z') c = static_cast<unsigned char>(c - 'A' + 'a');
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            if (space && !out.empty()) out.push_back(' ');
            space = false;
            out.push_back(static_cast<char>(c));
        } else if (c == '\'' || c == '`') {
            // apostrophes and soft-sign marks vanish without splitting the word
        } else {
            space = true;
        }
    }
    return out;
}

bool is_vowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y'; }

}  // namespace

std::string fold_spelling(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        char c = s[i];
        char next = i + 1 < s.size() ? s[i + 1] : '\0';
        // ia/ja -> ya, iu/ju -> yu, je -> ye, jo -> yo: the iotated vowels of romanised names.
        if ((c == 'i' || c == 'j') && (next == 'a' || next == 'u')) {
            bool after_vowel = !out.empty() && is_vowel(out.back());
            // keep "i" in diphthongs like "aia" only when it follows a vowel and is "i"
            if (!(c == 'i' && after_vowel)) c = 'y';
        } else if (c == 'j' && (next == 'e' || next == 'o')) {
            c = 'y';
        }
        out.push_back(c);
    }
    // Word-final -yy, -iy, -yi, -ij, -yj (adjectival endings) -> -y.
    std::string res;
    res.reserve(out.size());
    std::size_t start = 0;
    while (start <= out.size()) {
        std::size_t end = out.find(' ', start);
        if (end == std::string::npos) end = out.size();
        std::string word = out.substr(start, end - start);
        if (word.size() > 3) {
            std::string_view tail(word.data() + word.size() - 2, 2);
            if (tail == "yy" || tail == "iy" || tail == "yi" || tail == "ij" || tail == "yj") {
                word.resize(word.size() - 2);
                word.push_back('y');
            }
        }
        if (!res.empty() || start > 0) res.push_back(' ');
        res += word;
        start = end + 1;
    }
    if (!res.empty() && res.front() == ' ') res.erase(0, 1);
    return res;
}

std::string normalize_key(std::string_view utf8) {
    if (is_ascii(utf8)) return fold_spelling(ascii_clean(utf8));
    thread_local std::unique_ptr<Transliterator> tr;
    if (!tr) tr = std::make_unique<Transliterator>();
    return fold_spelling(ascii_clean(tr->to_ascii(utf8)));
}

}  // namespace frontmap
