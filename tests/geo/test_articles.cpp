// The team's own test articles (tests/articles/*.txt with *.gold.json in the seed's format).

#include <gtest/gtest.h>

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

class ArticleGold : public ::testing::TestWithParam<std::string> {};

TEST_P(ArticleGold, MatchesGold) {
    FRONTMAP_REQUIRE_BASE();
    fs::path dir = fs::path(FRONTMAP_SOURCE_DIR) / "tests" / "articles";
    auto gold = nlohmann::json::parse(test::read_file(dir / (GetParam() + ".gold.json")));
    Article a = load_article(dir / (GetParam() + ".txt"));
    auto gaz = Gazetteer::open(test::base_gpkg().string());
    Reader reader(*gaz);
    Extraction x = reader.read(a);
    GoldScore s = score_against_gold(x, gold);
    for (const auto& m : s.misses) ADD_FAILURE() << GetParam() << ": missed " << m;
    EXPECT_EQ(s.found_mentions, s.required_mentions);
    EXPECT_LE(s.spurious_mentions, 1);
    EXPECT_EQ(s.found_claims, s.required_claims);
    EXPECT_LE(s.spurious_claims, 1);
    std::cout << "[ " << GetParam() << " ] mentions " << s.found_mentions << "/" << s.required_mentions
              << " spurious " << s.spurious_mentions << "; claims " << s.found_claims << "/" << s.required_claims
              << " spurious " << s.spurious_claims << "\n";
    if (::testing::Test::HasFailure()) std::cout << to_json(x, "").dump(1) << "\n";
}

INSTANTIATE_TEST_SUITE_P(Team, ArticleGold,
                         ::testing::Values("renamed-cyrillic-2025-03-12", "not-places-2025-06-20",
                                           "regions-2024-08-16", "claims-2025-10-08", "dates-2025-05-21",
                                           "misspelling-2025-11-04", "patterns-2025-09-17",
                                           "coref-parts-2025-07-09", "negations-2025-04-15",
                                           "regions-dates-2025-08-06", "counterclaims-2025-10-21",
                                           "unknown-names-2025-06-12", "datelines-2025-03-14",
                                           "adjectives-2025-11-04", "wrapped-2025-11-28",
                                           "claimed-2025-12-10"),
                         [](const auto& info) {
                             std::string n = info.param;
                             for (char& c : n)
                                 if (c == '-') c = '_';
                             return n;
                         });

// The team's example article (examples/hill-country.txt, hard-wrapped): the claims that need
// co-reference across a sentence, a pronoun speaker, "pushed the Russians back", and Moscow as a
// party (the city, never a region by row order).
TEST(ExampleArticle, HillCountry) {
    FRONTMAP_REQUIRE_BASE();
    Article a = load_article(fs::path(FRONTMAP_SOURCE_DIR) / "examples" / "hill-country.txt");
    auto gaz = Gazetteer::open(test::base_gpkg().string());
    Reader reader(*gaz);
    Extraction x = reader.read(a);
    auto has = [&](std::int64_t gid, const char* actor, const char* stance, const char* part) {
        for (const auto& c : x.claims)
            if (c.place.geonames_id == gid && c.actor == actor && c.stance == stance && c.part == part) return &c;
        return static_cast<const Claim*>(nullptr);
    };
    const Claim* north = has(704422, "UA", "holds_part", "north");
    ASSERT_NE(north, nullptr);
    EXPECT_EQ(north->attributed_to, "Ukraine's General Staff");
    EXPECT_NE(has(704422, "RU", "denies_control", ""), nullptr);
    EXPECT_NE(has(703656, "UA", "advancing", ""), nullptr);
    int moscow = 0;
    for (const auto& m : x.mentions)
        if (m.surface == "Moscow") {
            ++moscow;
            EXPECT_EQ(m.place.geonames_id, 524901) << "Moscow@" << m.start;
            EXPECT_GT(m.score, 0.9);
        }
    EXPECT_EQ(moscow, 2);
}

// Names the gazetteer knows only as another place's former name, or not at all.
TEST(ReaderTraps, FormerNamesAndUnknownNames) {
    FRONTMAP_REQUIRE_BASE();
    auto gaz = Gazetteer::open(test::base_gpkg().string());
    Reader reader(*gaz);
    Article a = parse_article(
        "---\ndate: 2025-02-20\n---\n"
        "Russian milbloggers claimed that Russian forces seized Novooleksandrivka on Tuesday.\n"
        "Moscow said its troops had taken the settlement of Zelene Pole and were advancing on Velyka Novosilka.\n"
        "On August 24, Ukraine's Independence Day, Russian forces shelled Kherson.\n",
        "traps");
    Extraction x = reader.read(a);
    for (const auto& m : x.mentions) {
        EXPECT_NE(m.place.geonames_id, 701404) << "Novooleksandrivka is a village, not Melitopol's former name";
        EXPECT_NE(m.surface, "Zelene");
        EXPECT_NE(m.surface, "Pole");
        EXPECT_NE(m.surface, "Independence");
        EXPECT_NE(m.surface, "Day");
    }
    for (const auto& c : x.claims)
        EXPECT_FALSE(c.place.geonames_id == 690237 && c.stance == "claims_control")
            << "the capture of Zelene Pole moved onto Velyka Novosilka";
}

// Who says it: "The ministry" is the Defence Ministry named a paragraph before; "Its spokesman"
// the General Staff of the sentence before.
TEST(ReaderTraps, AnaphoricSpeakers) {
    FRONTMAP_REQUIRE_BASE();
    auto gaz = Gazetteer::open(test::base_gpkg().string());
    Reader reader(*gaz);
    Article a = load_article(fs::path(FRONTMAP_SOURCE_DIR) / "tests" / "articles" / "wrapped-2025-11-28.txt");
    Extraction x = reader.read(a);
    bool found = false;
    for (const auto& c : x.claims)
        if (c.place.geonames_id == 707898 && c.stance == "advancing") {
            found = true;
            EXPECT_EQ(c.attributed_to, "Russia's Defence Ministry");
        }
    EXPECT_TRUE(found);
}
