// The whole reading of one article, and its JSON form (issue 3).

#include <cmath>

#include "geo/reader.hpp"

namespace frontmap {

Extraction Reader::read(const Article& article) {
    Extraction x;
    x.date = article.date;
    std::string_view text(article.text);
    Tokens tokens = tokenize(text, article.body_start);
    x.dates = find_dates(text, tokens, article.date, &x.unresolved_dates);
    x.mentions = recognize(text, tokens);
    // A date expression is never a place ("May", "March" as a town).
    std::vector<char> in_date(tokens.tokens.size(), 0);
    for (const auto& d : x.dates)
        for (std::size_t k = d.tok_begin; k < d.tok_end; ++k) in_date[k] = 1;
    std::erase_if(x.mentions, [&](const Mention& m) { return in_date[m.tok_begin] != 0; });
    resolve(text, tokens, x.mentions);
    for (auto& m : x.mentions) {
        if (m.place.kind != PlaceKind::city) continue;
        if (std::string n = gaz_.canonical_name(m.place.geonames_id); !n.empty()) m.place.name = std::move(n);
    }
    x.claims = extract_claims(text, tokens, x.mentions, x.dates, article.date);
    return x;
}

namespace {

double round_to(double v, int digits) {
    double f = std::pow(10.0, digits);
    return std::round(v * f) / f;
}

nlohmann::ordered_json null_or(const std::string& s) { return s.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(s); }

}  // namespace

nlohmann::ordered_json place_json(const Place& p) {
    nlohmann::ordered_json j;
    j["name"] = p.name;
    j["kind"] = to_string(p.kind);
    j["geonames_id"] = p.geonames_id != 0 ? nlohmann::ordered_json(p.geonames_id) : nlohmann::ordered_json(nullptr);
    j["iso"] = (p.kind == PlaceKind::region || p.kind == PlaceKind::country) ? null_or(p.iso) : nlohmann::ordered_json(nullptr);
    j["country"] = null_or(p.country);
    j["admin1"] = null_or(p.kind == PlaceKind::city || p.kind == PlaceKind::landmark ? p.admin1 : p.kind == PlaceKind::region ? p.iso : std::string());
    j["lat"] = round_to(p.lat, 5);
    j["lon"] = round_to(p.lon, 5);
    return j;
}

nlohmann::ordered_json claim_json(const Claim& c) {
    nlohmann::ordered_json j;
    j["place"] = place_json(c.place);
    j["actor"] = c.actor;
    j["stance"] = c.stance;
    j["part"] = null_or(c.part);
    j["claim_date"] = c.claim_date ? nlohmann::ordered_json(format_date(*c.claim_date)) : nlohmann::ordered_json(nullptr);
    j["attributed_to"] = null_or(c.attributed_to);
    j["evidence"] = {{"start", c.evidence_start}, {"end", c.evidence_end}};
    j["confidence"] = round_to(c.confidence, 2);
    return j;
}

nlohmann::ordered_json to_json(const Extraction& x, const std::string& sha256) {
    nlohmann::ordered_json j;
    j["article"] = {{"date", x.date ? nlohmann::ordered_json(format_date(*x.date)) : nlohmann::ordered_json(nullptr)},
                    {"sha256", sha256}};
    nlohmann::ordered_json ms = nlohmann::ordered_json::array();
    for (const auto& m : x.mentions) {
        nlohmann::ordered_json mj;
        mj["start"] = m.start;
        mj["end"] = m.end;
        mj["byte_start"] = m.byte_start;
        mj["byte_end"] = m.byte_end;
        mj["surface"] = m.surface;
        mj["place"] = place_json(m.place);
        mj["score"] = round_to(m.score, 2);
        if (m.runner_up) {
            mj["runner_up"] = {{"name", m.runner_up->place.name},
                               {"kind", to_string(m.runner_up->place.kind)},
                               {"geonames_id", m.runner_up->place.geonames_id != 0
                                                   ? nlohmann::ordered_json(m.runner_up->place.geonames_id)
                                                   : nlohmann::ordered_json(nullptr)},
                               {"score", round_to(m.runner_up->score, 2)}};
        } else {
            mj["runner_up"] = nullptr;
        }
        ms.push_back(std::move(mj));
    }
    j["mentions"] = std::move(ms);
    nlohmann::ordered_json cs = nlohmann::ordered_json::array();
    for (const auto& c : x.claims) cs.push_back(claim_json(c));
    j["claims"] = std::move(cs);
    return j;
}

}  // namespace frontmap
