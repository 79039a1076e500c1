// The seed article against its gold annotations (issue 3, "What it must show").

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

#include <nlohmann/json.hpp>

#include "geo/reader.hpp"
#include "support/test_support.hpp"

using namespace frontmap;
namespace fs = std::filesystem;

struct GoldScore {
    int required_mentions = 0, found_mentions = 0, spurious_mentions = 0;
    int required_claims = 0, found_claims = 0, spurious_claims = 0;
    std::vector<std::string> misses;
};
GoldScore score_against_gold(const Extraction& x, const nlohmann::json& gold);

namespace {

bool same_place(const nlohmann::json& g, const Place& p) {
    std::string kind = g.value("kind", "");
    if (kind == "region") {
        std::string iso = g.contains("iso_3166_2") ? g["iso_3166_2"].get<std::string>() : g.value("iso", "");
        return p.kind == PlaceKind::region && p.iso == iso;
    }
    if (kind == "country") return p.kind == PlaceKind::country && p.iso == g.value("iso", "");
    if (kind == "landmark") return p.kind == PlaceKind::landmark || (p.kind == PlaceKind::city && p.country == g.value("country", ""));
    if (g.contains("geonames_id") && !g["geonames_id"].is_null())
        return p.geonames_id == g["geonames_id"].get<std::int64_t>();
    return false;
}

bool claim_place(const nlohmann::json& g, const Place& p) {
    if (g.contains("iso_3166_2")) return p.kind == PlaceKind::region && p.iso == g["iso_3166_2"].get<std::string>();
    return g.contains("geonames_id") && p.geonames_id == g["geonames_id"].get<std::int64_t>();
}

}  // namespace

// Scores an extraction against a gold file in the seed's format. Shared with test_articles.cpp.
GoldScore score_against_gold(const Extraction& x, const nlohmann::json& gold) {
    GoldScore s;
    std::vector<char> used(x.mentions.size(), 0);
    for (const auto& g : gold["toponyms"]) {
        bool optional = g.value("optional", false);
        if (!optional) ++s.required_mentions;
        bool found = false;
        for (std::size_t i = 0; i < x.mentions.size(); ++i) {
            const Mention& m = x.mentions[i];
            if (m.start == g["start"].get<std::uint32_t>() && m.end == g["end"].get<std::uint32_t>()) {
                used[i] = 1;
                if (same_place(g, m.place)) found = true;
            }
        }
        if (found && !optional) ++s.found_mentions;
        if (!found && !optional)
            s.misses.push_back("mention " + g["surface"].get<std::string>() + "@" + std::to_string(g["start"].get<int>()));
    }
    for (char u : used)
        if (!u) ++s.spurious_mentions;
    std::vector<char> cused(x.claims.size(), 0);
    for (const auto& g : gold["claims"]) {
        bool optional = g.value("optional", false);
        if (!optional) ++s.required_claims;
        bool found = false;
        int tol = g.value("date_tolerance_days", 0);
        for (std::size_t i = 0; i < x.claims.size(); ++i) {
            const Claim& c = x.claims[i];
            if (!claim_place(g, c.place) || c.actor != g["actor"] || c.stance != g["stance"]) continue;
            std::string part = g.contains("part") && !g["part"].is_null() ? g["part"].get<std::string>() : "";
            if (c.part != part) continue;
            if (g.contains("claim_date") && !g["claim_date"].is_null()) {
                if (!c.claim_date) continue;
                auto gd = parse_iso_date(g["claim_date"].get<std::string>());
                auto diff = (std::chrono::sys_days{*c.claim_date} - std::chrono::sys_days{*gd}).count();
                if (std::abs(diff) > tol) continue;
            }
            cused[i] = 1;
            found = true;
        }
        if (found && !optional) ++s.found_claims;
        if (!found && !optional)
            s.misses.push_back("claim " + g["place"].get<std::string>() + " " + g["actor"].get<std::string>() + " " +
                               g["stance"].get<std::string>());
    }
    for (char u : cused)
        if (!u) ++s.spurious_claims;
    return s;
}

TEST(SeedGold, MentionsAndClaims) {
    FRONTMAP_REQUIRE_SHARED();
    FRONTMAP_REQUIRE_BASE();
    fs::path dir = test::shared_dir() / "articles";
    if (!fs::exists(dir / "seed-2025-12-02.gold.json")) GTEST_SKIP() << "no seed gold file in ../shared/articles";
    auto gold = nlohmann::json::parse(test::read_file(dir / "seed-2025-12-02.gold.json"));
    Article a = load_article(dir / "seed-2025-12-02.txt");
    a.date = parse_iso_date(gold["published"].get<std::string>());
    auto gaz = Gazetteer::open(test::base_gpkg().string());
    Reader reader(*gaz);
    Extraction x = reader.read(a);
    GoldScore s = score_against_gold(x, gold);
    for (const auto& m : s.misses) ADD_FAILURE() << "missed " << m;
    EXPECT_EQ(s.required_mentions, 56);
    EXPECT_EQ(s.found_mentions, s.required_mentions);
    EXPECT_LE(s.spurious_mentions, 2);
    EXPECT_EQ(s.required_claims, 7);
    EXPECT_EQ(s.found_claims, s.required_claims);
    EXPECT_LE(s.spurious_claims, 1);
    std::cout << "[ seed ] mentions " << s.found_mentions << "/" << s.required_mentions << " spurious "
              << s.spurious_mentions << "; claims " << s.found_claims << "/" << s.required_claims << " spurious "
              << s.spurious_claims << "\n";
}
