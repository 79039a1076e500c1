// Resolution with evidence (DESIGN, Geocoding): population and feature class, name source,
// theatre of interest, countries named in the article, cue words, "Town, Region" pairs and
// distance to the other places of the article. Every mention keeps its runner-up.

#include <algorithm>
#include <cmath>
#include <unordered_set>

#include "geo/lexicon.hpp"
#include "geo/normalize.hpp"
#include "geo/reader.hpp"

namespace frontmap {
namespace {

double km_between(double lat1, double lon1, double lat2, double lon2) {
    constexpr double kRad = 3.14159265358979323846 / 180.0;
    double dlat = (lat2 - lat1) * kRad, dlon = (lon2 - lon1) * kRad;
    double a = std::sin(dlat / 2) * std::sin(dlat / 2) +
               std::cos(lat1 * kRad) * std::cos(lat2 * kRad) * std::sin(dlon / 2) * std::sin(dlon / 2);
    return 6371.0 * 2 * std::atan2(std::sqrt(a), std::sqrt(1 - a));
}

double prior(const Place& p) {
    double s = 0;
    switch (p.kind) {
        case PlaceKind::city: {
            s = 0.15 * std::log10(static_cast<double>(std::max<std::int64_t>(p.population, 0)) + 1.0);
            const std::string& fc = p.feature_code;
            if (fc == "PPLC") s += 0.35;
            else if (fc == "PPLA") s += 0.25;
            else if (fc == "PPLA2") s += 0.12;
            else if (fc == "PPLA3") s += 0.05;
            break;
        }
        case PlaceKind::region: s = 0.75; break;
        case PlaceKind::country: s = 1.6; break;
        case PlaceKind::continent: s = 1.6; break;
        case PlaceKind::landmark: s = 1.2; break;
    }
    if (p.source == NameSource::alt) s -= 0.2;
    else if (p.source == NameSource::ascii) s -= 0.05;
    return s;
}

bool is_region_cue(std::string_view w) {
    return w == "region" || w == "regions" || w == "oblast" || w == "oblasts" || w == "province" ||
           w == "provinces" || w == "territory" || w == "territories" || w == "krai" || w == "kray" ||
           w == "republic" || w == "governorate" || w == "county" || w == "state" || w == "peninsula" ||
           w == "governor";
}
bool is_city_cue(std::string_view w) {
    return w == "city" || w == "town" || w == "village" || w == "settlement" || w == "hamlet" || w == "cities" ||
           w == "towns" || w == "villages" || w == "settlements" || w == "outskirts" || w == "suburbs" ||
           w == "suburb" || w == "port" || w == "downtown" || w == "mayor";
}
bool is_force_word(std::string_view w) {
    return w == "troops" || w == "forces" || w == "soldiers" || w == "incursion" || w == "offensive" ||
           w == "units" || w == "army" || w == "operation" || w == "invasion" || w == "brigades" || w == "fighters";
}

double squash(double x) { return 1.0 / (1.0 + std::exp(-x)); }

// Candidates best first. Equal scores are decided by the data, never by the order of the name
// table's rows: the larger population, then the stable place key.
bool better(const Scored& a, const Scored& b) {
    if (a.score != b.score) return a.score > b.score;
    if (a.place.population != b.place.population) return a.place.population > b.place.population;
    return a.place.place_key() < b.place.place_key();
}

}  // namespace

void Reader::resolve(std::string_view text, const Tokens& tokens, std::vector<Mention>& mentions) {
    (void)text;
    const auto& t = tokens.tokens;
    const std::size_t n = t.size();
    std::unordered_set<std::string> theatre(opt_.theatre.begin(), opt_.theatre.end());

    // Countries the article names without doubt.
    std::unordered_set<std::string> named_countries;
    for (const auto& m : mentions)
        for (const auto& c : m.candidates)
            if (c.place.kind == PlaceKind::country) named_countries.insert(c.place.iso);

    // Cue words around each mention.
    std::vector<double> region_cue(mentions.size(), 0), city_cue(mentions.size(), 0);
    std::vector<char> capital_actor(mentions.size(), 0);
    for (std::size_t mi = 0; mi < mentions.size(); ++mi) {
        const Mention& m = mentions[mi];
        const auto sent = t[m.tok_begin].sentence;
        // after: up to 6 tokens, through "and"/"as" lists, stopping at punctuation
        for (std::size_t k = m.tok_end; k < n && k < m.tok_end + 7; ++k) {
            if (!t[k].word) {
                if (t[k].lower == "," || t[k].lower == "." || t[k].lower == ";" || t[k].lower == ":") break;
                continue;
            }
            if (t[k].sentence != sent) break;
            if (is_region_cue(t[k].lower)) {
                region_cue[mi] = k == m.tok_end ? 1.2 : 1.0;
                break;
            }
            if (k == m.tok_end && is_city_cue(t[k].lower)) {
                city_cue[mi] = 0.8;
                break;
            }
        }
        // before: "the city of", "the key eastern city of", "the cities of Kramatorsk and Sloviansk".
        // A cue right after another name is that name's ("in Donetsk oblast that Moscow has tried"),
        // and a relative word ends the phrase the cue could belong to.
        for (std::size_t back = 1; back <= 5 && back <= m.tok_begin; ++back) {
            std::size_t k = m.tok_begin - back;
            const Token& tk = t[k];
            if (tk.sentence != sent || (!tk.word && tk.lower != "-")) break;
            // a relative word or a preposition other than "of" ends the phrase the cue could head
            // ("a farming town in the Zaporizhzhia region": town is not Zaporizhzhia's cue)
            if (tk.lower == "that" || tk.lower == "which" || tk.lower == "who" || tk.lower == "where" ||
                tk.lower == "when" || tk.lower == "while" || tk.lower == "in" || tk.lower == "near" ||
                tk.lower == "at" || tk.lower == "from" || tk.lower == "to" || tk.lower == "into" ||
                tk.lower == "towards" || tk.lower == "on")
                break;
            if (region_cue[mi] >= 1.2) break;  // "Kharkiv region": the word right after decides
            bool cue_city = is_city_cue(tk.lower), cue_region = is_region_cue(tk.lower);
            if ((cue_city || cue_region) && k > 0 && t[k - 1].word && t[k - 1].upper && t[k - 1].sentence == sent &&
                !t[k - 1].hyphen_before)
                break;
            if (cue_city) {
                city_cue[mi] = 0.8;
                break;
            }
            if (cue_region) {
                region_cue[mi] = 0.8;
                break;
            }
        }
        // "Moscow has tried", "Kyiv denied", "Moscow's claim": a capital named as a party (the
        // actor table's capitals) is its city, the seat of government, unless a cue says region.
        if (region_cue[mi] == 0) {
            const Lexicon& lex = Lexicon::get();
            auto it = lex.actor_first.find(t[m.tok_begin].lower);
            if (it != lex.actor_first.end() && m.tok_end == m.tok_begin + 1)
                for (std::size_t idx : it->second)
                    if (lex.actors[idx].type == "capital" && lex.actors[idx].words.size() == 1) capital_actor[mi] = 1;
        }
        // "Malynivka and Novoivanivka in Kursk", "Pokrovsk in Donetsk": a name that locates the
        // settlement just named is its region.
        if (mi > 0 && m.tok_begin >= 2 && t[m.tok_begin - 1].lower == "in" &&
            mentions[mi - 1].tok_end == m.tok_begin - 1 && t[mentions[mi - 1].tok_begin].sentence == sent) {
            bool city_before = false;
            for (const auto& c : mentions[mi - 1].candidates) city_before = city_before || c.place.kind == PlaceKind::city;
            if (city_before) region_cue[mi] = std::max(region_cue[mi], 0.6);
        }
        // "troops in Kursk": forces present in a place of a region's name mean the region.
        if (m.tok_begin >= 2) {
            std::size_t k = m.tok_begin - 1;
            if (t[k].lower == "the" && k > 0) --k;
            if (t[k].lower == "in" || t[k].lower == "into" || t[k].lower == "inside" || t[k].lower == "from") {
                for (std::size_t back = 1; back <= 3 && back <= k; ++back)
                    if (is_force_word(t[k - back].lower)) region_cue[mi] = std::max(region_cue[mi], 0.6);
            }
        }
    }

    // "four Ukrainian regions - Donetsk, Luhansk, Zaporizhzhia and Kherson": a list after a plural
    // region noun names regions; a cue of one member of a list ("Donetsk, Luhansk and Kherson")
    // holds for the others.
    for (std::size_t mi = 0; mi < mentions.size(); ++mi) {
        const Mention& m = mentions[mi];
        if (m.tok_begin < 2 || region_cue[mi] > 0 || city_cue[mi] > 0) continue;
        const std::string& p = t[m.tok_begin - 1].lower;
        if (p != "-" && p != ":") continue;
        for (std::size_t back = 2; back <= 9 && back <= m.tok_begin; ++back) {
            const Token& tk = t[m.tok_begin - back];
            if (tk.sentence != t[m.tok_begin].sentence || tk.lower == "," || tk.lower == ".") break;
            if (tk.lower == "regions" || tk.lower == "oblasts" || tk.lower == "provinces" || tk.lower == "territories") {
                region_cue[mi] = 0.8;
                break;
            }
        }
    }
    for (int pass = 0; pass < 2; ++pass)  // forwards, then backwards
        for (std::size_t step = 0; step + 1 < mentions.size(); ++step) {
            std::size_t a = pass == 0 ? step : mentions.size() - 1 - step;
            std::size_t b = pass == 0 ? step + 1 : a - 1;
            std::size_t lo = std::min(a, b), hi = std::max(a, b);
            bool joined = mentions[hi].tok_begin > mentions[lo].tok_end &&
                          mentions[hi].tok_begin - mentions[lo].tok_end <= 2;
            for (std::size_t k = mentions[lo].tok_end; joined && k < mentions[hi].tok_begin; ++k)
                joined = t[k].lower == "," || t[k].lower == "and" || t[k].lower == "or";
            if (!joined) continue;
            if (region_cue[a] > 0 && region_cue[b] == 0 && city_cue[b] == 0) region_cue[b] = std::min(region_cue[a], 0.8);
            if (city_cue[a] > 0 && city_cue[b] == 0 && region_cue[b] == 0) city_cue[b] = std::min(city_cue[a], 0.8);
        }

    auto base_score = [&](std::size_t mi, const Place& p) {
        double s = prior(p);
        if (theatre.count(p.country)) s += 0.35;
        if (p.kind != PlaceKind::country && named_countries.count(p.country)) s += 0.25;
        if (p.kind == PlaceKind::region) s += region_cue[mi] - 0.3 * (city_cue[mi] > 0);
        if (p.kind == PlaceKind::city) s += city_cue[mi] - 0.3 * (region_cue[mi] > 0);
        if (capital_actor[mi] && p.kind == PlaceKind::city && p.feature_code == "PPLC") s += 0.5;
        return s;
    };

    // Pass 1: evidence local to each mention.
    for (std::size_t mi = 0; mi < mentions.size(); ++mi) {
        auto& m = mentions[mi];
        for (auto& c : m.candidates) c.score += base_score(mi, c.place);
        // An alternate name that is another place's own name ("Novooleksandrivka", a former name
        // of Melitopol, and a village's name today) means the village: an alternate name counts
        // fully only as a spelling of the place's name (Kharkov, Kupyansk) or where no place bears
        // it as its own name in the same country (Krasnoarmeysk is a Russian town's name and
        // Pokrovsk's Russian name).
        std::unordered_set<std::string> own_name_in;
        for (const auto& c : m.candidates)
            if (c.place.kind == PlaceKind::city && c.place.source == NameSource::name) own_name_in.insert(c.place.country);
        if (!own_name_in.empty() && m.key.size() >= 4)
            for (auto& c : m.candidates) {
                if (c.place.kind != PlaceKind::city || c.place.source != NameSource::alt ||
                    !own_name_in.count(c.place.country))
                    continue;
                std::string primary = normalize_key(gaz_.canonical_name(c.place.geonames_id));
                if (primary.compare(0, 4, m.key, 0, 4) != 0) c.score -= 0.5;
            }
        // "the Kyiv region", "Moscow oblast": of two regions with one name (Kyiv: UA-32 and the
        // city UA-30), the oblast, not the city-region.
        if (region_cue[mi] > 0) {
            int regions = 0;
            for (const auto& c : m.candidates) regions += c.place.kind == PlaceKind::region;
            if (regions > 1)
                for (auto& c : m.candidates) {
                    if (c.place.kind != PlaceKind::region) continue;
                    std::string ty = gaz_.region_type(c.place.iso);
                    if (ty == "Federal City" || ty == "Municipality" || ty == "City") c.score -= 0.2;
                }
        }
        std::sort(m.candidates.begin(), m.candidates.end(), better);
    }
    // Pass 2: "Town, Region" pairs and distance to the other confident places of the article.
    // Anchors: the confident cities and regions of the article, each mention looking only at
    // those within kNear mentions of it (distance evidence is local, and the cost stays linear).
    struct Anchor {
        std::size_t index;
        const std::string* key;
        double lat, lon;
    };
    constexpr std::size_t kNear = 40;
    std::vector<Anchor> anchors;
    for (std::size_t i = 0; i < mentions.size(); ++i) {
        const Mention& m = mentions[i];
        if (m.candidates.empty()) continue;
        const Place& p = m.candidates.front().place;
        if (p.kind != PlaceKind::city && p.kind != PlaceKind::region) continue;
        double margin = m.candidates.size() > 1 ? m.candidates[0].score - m.candidates[1].score : 1.0;
        if (margin < 0.3) continue;
        bool dup = false;  // one anchor per place among the recent ones
        for (std::size_t k = anchors.size(); k > 0 && anchors[k - 1].index + kNear > i; --k)
            if (anchors[k - 1].lat == p.lat && anchors[k - 1].lon == p.lon) dup = true;
        if (!dup) anchors.push_back({i, &m.key, p.lat, p.lon});
    }
    for (std::size_t mi = 0; mi < mentions.size(); ++mi) {
        auto& m = mentions[mi];
        // A region named in the same sentence ("Novoivanivka and Pishchane in the Kharkiv region")
        // favours the places inside it.
        std::unordered_set<std::string> sentence_regions;
        const auto sent = t[m.tok_begin].sentence;
        auto note_region = [&](std::size_t k) {
            if (mentions[k].candidates.empty()) return;
            // attached by "in": "X in the Y region", "X in Y Oblast"
            std::size_t b = mentions[k].tok_begin;
            if (b >= 1 && t[b - 1].lower == "the") --b;
            if (b < 1 || t[b - 1].lower != "in") return;
            const Place& q = mentions[k].candidates.front().place;
            if (q.kind == PlaceKind::region && !q.iso.empty()) sentence_regions.insert(q.iso);
        };
        // only a region attached to the name: "X in the Y region", "X and Z in Y Oblast", "X, Y Oblast",
        // "X, a rail hub in the Y region"; not one further on in the sentence ("Moscow said it had
        // seized Kupiansk in Kharkiv oblast").
        std::size_t from = m.tok_end;
        if (from + 1 < n && t[from].lower == "," && (t[from + 1].lower == "a" || t[from + 1].lower == "an" ||
                                                    t[from + 1].lower == "the")) {
            std::size_t k = from + 2;  // an apposition: lower-case words up to "in"
            while (k < n && k < from + 9 && t[k].word && !t[k].upper && t[k].lower != "in") ++k;
            if (k < n && t[k].lower == "in") from = k;
        }
        for (std::size_t k = mi + 1; k < mentions.size() && t[mentions[k].tok_begin].sentence == sent &&
                                     mentions[k].tok_begin <= m.tok_end + 12;
             ++k) {
            bool attached = true;  // only names, "and", "or", commas, "in", "the" between
            for (std::size_t j = from; j < mentions[k].tok_begin && attached; ++j) {
                const std::string& w = t[j].lower;
                bool in_name = false;
                for (std::size_t q = mi + 1; q < k && !in_name; ++q)
                    in_name = j >= mentions[q].tok_begin && j < mentions[q].tok_end;
                attached = in_name || w == "," || w == "and" || w == "or" || w == "in" || w == "the";
            }
            if (!attached) break;
            note_region(k);
        }
        if (!sentence_regions.empty()) {
            std::unordered_set<std::string> region_countries;
            for (const auto& r : sentence_regions) region_countries.insert(r.substr(0, 2));
            for (auto& c : m.candidates) {
                if (c.place.kind != PlaceKind::city) continue;
                if (sentence_regions.count(c.place.admin1)) c.score += 0.6;
                else if (!region_countries.count(c.place.country)) c.score -= 1.0;  // a namesake abroad
            }
        }
    }
    for (std::size_t mi = 0; mi < mentions.size(); ++mi) {
        auto& m = mentions[mi];
        if (m.candidates.size() < 2) continue;
        // "Dublin, Ohio", "Pokrovsk, Donetsk region"
        const Mention* container = nullptr;
        if (mi + 1 < mentions.size() && m.tok_end + 1 == mentions[mi + 1].tok_begin && t[m.tok_end].lower == ",")
            container = &mentions[mi + 1];
        for (auto& c : m.candidates) {
            if (container && !container->candidates.empty()) {
                for (const auto& cc : container->candidates) {
                    const Place& q = cc.place;
                    if ((q.kind == PlaceKind::region && c.place.admin1 == q.iso && !q.iso.empty()) ||
                        (q.kind == PlaceKind::country && c.place.country == q.iso && !q.iso.empty())) {
                        c.score += 1.0;
                        break;
                    }
                }
            }
            double best_km = 1e9;
            auto first = std::lower_bound(anchors.begin(), anchors.end(), mi >= kNear ? mi - kNear : 0,
                                          [](const Anchor& a, std::size_t v) { return a.index < v; });
            for (auto a = first; a != anchors.end() && a->index <= mi + kNear; ++a)
                if (*a->key != m.key) best_km = std::min(best_km, km_between(c.place.lat, c.place.lon, a->lat, a->lon));
            if (best_km < 150) c.score += 0.3;
            else if (best_km < 400) c.score += 0.2;
            else if (best_km < 1000) c.score += 0.1;
        }
        std::sort(m.candidates.begin(), m.candidates.end(), better);
    }

    // Choose, score 0..1, and drop weak ones.
    std::vector<Mention> kept;
    kept.reserve(mentions.size());
    for (auto& m : mentions) {
        if (m.candidates.empty()) continue;
        const Scored& best = m.candidates.front();
        double threshold = m.fuzzy ? 0.9 : 0.55;
        if (best.score < threshold) continue;
        m.place = best.place;
        double conf = squash(3.0 * (best.score - 0.4));
        if (m.candidates.size() > 1) {
            const Scored& second = m.candidates[1];
            double margin = squash(3.0 * (best.score - second.score));
            m.score = conf * margin;
            m.runner_up = Scored{second.place, conf * (1.0 - margin)};
        } else {
            m.score = conf;
        }
        if (m.fuzzy) m.score *= 0.85;
        std::vector<Scored>().swap(m.candidates);  // the choice is made; keep memory per mention small
        kept.push_back(std::move(m));
    }
    mentions = std::move(kept);
}

}  // namespace frontmap
