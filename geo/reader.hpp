#pragma once
// Reading one article (DESIGN, Geocoding and Claims): recognise toponyms, resolve them against
// the gazetteer with evidence, find dates, and extract control claims.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "geo/article.hpp"
#include "geo/dates.hpp"
#include "geo/gazetteer.hpp"
#include "geo/tokenize.hpp"

namespace frontmap {

struct ReaderOptions {
    // Theatre of interest: places in these countries win ties (alpha-2 codes).
    std::vector<std::string> theatre = {"UA", "RU", "BY"};
    bool fuzzy = true;
};

struct Scored {
    Place place;
    double score = 0;
};

struct Mention {
    std::size_t tok_begin = 0, tok_end = 0;
    std::uint32_t start = 0, end = 0;            // code points, end exclusive
    std::uint32_t byte_start = 0, byte_end = 0;  // UTF-8 bytes
    std::string surface;
    std::string key;
    Place place;
    double score = 0;  // 0..1
    std::optional<Scored> runner_up;
    bool fuzzy = false;
    std::vector<Scored> candidates;  // internal: scored candidates, best first
};

struct Claim {
    Place place;
    std::string actor;   // "RU", "UA"
    std::string stance;  // claims_control, holds, holds_part, denies_control, advancing, contested
    std::string part;    // "" for none: north, north-east, ..., centre, outskirts, "70%"
    std::optional<Date> claim_date;
    std::string attributed_to;
    std::uint32_t evidence_start = 0, evidence_end = 0;            // code points
    std::uint32_t evidence_byte_start = 0, evidence_byte_end = 0;  // bytes
    std::string evidence_text;
    double confidence = 0;
};

struct Extraction {
    std::optional<Date> date;
    std::vector<Mention> mentions;
    std::vector<Claim> claims;
    std::vector<DateMention> dates;
    std::size_t unresolved_dates = 0;
};

class Reader {
public:
    Reader(Gazetteer& gazetteer, ReaderOptions options = {});
    Extraction read(const Article& article);

    // Steps, exposed for tests.
    std::vector<Mention> recognize(std::string_view text, const Tokens& tokens);
    void resolve(std::string_view text, const Tokens& tokens, std::vector<Mention>& mentions);

private:
    Gazetteer& gaz_;
    ReaderOptions opt_;
};

std::vector<Claim> extract_claims(std::string_view text, const Tokens& tokens, const std::vector<Mention>& mentions,
                                  const std::vector<DateMention>& dates, std::optional<Date> article_date);

nlohmann::ordered_json place_json(const Place& p);
nlohmann::ordered_json claim_json(const Claim& c);
nlohmann::ordered_json to_json(const Extraction& x, const std::string& sha256);

}  // namespace frontmap
