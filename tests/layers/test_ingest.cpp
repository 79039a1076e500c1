// Ingest: idempotent (same text twice adds nothing) and atomic (a failure injected mid-ingest
// leaves the store as it was). Works on a hand-made extraction, so it needs no base data.

#include <gtest/gtest.h>

#include "geo/error.hpp"
#include "layers/ingest.hpp"
#include "support/test_support.hpp"

using namespace frontmap;
using namespace frontmap::layers;

namespace {

Place pokrovsk() {
    Place p;
    p.name = "Pokrovsk";
    p.kind = PlaceKind::city;
    p.geonames_id = 704422;
    p.country = "UA";
    p.admin1 = "UA-14";
    p.population = 60127;
    p.lat = 48.28198;
    p.lon = 37.17585;
    return p;
}

Place crimea() {
    Place p;
    p.name = "Crimea";
    p.kind = PlaceKind::region;
    p.geonames_id = 703883;
    p.iso = "UA-43";
    p.country = "UA";
    p.lat = 45.3;
    p.lon = 34.3;
    return p;
}

Extraction sample(const Article& a) {
    Extraction x;
    x.date = a.date;
    Mention m;
    m.start = 10;
    m.end = 18;
    m.byte_start = 10;
    m.byte_end = 18;
    m.surface = "Pokrovsk";
    m.place = pokrovsk();
    m.score = 0.9;
    x.mentions = {m, m};
    Mention c = m;
    c.surface = "Crimea";
    c.place = crimea();
    x.mentions.push_back(c);
    Claim cl;
    cl.place = pokrovsk();
    cl.actor = "RU";
    cl.stance = "claims_control";
    cl.claim_date = a.date;
    cl.attributed_to = "Russia";
    cl.evidence_text = "Russia said it took Pokrovsk";
    cl.confidence = 0.9;
    x.claims = {cl};
    return x;
}

std::int64_t rows(Store& s, const std::string& table) { return s.layer(table).GetFeatureCount(TRUE); }

}  // namespace

TEST(Ingest, SameTextTwiceAddsNothing) {
    auto dir = test::scratch_dir("ingest_twice");
    auto store = Store::open((dir / "s.gpkg").string());
    Article a = parse_article("---\ndate: 2025-12-02\n---\nRussia said it took Pokrovsk.\n", "t.txt");
    auto r1 = ingest(store, a, sample(a));
    EXPECT_TRUE(r1.added);
    EXPECT_EQ(r1.mentions, 3u);
    EXPECT_EQ(r1.claims, 1u);
    EXPECT_EQ(r1.new_places, 2u);  // Pokrovsk once, Crimea once
    EXPECT_EQ(rows(store, "articles"), 1);
    EXPECT_EQ(rows(store, "places"), 2);
    auto r2 = ingest(store, a, sample(a));
    EXPECT_FALSE(r2.added);
    EXPECT_EQ(r2.sha256, r1.sha256);
    EXPECT_EQ(rows(store, "articles"), 1);
    EXPECT_EQ(rows(store, "mentions"), 3);
    EXPECT_EQ(rows(store, "claims"), 1);
    // A second article about the same places adds no place rows.
    Article b = parse_article("---\ndate: 2025-12-03\n---\nRussia again said it took Pokrovsk.\n", "u.txt");
    auto r3 = ingest(store, b, sample(b));
    EXPECT_TRUE(r3.added);
    EXPECT_EQ(r3.new_places, 0u);
    EXPECT_EQ(rows(store, "places"), 2);
    EXPECT_EQ(rows(store, "articles"), 2);
}

TEST(Ingest, FailureMidIngestLeavesStoreUnchanged) {
    auto dir = test::scratch_dir("ingest_fail");
    auto store = Store::open((dir / "s.gpkg").string());
    Article a = parse_article("---\ndate: 2025-12-02\n---\nRussia said it took Pokrovsk.\n", "t.txt");
    for (const char* stage : {"article", "places", "mentions", "claims"}) {
        IngestOptions opt;
        opt.after_stage = [&](std::string_view s) {
            if (s == stage) throw StoreError("failed to ingest 't.txt'", "injected failure");
        };
        EXPECT_THROW(ingest(store, a, sample(a), opt), StoreError) << stage;
        for (const char* table : {"articles", "places", "mentions", "claims"})
            EXPECT_EQ(rows(store, table), 0) << table << " after a failure at " << stage;
    }
    // And the store still works afterwards.
    EXPECT_TRUE(ingest(store, a, sample(a)).added);
    EXPECT_EQ(rows(store, "articles"), 1);
}

TEST(Ingest, ReadsClaimsAndPlacesBack) {
    auto dir = test::scratch_dir("ingest_read");
    auto store = Store::open((dir / "s.gpkg").string());
    Article a = parse_article("---\ndate: 2025-12-02\n---\nRussia said it took Pokrovsk.\n", "t.txt");
    ingest(store, a, sample(a));
    Article b = parse_article("---\ndate: 2025-06-01\n---\nOlder: Russia said it took Pokrovsk.\n", "u.txt");
    ingest(store, b, sample(b));
    auto all = read_claims(store, std::nullopt, 90, "");
    EXPECT_EQ(all.size(), 2u);
    auto active = read_claims(store, parse_iso_date("2025-12-05"), 90, "");
    ASSERT_EQ(active.size(), 1u);
    EXPECT_EQ(format_date(*active[0].claim.claim_date), "2025-12-02");
    EXPECT_EQ(active[0].claim.place.geonames_id, 704422);
    EXPECT_EQ(read_claims(store, std::nullopt, 90, "pokrovsk").size(), 2u);
    EXPECT_EQ(read_claims(store, std::nullopt, 90, "Kupiansk").size(), 0u);
    EXPECT_EQ(read_claims(store, parse_iso_date("2025-01-01"), 90, "").size(), 0u);
    auto places = read_places(store);
    ASSERT_EQ(places.size(), 2u);
    EXPECT_EQ(places[0].place.name, "Pokrovsk");
    EXPECT_EQ(places[0].mentions, 4);
    EXPECT_EQ(places[0].claims, 2);
}

TEST(Ingest, RecordsTheFileNameForArticlesWithoutFrontMatter) {
    auto dir = test::scratch_dir("ingest_file");
    auto store = Store::open((dir / "s.gpkg").string());
    Article a = parse_article("Russia said it took Pokrovsk.\n", "report.txt");
    a.date = parse_iso_date("2025-12-02");
    IngestOptions opt;
    opt.file = "report.txt";
    const auto r = ingest(store, a, sample(a), opt);
    OGRLayer& articles = store.layer("articles");
    articles.ResetReading();
    FeaturePtr f(articles.GetNextFeature());
    ASSERT_TRUE(f);
    EXPECT_EQ(std::string(f->GetFieldAsString("sha256")), r.sha256);
    EXPECT_STREQ(f->GetFieldAsString("file"), "report.txt");
    EXPECT_STREQ(f->GetFieldAsString("published"), "2025-12-02");
    EXPECT_FALSE(f->IsFieldSetAndNotNull(f->GetFieldIndex("source")));
}
