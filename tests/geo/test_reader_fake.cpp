// Recognition, resolution and claims on a small hand-made gazetteer (the names table of
// base.gpkg's schema, a dozen rows), so these rules are tested without the real base data.

#include <gtest/gtest.h>

#include <unistd.h>

#include "geo/normalize.hpp"
#include "geo/reader.hpp"
#include "support/fake_gazetteer.hpp"
#include "support/test_support.hpp"

using namespace frontmap;

namespace {

using Row = test::GazetteerRow;

// Facts (ids, populations, coordinates) as in GeoNames / Natural Earth.
const Row kRows[] = {
    {"Pokrovsk", "city", 704422, nullptr, "UA", "UA-14", "PPLA2", 60127, 48.28198, 37.17585, "name"},
    {"Pokrovsk", "city", 2017824, nullptr, "RU", "RU-SA", "PPL", 9763, 61.47768, 129.13699, "name"},
    {"Krasnoarmeysk", "city", 704422, nullptr, "UA", "UA-14", "PPLA2", 60127, 48.28198, 37.17585, "alt"},
    {"Donetsk", "city", 709717, nullptr, "UA", "UA-14", "PPLA", 901645, 48.023, 37.80224, "name"},
    {"Donetsk", "city", 565348, nullptr, "RU", "RU-ROS", "PPL", 50850, 48.33962, 39.95948, "name"},
    {"Donets'k", "region", 709716, "UA-14", "UA", "UA-14", "ADM1", 0, 48.145, 37.7933, "name"},
    {"Kursk", "city", 538560, nullptr, "RU", "RU-KRS", "PPLA", 448733, 51.73733, 36.18735, "name"},
    {"Kursk", "region", 538555, "RU-KRS", "RU", "RU-KRS", "ADM1", 0, 51.5, 36.0, "name"},
    {"Dublin", "city", 2964574, nullptr, "IE", "", "PPLC", 1024027, 53.33306, -6.24889, "name"},
    {"Dublin", "city", 5152333, nullptr, "US", "US-OH", "PPL", 45098, 40.09923, -83.11408, "name"},
    {"Ohio", "region", 5165418, "US-OH", "US", "US-OH", "ADM1", 0, 40.3, -82.7, "name"},
    {"Ireland", "country", 0, "IE", "IE", nullptr, nullptr, 0, 53.0, -8.0, "name"},
    {"Martin", "city", 3058780, nullptr, "SK", "SK-ZI", "PPLA2", 54618, 49.06651, 18.92399, "name"},
    {"Kupiansk", "city", 703656, nullptr, "UA", "UA-63", "PPLA2", 27169, 49.71003, 37.61581, "name"},
    {"Kharkiv", "city", 706483, nullptr, "UA", "UA-63", "PPLA", 1433886, 49.98081, 36.25272, "name"},
    {"Kharkov", "city", 706483, nullptr, "UA", "UA-63", "PPLA", 1433886, 49.98081, 36.25272, "alt"},
    {"Харків", "city", 706483, nullptr, "UA", "UA-63", "PPLA", 1433886, 49.98081, 36.25272, "alt"},
    {"Ukrainka", "city", 690773, nullptr, "UA", "UA-32", "PPL", 14000, 50.14, 30.74, "name"},
};

class FakeGazetteer : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        // one folder per process: ctest runs each test as its own process, in parallel
        auto dir = test::scratch_dir("fake_gazetteer_" + std::to_string(::getpid()));
        path_ = (dir / "base.gpkg").string();
        test::write_fake_gazetteer(path_, kRows);
    }
    static void TearDownTestSuite() { std::filesystem::remove_all(std::filesystem::path(path_).parent_path()); }

    Extraction read(const std::string& text, const char* date = "2025-12-02") {
        auto gaz = Gazetteer::open(path_);
        Reader reader(*gaz);
        Article a = parse_article(text, "test");
        a.date = parse_iso_date(date);
        return reader.read(a);
    }
    static const Mention* find(const Extraction& x, const std::string& surface, int nth = 1) {
        for (const auto& m : x.mentions)
            if (m.surface == surface && --nth == 0) return &m;
        return nullptr;
    }
    static std::string path_;
};
std::string FakeGazetteer::path_;

}  // namespace

TEST_F(FakeGazetteer, TheatreAndPopulationPickPokrovskInUkraine) {
    auto x = read("Fighting continued in Pokrovsk on Monday.");
    const Mention* m = find(x, "Pokrovsk");
    ASSERT_NE(m, nullptr);
    EXPECT_EQ(m->place.geonames_id, 704422);
    ASSERT_TRUE(m->runner_up);
    EXPECT_EQ(m->runner_up->place.geonames_id, 2017824);
    EXPECT_GT(m->score, m->runner_up->score);
}

TEST_F(FakeGazetteer, RenamedAndCyrillicAndPossessive) {
    auto x = read("Krasnoarmeysk is the old name. Харків was shelled. Kharkov\u2019s mayor spoke.");
    ASSERT_NE(find(x, "Krasnoarmeysk"), nullptr);
    EXPECT_EQ(find(x, "Krasnoarmeysk")->place.geonames_id, 704422);
    ASSERT_NE(find(x, "Харків"), nullptr);
    EXPECT_EQ(find(x, "Харків")->place.geonames_id, 706483);
    const Mention* k = find(x, "Kharkov");
    ASSERT_NE(k, nullptr);
    EXPECT_EQ(k->place.geonames_id, 706483);
    EXPECT_EQ(k->end - k->start, 7u);  // the possessive ending is not part of the name
}

TEST_F(FakeGazetteer, RegionOrCityByCueWords) {
    auto x = read("Shelling hit the city of Donetsk. Moscow claims the Donetsk region. "
                  "Ukrainian troops in Kursk pushed on.");
    ASSERT_NE(find(x, "Donetsk", 1), nullptr);
    EXPECT_EQ(find(x, "Donetsk", 1)->place.kind, PlaceKind::city);
    EXPECT_EQ(find(x, "Donetsk", 1)->place.geonames_id, 709717);
    ASSERT_NE(find(x, "Donetsk", 2), nullptr);
    EXPECT_EQ(find(x, "Donetsk", 2)->place.kind, PlaceKind::region);
    EXPECT_EQ(find(x, "Donetsk", 2)->place.iso, "UA-14");
    ASSERT_NE(find(x, "Kursk"), nullptr);
    EXPECT_EQ(find(x, "Kursk")->place.kind, PlaceKind::region);
}

TEST_F(FakeGazetteer, DublinIrelandOrOhio) {
    auto x = read("He spoke in Dublin during a visit to Ireland. Another team went to Dublin, Ohio.");
    ASSERT_NE(find(x, "Dublin", 1), nullptr);
    EXPECT_EQ(find(x, "Dublin", 1)->place.country, "IE");
    ASSERT_NE(find(x, "Dublin", 2), nullptr);
    EXPECT_EQ(find(x, "Dublin", 2)->place.geonames_id, 5152333);
}

TEST_F(FakeGazetteer, PeopleAndDemonymsAreNotPlaces) {
    auto x = read("Taoiseach Mich\u00e9al Martin met envoys. Later Martin said Ukrainian forces held firm.");
    EXPECT_EQ(find(x, "Martin"), nullptr);
    EXPECT_EQ(find(x, "Ukrainian"), nullptr);
}

TEST_F(FakeGazetteer, FuzzyOnlyWhereContextSupportsAPlace) {
    auto x = read("Troops improved their position in the city of Kupyans. Kupyans is also a surname.");
    const Mention* m = find(x, "Kupyans", 1);
    ASSERT_NE(m, nullptr);
    EXPECT_EQ(m->place.geonames_id, 703656);
    EXPECT_EQ(find(x, "Kupyans", 2), nullptr);  // sentence-initial, no cue: not guessed
}

TEST_F(FakeGazetteer, RefutedCaptureIsTwoClaims) {
    auto x = read("Ukraine refuted Russia's claims of having captured Pokrovsk.");
    ASSERT_EQ(x.claims.size(), 2u);
    EXPECT_EQ(x.claims[0].stance, "claims_control");
    EXPECT_EQ(x.claims[0].actor, "RU");
    EXPECT_EQ(x.claims[0].attributed_to, "Russia");
    EXPECT_EQ(x.claims[1].stance, "denies_control");
    EXPECT_EQ(x.claims[1].actor, "RU");
    EXPECT_EQ(x.claims[1].attributed_to, "Ukraine");
}

TEST_F(FakeGazetteer, CoreferenceAndPartialControl) {
    auto x = read("Russian troops entered Pokrovsk. Ukraine's military said its forces still held the northern "
                  "part of the city.");
    bool part = false;
    for (const auto& c : x.claims)
        if (c.stance == "holds_part" && c.actor == "UA" && c.part == "north" && c.place.geonames_id == 704422)
            part = true;
    EXPECT_TRUE(part);
}

TEST_F(FakeGazetteer, WithdrawalAndNegation) {
    auto x = read("Ukrainian forces withdrew from Kupiansk two days ago. Russian troops did not capture Kharkiv.");
    ASSERT_EQ(x.claims.size(), 2u);
    EXPECT_EQ(x.claims[0].actor, "UA");
    EXPECT_EQ(x.claims[0].stance, "denies_control");
    EXPECT_EQ(format_date(*x.claims[0].claim_date), "2025-11-30");
    EXPECT_EQ(x.claims[1].actor, "RU");
    EXPECT_EQ(x.claims[1].stance, "denies_control");
}

TEST_F(FakeGazetteer, NoDateLeavesClaimDatesEmpty) {
    auto gaz = Gazetteer::open(path_);
    Reader reader(*gaz);
    Article a = parse_article("Russia claimed on Sunday that it had captured Pokrovsk.", "t");
    auto x = reader.read(a);
    ASSERT_EQ(x.claims.size(), 1u);
    EXPECT_FALSE(x.claims[0].claim_date);
    EXPECT_EQ(x.unresolved_dates, 1u);
}
