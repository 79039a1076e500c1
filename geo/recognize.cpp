// Toponym recognition: capitalised spans of one to four tokens looked up by normalised key,
// with the filters that keep people, organisations, media and ordinary words out.

#include <unordered_set>

#include "geo/fast_key.hpp"
#include "geo/lexicon.hpp"
#include "geo/normalize.hpp"
#include "geo/reader.hpp"

namespace frontmap {
namespace {

bool is_connector(std::string_view w) {
    static const std::unordered_set<std::string_view> kConnectors = {
        "de", "la", "le", "du", "des", "del", "di", "da", "do", "dos", "das", "am", "an", "der", "on", "upon", "en",
        "sur", "of", "y", "e", "al", "el"};
    return kConnectors.count(w) > 0;
}

bool is_open_quote(std::string_view p) {
    return p == "\"" || p == "'" || p == "(" || p == "[" || p == "\xE2\x80\x9C" || p == "\xE2\x80\x98" || p == "-" ||
           p == ":";
}

// Nouns that, shortly before a name, say it is a populated place or a region.
bool is_city_cue(std::string_view w) {
    return w == "city" || w == "town" || w == "village" || w == "settlement" || w == "hamlet" || w == "towns" ||
           w == "villages" || w == "cities" || w == "settlements" || w == "outskirts" || w == "suburb" ||
           w == "suburbs" || w == "port" || w == "capital";
}

// Words that follow or precede a place name without being part of an unknown one.
bool is_region_or_city_word(std::string_view w) {
    return w == "oblast" || w == "region" || w == "raion" || w == "district" || w == "province" || w == "krai" ||
           w == "republic" || w == "county" || w == "state" || w == "city" || w == "town" || w == "village" ||
           w == "river" || w == "reservoir" || w == "direction" || w == "axis" || w == "front" || w == "sector" ||
           w == "governor" || w == "mayor" || w == "territory" || w == "peninsula";
}

std::size_t tk_letters(const Token& t) {
    std::size_t n = 0;
    for (char c : t.lower)
        if (c >= 'a' && c <= 'z') ++n;
    return n;
}

}  // namespace

Reader::Reader(Gazetteer& gazetteer, ReaderOptions options) : gaz_(gazetteer), opt_(std::move(options)) {}

std::vector<Mention> Reader::recognize(std::string_view text, const Tokens& tokens) {
    const Lexicon& lex = Lexicon::get();
    const auto& t = tokens.tokens;
    const std::size_t n = t.size();
    std::vector<Mention> out;
    out.reserve(n / 8 + 4);

    // Words the article also writes in lower case are ordinary words when capitalised at the
    // start of a sentence ("Civilian targets ... civilian").
    std::unordered_set<std::string> lower_seen;
    for (const auto& tok : t)
        if (tok.word && !tok.upper && !tok.number) lower_seen.insert(tok.lower);

    auto sentence_initial = [&](std::size_t i) {
        std::size_t k = i;
        while (k > 0 && !t[k - 1].word && t[k - 1].sentence == t[i].sentence && is_open_quote(t[k - 1].lower)) --k;
        return k == 0 || t[k - 1].sentence != t[i].sentence;
    };
    auto cap = [&](std::size_t i) { return i < n && t[i].word && t[i].upper && !t[i].number; };
    auto key_of = [&](std::size_t i) {
        return t[i].non_latin ? fast_key(base_text(text, t[i])) : normalize_key(t[i].lower);
    };

    // People: a given name or a title followed by capitalised words; their surnames later.
    std::vector<char> person(n, 0);
    std::unordered_set<std::string> person_words;
    for (const auto& ph : lex.actors)
        if (ph.type == "person" && ph.words.size() == 1) person_words.insert(ph.words.front());
    for (std::size_t i = 0; i < n; ++i) {
        if (!cap(i)) continue;
        bool given = !t[i].possessive && (lex.given_names.count(t[i].lower) > 0 ||
                                          (t[i].non_latin && lex.given_names.count(key_of(i)) > 0));
        bool starts = (given && cap(i + 1) && t[i + 1].sentence == t[i].sentence && !t[i + 1].hyphen_before);
        if (!starts && i > 0 && t[i - 1].word && lex.titles.count(t[i - 1].lower) > 0 && !t[i].possessive) {
            // "President Zelensky", "envoy Steve Witkoff"; not "minister Kyiv's" (a place after a title
            // is rare but a possessive marks it).
            starts = true;
        }
        if (!starts) continue;
        std::size_t j = i;
        while (j < n && j < i + 4 && cap(j) && t[j].sentence == t[i].sentence) {
            person[j] = 1;
            person_words.insert(t[j].lower);
            if (t[j].possessive) break;
            ++j;
        }
        // The given name alone is not a surname to remember.
        if (given && j > i + 1) person_words.erase(t[i].lower);
    }
    for (std::size_t i = 0; i < n; ++i)
        if (cap(i) && person_words.count(t[i].lower)) person[i] = 1;

    // Demonyms mark actors, never places ("Ukrainian", "Russians"); a seat of government
    // ("Kremlin") is a place only where the text puts something in it.
    std::unordered_set<std::string> demonyms, government_words;
    for (const auto& ph : lex.actors) {
        if (ph.type == "demonym" && ph.words.size() == 1) demonyms.insert(ph.words.front());
        if (ph.type == "government" && ph.words.size() == 1) government_words.insert(ph.words.front());
    }

    // A capitalised word joined to this one by a space in the same sentence that is an ordinary
    // part of a longer name (not a cue such as Oblast or City, not a demonym, a person, a stop word
    // or an organisation word).
    auto name_part = [&](std::size_t k) {
        if (!cap(k) || person[k] || lex.stopwords.count(t[k].lower) || demonyms.count(t[k].lower) ||
            lex.org_words.count(t[k].lower) || is_region_or_city_word(t[k].lower))
            return false;
        return !(sentence_initial(k) && lower_seen.count(t[k].lower));
    };
    auto inside_unknown_name = [&](std::size_t i, const std::vector<Place>& cands) {
        bool after = i + 1 < n && !t[i].possessive && t[i + 1].sentence == t[i].sentence && t[i + 1].space_before &&
                     !t[i + 1].hyphen_before && name_part(i + 1);
        bool before = i > 0 && t[i - 1].sentence == t[i].sentence && t[i].space_before && !t[i - 1].possessive &&
                      !sentence_initial(i - 1) && name_part(i - 1);
        if (!after && !before) return false;
        for (const auto& c : cands)  // an alternate name ("Day" for Dayton) earns no exemption
            if (c.source != NameSource::alt &&
                (c.kind != PlaceKind::city || c.population >= 100000 || c.feature_code == "PPLC"))
                return false;
        return true;
    };

    std::vector<char> consumed(n, 0);
    for (std::size_t i = 0; i < n; ++i) {
        if (!cap(i) && !(t[i].word && t[i].non_latin && t[i].upper)) continue;
        if (person[i] || consumed[i]) continue;
        std::size_t best_end = 0;
        std::string best_key;
        bool blocked = false;
        for (std::size_t len = 4; len >= 1; --len) {
            std::size_t j = i + len;
            if (j > n) continue;
            bool ok = true;
            for (std::size_t k = i; k < j && ok; ++k) {
                const Token& tk = t[k];
                if (!tk.word || tk.sentence != t[i].sentence || person[k]) ok = false;
                else if (k + 1 < j && tk.possessive) ok = false;
                else if (k > i && k + 1 < j && !tk.upper && !is_connector(tk.lower)) ok = false;
                else if (k + 1 == j && !tk.upper) ok = false;
                else if (k > i && !tk.space_before && !tk.hyphen_before) ok = false;
            }
            if (!ok) continue;
            std::string key = len == 1 ? key_of(i) : fast_key(text.substr(t[i].b0, t[j - 1].base_b1 - t[i].b0));
            if (key.empty()) continue;
            if (lex.not_places.count(key)) {
                for (std::size_t k = i; k < j; ++k) consumed[k] = 1;
                blocked = true;
                break;
            }
            if (len == 1) {
                const Token& tk = t[i];
                if (demonyms.count(tk.lower)) continue;
                std::size_t letters = tk.lower.size();
                if (letters < 2) continue;
                if (lex.stopwords.count(tk.lower)) continue;
                if (sentence_initial(i) && lower_seen.count(tk.lower)) continue;
            }
            const auto& cands = gaz_.lookup(key);
            if (cands.empty()) continue;
            if (len == 1 && t[i].all_caps && t[i].lower.size() <= 5) {
                // Acronyms (NATO, BBC, UN) are places only when they are a country's short form; a
                // word of four or more capitals may be a dateline ("KYIV, Nov 20") naming a big city.
                bool ok_caps = false;
                for (const auto& c : cands) {
                    if (c.kind == PlaceKind::country) ok_caps = true;
                    if (tk_letters(t[i]) >= 4 && c.kind == PlaceKind::city &&
                        (c.population >= 100000 || c.feature_code == "PPLC"))
                        ok_caps = true;
                }
                if (!ok_caps) continue;
            }
            if (len == 1 && government_words.count(t[i].lower)) {
                // "the Kremlin said" is the government; "talks at the Kremlin" is the building.
                std::size_t k = i;
                if (k > 0 && t[k - 1].lower == "the") --k;
                const std::string prev = k > 0 ? t[k - 1].lower : std::string();
                if (!(prev == "at" || prev == "in" || prev == "inside" || prev == "outside" || prev == "near" ||
                      prev == "to" || prev == "from" || prev == "into"))
                    continue;
            }
            if (len == 1 && i + 1 < n && t[i + 1].word && !t[i].possessive) {
                // "Pushilin said": a small town never speaks; a capital or a region may (metonymy).
                const std::string& next = t[i + 1].lower;
                if (next == "said" || next == "says" || next == "told" || next == "added" || next == "wrote" ||
                    next == "stated" || next == "noted" || next == "argued" || next == "insisted" ||
                    next == "warned" || next == "claimed" || next == "posted") {
                    bool speaker_place = false;
                    for (const auto& c : cands)
                        if (c.kind != PlaceKind::city || c.population >= 200000 || c.feature_code == "PPLC" ||
                            c.feature_code == "PPLA")
                            speaker_place = true;
                    if (!speaker_place) continue;
                }
            }
            if (len == 1 && inside_unknown_name(i, cands)) {
                // "the settlement of Zelene Pole": a known word inside a longer capitalised name the
                // gazetteer lacks names a small village only if nothing bigger fits; keep the
                // parts that are countries, regions or big cities ("Donetsk People's Republic").
                for (std::size_t k = i; k < n && k < i + 4 && cap(k) && t[k].sentence == t[i].sentence; ++k) {
                    consumed[k] = 1;
                    if (t[k].possessive) break;
                }
                blocked = true;
                break;
            }
            best_end = j;
            best_key = std::move(key);
            break;
        }
        if (blocked) continue;
        if (best_end == 0) {
            // Bounded fuzzy match for an unknown capitalised word where the context supports a place.
            const Token& tk = t[i];
            if (!opt_.fuzzy || tk.all_caps || sentence_initial(i) || lex.stopwords.count(tk.lower) ||
                demonyms.count(tk.lower) || lex.not_places.count(key_of(i)) ||
                lex.given_names.count(tk.lower) || cap(i + 1) || (i > 0 && cap(i - 1) && !t[i - 1].possessive))
                continue;
            std::string key = key_of(i);
            if (key.size() < 5 || key.find(' ') != std::string::npos) continue;
            bool cue = false;
            for (std::size_t k = i >= 4 ? i - 4 : 0; k < i; ++k)
                if (t[k].word && is_city_cue(t[k].lower) && t[k].sentence == tk.sentence) cue = true;
            if (!cue) continue;
            int max_d = key.size() >= 8 ? 2 : 1;
            auto hits = gaz_.fuzzy(key, max_d);
            Mention m;
            for (const auto& h : hits) {
                for (const auto& c : gaz_.lookup(h.key)) {
                    if (c.kind != PlaceKind::city) continue;
                    bool in_theatre = false;
                    for (const auto& th : opt_.theatre)
                        if (c.country == th) in_theatre = true;
                    if (!in_theatre || c.population < 5000) continue;
                    m.candidates.push_back({c, -0.25 * h.distance});
                }
            }
            if (m.candidates.empty()) continue;
            m.tok_begin = i;
            m.tok_end = i + 1;
            m.start = tk.c0;
            m.end = tk.base_c1;
            m.byte_start = tk.b0;
            m.byte_end = tk.base_b1;
            m.surface = std::string(base_text(text, tk));
            m.key = key;
            m.fuzzy = true;
            out.push_back(std::move(m));
            continue;
        }
        // "Kyiv Independent", "Washington Post": a place name that begins an organisation's name.
        if (best_end < n && cap(best_end) && !t[best_end - 1].possessive && lex.org_words.count(t[best_end].lower) &&
            t[best_end].sentence == t[i].sentence) {
            for (std::size_t k = i; k <= best_end; ++k) consumed[k] = 1;
            continue;
        }
        // "pro-Kremlin", "anti-Moscow", "ex-Soviet": an adjective, not a place.
        if (t[i].hyphen_before && i > 0) {
            const std::string& pre = t[i - 1].lower;
            if (pre == "pro" || pre == "anti" || pre == "ex" || pre == "non" || pre == "post" || pre == "pre" ||
                pre == "neo" || pre == "trans" || pre == "inter") {
                i = best_end - 1;
                continue;
            }
        }
        Mention m;
        m.tok_begin = i;
        m.tok_end = best_end;
        m.start = t[i].c0;
        m.end = t[best_end - 1].base_c1;
        m.byte_start = t[i].b0;
        m.byte_end = t[best_end - 1].base_b1;
        m.surface = std::string(text.substr(m.byte_start, m.byte_end - m.byte_start));
        m.key = best_key;
        for (const auto& c : gaz_.lookup(best_key)) m.candidates.push_back({c, 0.0});
        out.push_back(std::move(m));
        for (std::size_t k = i; k < best_end; ++k) consumed[k] = 1;
        i = best_end - 1;
    }

    // Hyphenated compounds ("Interfax-Ukraine") whose other capitalised parts are not places name
    // an organisation; "U.S.-Russia" keeps both places.
    std::vector<char> covered(n, 0);
    for (const auto& m : out)
        for (std::size_t k = m.tok_begin; k < m.tok_end; ++k) covered[k] = 1;
    std::vector<Mention> kept;
    kept.reserve(out.size());
    for (auto& m : out) {
        std::size_t a = m.tok_begin, b = m.tok_end;
        while (a > 0 && t[a].hyphen_before) --a;
        while (b < n && t[b].hyphen_before) ++b;
        bool org = false;
        for (std::size_t k = a; k < b; ++k)
            if ((k < m.tok_begin || k >= m.tok_end) && cap(k) && !covered[k]) org = true;
        if (!org) kept.push_back(std::move(m));
    }
    return kept;
}

}  // namespace frontmap
