// Control import (layers/control.hpp) and the snapshot at a date (layers/snapshot.hpp).
// Synthetic inputs for everything that must pass on a fresh machine; the DeepState directory
// of ../shared for counts, dates, carry-forward and speed (skipped with a message without it).

#include <gtest/gtest.h>

#include <geodesic.h>

#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <numbers>
#include <set>

#include <fmt/format.h>

#include "geo/context.hpp"
#include "geo/error.hpp"
#include "geo/geometry.hpp"
#include "layers/control.hpp"
#include "layers/rows.hpp"
#include "layers/snapshot.hpp"
#include "layers/store.hpp"
#include "support/test_support.hpp"

namespace {

namespace fs = std::filesystem;
using namespace frontmap;
using namespace frontmap::layers;

const char* kPattern = "zone_%Y%m%d.geojson";

// A GeoJSON FeatureCollection with one square (lon/lat degrees) of side `size` at (lon, lat).
std::string square_geojson(double lon, double lat, double size, const std::string& crs = {}) {
    const double w = lon, s = lat, e = lon + size, n = lat + size;
    return fmt::format(R"({{"type":"FeatureCollection",{}"features":[{{"type":"Feature","properties":{{}},)"
                       R"("geometry":{{"type":"Polygon","coordinates":[[[{},{}],[{},{}],[{},{}],[{},{}],[{},{}]]]}}}}]}})",
                       crs, w, s, e, s, e, n, w, n, w, s);
}

void write(const fs::path& p, const std::string& text) {
    std::ofstream out(p, std::ios::binary);
    out << text;
}

ImportOptions pattern_options(const std::string& source = "zones") {
    ImportOptions o;
    o.party = "RU";
    o.kind = "assessed";
    o.source = source;
    o.date_pattern = kPattern;
    return o;
}

struct Row {
    std::string source, party, kind, valid_from;
    OGREnvelope env;
    bool valid = false;
    int parts = 0;
};

std::vector<Row> control_rows(Store& store) {
    std::vector<Row> rows;
    OGRLayer& l = store.layer("control");
    l.SetAttributeFilter(nullptr);
    l.ResetReading();
    for (auto& f : l) {
        Row r{f->GetFieldAsString("source"), f->GetFieldAsString("party"), f->GetFieldAsString("kind"),
              f->GetFieldAsString("valid_from"), {}, false, 0};
        if (const OGRGeometry* g = f->GetGeometryRef()) {
            g->getEnvelope(&r.env);
            r.valid = g->IsValid();
            if (wkbFlatten(g->getGeometryType()) == wkbMultiPolygon) r.parts = g->toMultiPolygon()->getNumGeometries();
        }
        rows.push_back(r);
    }
    std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) { return a.valid_from < b.valid_from; });
    return rows;
}

// Inserts one row into a store table; geometry as WKT (may be empty).
void insert(Store& store, const std::string& table, const std::map<std::string, std::string>& fields,
            const std::string& wkt = {}) {
    OGRLayer& l = store.layer(table);
    FeaturePtr f(OGRFeature::CreateFeature(l.GetLayerDefn()));
    for (const auto& [k, v] : fields) {
        const int i = f->GetFieldIndex(k.c_str());
        ASSERT_GE(i, 0) << table << "." << k;
        f->SetField(i, v.c_str());
    }
    if (!wkt.empty()) {
        OGRGeometry* g = nullptr;
        ASSERT_EQ(OGRGeometryFactory::createFromWkt(wkt.c_str(), nullptr, &g), OGRERR_NONE);
        f->SetGeometryDirectly(g);
    }
    ASSERT_EQ(l.CreateFeature(f.get()), OGRERR_NONE);
}

void add_place(Store& store, const std::string& key, const std::string& name, double lon, double lat,
               std::int64_t population, const std::string& kind = "city") {
    insert(store, "places",
           {{"place_key", key}, {"name", name}, {"kind", kind}, {"population", std::to_string(population)},
            {"lon", fmt::format("{}", lon)}, {"lat", fmt::format("{}", lat)},
            {"geonames_id", key.rfind("gn:", 0) == 0 ? key.substr(3) : "0"}},
           fmt::format("POINT ({} {})", lon, lat));
}

void add_claim(Store& store, const std::string& place, const std::string& actor, const std::string& stance,
               const std::string& date, const std::string& part = {}, const std::string& article = "a1") {
    insert(store, "claims",
           {{"article_sha256", article}, {"place_key", place}, {"actor", actor}, {"stance", stance},
            {"part", part}, {"claim_date", date}, {"attributed_to", actor == "RU" ? "Moscow" : "Kyiv"},
            {"evidence_text", "evidence for " + stance}, {"confidence", "0.9"}});
}

const ClaimArea* find_area(const MapData& m, const std::string& key, Status status) {
    for (const auto& a : m.areas) {
        if (a.place_key == key && a.status == status) return &a;
    }
    return nullptr;
}

double mean_lat(const MultiPolygon& mp) {
    double s = 0;
    int n = 0;
    for (const auto& p : mp)
        for (const auto& q : p.rings[0]) {
            s += q.lat;
            ++n;
        }
    return n > 0 ? s / n : NAN;
}

// Store with three daily squares (2025-11-01, -02, -04: the 3rd is missing).
struct Fixture {
    fs::path dir;
    fs::path files;
    Store store;
};

Fixture make_fixture(const std::string& name) {
    fs::path dir = frontmap::test::scratch_dir(name);
    fs::path files = dir / "in";
    fs::create_directories(files);
    write(files / "zone_20251101.geojson", square_geojson(37.0, 48.0, 0.10));
    write(files / "zone_20251102.geojson", square_geojson(37.0, 48.0, 0.20));
    write(files / "zone_20251104.geojson", square_geojson(37.0, 48.0, 0.30));
    write(files / "README.txt", "not a vector file: skipped by a directory import");
    return {dir, files, Store::open((dir / "store.gpkg").string())};
}

}  // namespace

TEST(Dates, IsoDatesAndNames) {
    EXPECT_TRUE(is_iso_date("2025-11-26"));
    EXPECT_TRUE(is_iso_date("2024-02-29"));
    EXPECT_FALSE(is_iso_date("2025-02-29"));
    EXPECT_FALSE(is_iso_date("2025-13-01"));
    EXPECT_FALSE(is_iso_date("20251126"));
    EXPECT_FALSE(is_iso_date("2025-1-26"));
    EXPECT_EQ(days_between("2025-11-25", "2025-12-02"), 7);
    EXPECT_EQ(days_between("2025-12-02", "2025-11-25"), -7);
    EXPECT_EQ(add_days("2025-12-31", 1), "2026-01-01");
    EXPECT_EQ(add_days("2025-03-01", -1), "2025-02-28");
    EXPECT_EQ(date_from_name("deepstatemap_data_%Y%m%d.geojson", "deepstatemap_data_20251126.geojson"), "2025-11-26");
    EXPECT_EQ(date_from_name("deepstatemap_data_%Y%m%d.geojson", "deepstatemap_data_20251340.geojson"), std::nullopt);
    EXPECT_EQ(date_from_name("deepstatemap_data_%Y%m%d.geojson", "other.geojson"), std::nullopt);
    EXPECT_EQ(date_from_name("*_%d.%m.%Y.kml", "front_02.12.2025.kml"), "2025-12-02");
    EXPECT_EQ(date_from_name("a.b_%Y%m%d.json", "aXb_20251202.json"), std::nullopt);  // '.' is literal
}

TEST(Import, OptionsAreChecked) {
    ImportOptions o = pattern_options();
    EXPECT_NO_THROW(check_import_options(o));
    o.kind = "guessed";
    EXPECT_THROW(check_import_options(o), UsageError);
    o = pattern_options();
    o.party = "russia";
    EXPECT_THROW(check_import_options(o), UsageError);
    o = pattern_options();
    o.date = "2025-11-01";
    EXPECT_THROW(check_import_options(o), UsageError);  // both date and pattern
    o.date_pattern.reset();
    o.date = "2025-02-30";
    EXPECT_THROW(check_import_options(o), UsageError);
    o = pattern_options();
    o.date_pattern = "zone_%Y.geojson";
    EXPECT_THROW(check_import_options(o), UsageError);
}

TEST(Import, DirectoryInOneCallThenReimportReplaces) {
    auto fx = make_fixture("import_dir");
    const auto report = import_control(fx.store, {fx.files.string()}, pattern_options());
    ASSERT_EQ(report.files.size(), 3U);
    EXPECT_EQ(report.replaced_rows, 0);
    auto rows = control_rows(fx.store);
    ASSERT_EQ(rows.size(), 3U);
    EXPECT_EQ(rows[0].valid_from, "2025-11-01");
    EXPECT_EQ(rows[1].valid_from, "2025-11-02");
    EXPECT_EQ(rows[2].valid_from, "2025-11-04");
    for (const auto& r : rows) {
        EXPECT_EQ(r.source, "zones");
        EXPECT_EQ(r.party, "RU");
        EXPECT_EQ(r.kind, "assessed");
        EXPECT_TRUE(r.valid);
        EXPECT_EQ(r.parts, 1);
    }
    EXPECT_NEAR(rows[2].env.MaxX, 37.3, 1e-9);
    EXPECT_NEAR(rows[2].env.MaxY, 48.3, 1e-9);

    // The same import again: replaced, never duplicated.
    const auto again = import_control(fx.store, {fx.files.string()}, pattern_options());
    EXPECT_EQ(again.replaced_rows, 3);
    EXPECT_EQ(control_rows(fx.store).size(), 3U);
    // A corrected file for one day replaces that day only.
    write(fx.files / "zone_20251102.geojson", square_geojson(37.0, 48.0, 0.25));
    import_control(fx.store, {(fx.files / "zone_20251102.geojson").string()}, pattern_options());
    rows = control_rows(fx.store);
    ASSERT_EQ(rows.size(), 3U);
    EXPECT_NEAR(rows[1].env.MaxX, 37.25, 1e-9);
    // Another source with the same dates is kept apart.
    import_control(fx.store, {fx.files.string()}, pattern_options("other"));
    EXPECT_EQ(control_rows(fx.store).size(), 6U);
}

TEST(Import, BadFileInTheMiddleLeavesTheStoreAsItWas) {
    auto fx = make_fixture("import_rollback");
    import_control(fx.store, {fx.files.string()}, pattern_options());
    const auto before = control_rows(fx.store);

    fs::path bad = fx.dir / "bad";
    fs::create_directories(bad);
    write(bad / "zone_20251110.geojson", square_geojson(36.0, 47.0, 0.1));
    write(bad / "zone_20251111.geojson", R"({"type":"FeatureCollection","features":[{"type":"Feature",)");  // truncated
    write(bad / "zone_20251112.geojson", square_geojson(36.0, 47.0, 0.1));
    // Also a replacement of an existing day, which must not happen either.
    write(bad / "zone_20251101.geojson", square_geojson(30.0, 45.0, 0.5));
    try {
        import_control(fx.store, {bad.string()}, pattern_options());
        FAIL() << "expected an InputError";
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("zone_20251111.geojson"), std::string::npos) << e.what();
    }
    const auto after = control_rows(fx.store);
    ASSERT_EQ(after.size(), before.size());
    for (std::size_t i = 0; i < after.size(); ++i) {
        EXPECT_EQ(after[i].valid_from, before[i].valid_from);
        EXPECT_DOUBLE_EQ(after[i].env.MaxX, before[i].env.MaxX);
    }
}

TEST(Import, FileWithoutPolygonsAndNameWithoutDateAreErrorsNamingTheFile) {
    auto fx = make_fixture("import_errors");
    const fs::path points = fx.dir / "zone_20251120.geojson";
    write(points, R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{},)"
                  R"("geometry":{"type":"Point","coordinates":[37,48]}}]})");
    try {
        import_control(fx.store, {points.string()}, pattern_options());
        FAIL() << "expected an InputError";
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("zone_20251120.geojson"), std::string::npos);
        EXPECT_NE(std::string(e.what()).find("no polygon"), std::string::npos) << e.what();
    }
    const fs::path undated = fx.files / "zone_latest.geojson";
    write(undated, square_geojson(37, 48, 0.1));
    try {
        import_control(fx.store, {fx.files.string()}, pattern_options());
        FAIL() << "expected an InputError";
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("zone_latest.geojson"), std::string::npos) << e.what();
    }
    EXPECT_THROW(import_control(fx.store, {(fx.dir / "missing.geojson").string()}, pattern_options()), InputError);
    const fs::path empty_dir = fx.dir / "empty";
    fs::create_directories(empty_dir);
    EXPECT_THROW(import_control(fx.store, {empty_dir.string()}, pattern_options()), InputError);
    EXPECT_TRUE(control_rows(fx.store).empty());
}

TEST(Import, ReprojectsAndRepairs) {
    auto fx = make_fixture("import_reproject");
    // Web Mercator square around (37°E, 48°N), and a self-intersecting "bow tie" in WGS84.
    const double x = 37.0 * 20037508.342789244 / 180.0;
    const double y = std::log(std::tan((90.0 + 48.0) * std::numbers::pi / 360.0)) * 6378137.0;
    const std::string mercator = fmt::format(
        R"({{"type":"FeatureCollection","crs":{{"type":"name","properties":{{"name":"urn:ogc:def:crs:EPSG::3857"}}}},)"
        R"("features":[{{"type":"Feature","properties":{{}},"geometry":{{"type":"Polygon","coordinates":)"
        R"([[[{0},{1}],[{2},{1}],[{2},{3}],[{0},{3}],[{0},{1}]]]}}}}]}})",
        x, y, x + 10000, y + 10000);
    write(fx.dir / "merc.geojson", mercator);
    write(fx.dir / "bowtie.geojson",
          R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Polygon",)"
          R"("coordinates":[[[36,47],[36.2,47.2],[36.2,47],[36,47.2],[36,47]]]}}]})");
    ImportOptions o = pattern_options();
    o.date_pattern.reset();
    o.date = "2025-11-20";
    import_control(fx.store, {(fx.dir / "merc.geojson").string()}, o);
    o.source = "bowtie";
    const auto report = import_control(fx.store, {(fx.dir / "bowtie.geojson").string()}, o);
    ASSERT_EQ(report.files.size(), 1U);
    EXPECT_TRUE(report.files[0].repaired);
    EXPECT_EQ(report.files[0].polygons, 2);
    const auto rows = control_rows(fx.store);
    ASSERT_EQ(rows.size(), 2U);
    for (const auto& r : rows) {
        EXPECT_TRUE(r.valid);
        if (r.source == "zones") {
            EXPECT_NEAR(r.env.MinX, 37.0, 1e-6);  // lon first: traditional GIS order
            EXPECT_NEAR(r.env.MinY, 48.0, 1e-6);
            EXPECT_NEAR(r.env.MaxX, 37.0 + 10000 * 180.0 / 20037508.342789244, 1e-6);
        } else {
            EXPECT_EQ(r.parts, 2);
        }
    }
}

TEST(Import, ReadsGeoPackageInAProjectedCrs) {
    auto fx = make_fixture("import_gpkg");
    const fs::path src = fx.dir / "utm_20251015.gpkg";
    {
        ensure_gdal();
        GDALDriver* drv = GetGDALDriverManager()->GetDriverByName("GPKG");
        DatasetPtr ds(drv->Create(src.string().c_str(), 0, 0, 0, GDT_Unknown, nullptr));
        ASSERT_TRUE(ds);
        OGRSpatialReference utm;
        utm.importFromEPSG(32637);  // UTM 37N
        OGRLayer* l = ds->CreateLayer("front", &utm, wkbPolygon, nullptr);
        ASSERT_NE(l, nullptr);
        for (double dx : {0.0, 5000.0}) {  // two overlapping squares in two features: merged
            FeaturePtr f(OGRFeature::CreateFeature(l->GetLayerDefn()));
            OGRGeometry* g = nullptr;
            const std::string wkt = fmt::format("POLYGON (({0} 5300000, {1} 5300000, {1} 5310000, {0} 5310000, {0} 5300000))",
                                                400000 + dx, 410000 + dx);
            OGRGeometryFactory::createFromWkt(wkt.c_str(), nullptr, &g);
            f->SetGeometryDirectly(g);
            ASSERT_EQ(l->CreateFeature(f.get()), OGRERR_NONE);
        }
    }
    ImportOptions o = pattern_options("utm");
    o.date_pattern = "utm_%Y%m%d.gpkg";
    const auto report = import_control(fx.store, {src.string()}, o);
    ASSERT_EQ(report.files.size(), 1U);
    EXPECT_EQ(report.files[0].valid_from, "2025-10-15");
    EXPECT_EQ(report.files[0].polygons, 1);  // the overlapping squares were unioned by the repair
    const auto rows = control_rows(fx.store);
    ASSERT_EQ(rows.size(), 1U);
    EXPECT_GT(rows[0].env.MinX, 37.0);
    EXPECT_LT(rows[0].env.MaxX, 38.0);
    EXPECT_GT(rows[0].env.MinY, 47.0);
    EXPECT_LT(rows[0].env.MaxY, 48.0);
}

TEST(Snapshot, CarriesTheLastPolygonForwardAndSaysHowOld) {
    auto fx = make_fixture("snapshot_carry");
    import_control(fx.store, {fx.files.string()}, pattern_options());
    SnapshotOptions opt;
    MapData m = load_map_data(fx.store, "2025-11-03", std::nullopt, opt);
    ASSERT_EQ(m.control.size(), 1U);
    EXPECT_EQ(m.control[0].valid_from, "2025-11-02");
    EXPECT_EQ(m.control[0].age_days, 1);
    EXPECT_EQ(m.control[0].source, "zones");
    ASSERT_EQ(m.control[0].area.size(), 1U);
    m = load_map_data(fx.store, "2025-11-04", std::nullopt, opt);
    EXPECT_EQ(m.control[0].valid_from, "2025-11-04");
    EXPECT_EQ(m.control[0].age_days, 0);
    m = load_map_data(fx.store, "2025-12-31", std::nullopt, opt);
    EXPECT_EQ(m.control[0].age_days, 57);
    m = load_map_data(fx.store, "2025-10-31", std::nullopt, opt);
    EXPECT_TRUE(m.control.empty());
    EXPECT_EQ(m.sources.size(), 0U);
    EXPECT_THROW(load_map_data(fx.store, "2025-11-31", std::nullopt, opt), InputError);
    EXPECT_THROW(load_map_data(fx.store, "2025-11-03", Extent{40, 48, 30, 52}, opt), InputError);
    // An extent clips the polygon (grown by the margin).
    opt.extent_margin = 0;
    m = load_map_data(fx.store, "2025-11-04", Extent{37.0, 48.0, 37.1, 48.1}, opt);
    ASSERT_EQ(m.control.size(), 1U);
    for (const auto& p : m.control[0].area)
        for (const auto& q : p.rings[0]) EXPECT_LE(q.lon, 37.1 + 1e-9);
}

TEST(Snapshot, ClaimsBecomeAreasWithStatuses) {
    auto fx = make_fixture("snapshot_claims");
    import_control(fx.store, {fx.files.string()}, pattern_options());  // squares at 37.0-37.3, 48.0-48.3
    insert(fx.store, "articles", {{"sha256", "a1"}, {"source", "Test Wire"}, {"published", "2025-12-02"}});
    // "Pokrovsk": claimed, denied, north held by UA.
    add_place(fx.store, "gn:1", "Alpha", 37.6, 48.5, 60'000);
    add_claim(fx.store, "gn:1", "RU", "claims_control", "2025-12-01");
    add_claim(fx.store, "gn:1", "RU", "denies_control", "2025-12-02");
    add_claim(fx.store, "gn:1", "UA", "holds_part", "2025-12-02", "north");
    // "Kupiansk": claimed outside assessed control, Ukrainian advance.
    add_place(fx.store, "gn:2", "Bravo", 38.0, 49.0, 27'000);
    add_claim(fx.store, "gn:2", "RU", "claims_control", "2025-11-18");
    add_claim(fx.store, "gn:2", "UA", "advancing", "2025-12-02");
    // Claimed and inside the assessed square: assessed.
    add_place(fx.store, "gn:3", "Charlie", 37.15, 48.15, 5'000);
    add_claim(fx.store, "gn:3", "RU", "claims_control", "2025-11-30");
    // Claimed at the square's edge: only the part outside assessed control is a claim.
    add_place(fx.store, "gn:4", "Delta", 37.305, 48.15, 20'000);
    add_claim(fx.store, "gn:4", "RU", "claims_control", "2025-11-30");
    // Too old for the 30-day window, and one in the future.
    add_place(fx.store, "gn:5", "Echo", 36.0, 47.0, 1'000);
    add_claim(fx.store, "gn:5", "RU", "claims_control", "2025-10-01");
    add_claim(fx.store, "gn:5", "RU", "claims_control", "2025-12-20");

    const MapData m = load_map_data(fx.store, "2025-12-02", std::nullopt, SnapshotOptions{});
    EXPECT_EQ(m.date, "2025-12-02");

    const ClaimArea* alpha = find_area(m, "gn:1", Status::disputed);
    ASSERT_NE(alpha, nullptr);
    EXPECT_EQ(alpha->name, "Alpha");
    EXPECT_EQ(alpha->claims.size(), 3U);
    ASSERT_TRUE(alpha->held_part.has_value());
    EXPECT_GT(mean_lat(*alpha->held_part), 48.5);
    EXPECT_EQ(alpha->held_by, "UA");
    ASSERT_TRUE(alpha->centre.has_value());
    EXPECT_DOUBLE_EQ(alpha->centre->lon, 37.6);
    EXPECT_EQ(alpha->claims[0].source, "Test Wire");

    const ClaimArea* bravo = find_area(m, "gn:2", Status::claimed_ru);
    ASSERT_NE(bravo, nullptr);
    EXPECT_NE(find_area(m, "gn:2", Status::advance_ua), nullptr);
    EXPECT_NE(find_area(m, "gn:3", Status::assessed_ru), nullptr);

    const ClaimArea* delta = find_area(m, "gn:4", Status::claimed_ru);
    ASSERT_NE(delta, nullptr);
    for (const auto& p : delta->area)
        for (const auto& q : p.rings[0]) EXPECT_GE(q.lon, 37.3 - 1e-9);  // nothing inside the square

    for (const auto& a : m.areas) EXPECT_NE(a.place_key, "gn:5");
    ASSERT_EQ(m.settlements.size(), 4U);
    for (const auto& s : m.settlements) {
        ASSERT_TRUE(s.status.has_value());
        if (s.name == "Alpha") {
            EXPECT_EQ(*s.status, Status::disputed);
            EXPECT_EQ(s.population, 60'000);
        }
    }
    ASSERT_EQ(m.sources.size(), 2U);
    EXPECT_EQ(m.sources[0], "zones");
    EXPECT_EQ(m.sources[1], "Test Wire, 2025-12-02");

    // A shorter window drops Bravo's Russian claim (2025-11-18): only the advance is left.
    SnapshotOptions week;
    week.claim_window_days = 7;
    const MapData w = load_map_data(fx.store, "2025-12-02", std::nullopt, week);
    EXPECT_EQ(find_area(w, "gn:2", Status::claimed_ru), nullptr);
    EXPECT_NE(find_area(w, "gn:2", Status::advance_ua), nullptr);
    // Same inputs, same data.
    const MapData again = load_map_data(fx.store, "2025-12-02", std::nullopt, SnapshotOptions{});
    ASSERT_EQ(again.areas.size(), m.areas.size());
    for (std::size_t i = 0; i < m.areas.size(); ++i) {
        EXPECT_EQ(again.areas[i].place_key, m.areas[i].place_key);
        EXPECT_EQ(again.areas[i].status, m.areas[i].status);
    }
}

TEST(Snapshot, HeldPartCarriesTheSideHoldingIt) {
    auto fx = make_fixture("snapshot_held_by");
    insert(fx.store, "articles", {{"sha256", "a1"}, {"source", "Test Wire"}, {"published", "2025-12-02"}});
    // Ukraine says it holds the town; Russia says it holds its southern part.
    add_place(fx.store, "gn:1", "Alpha", 36.0, 48.5, 40'000);
    add_claim(fx.store, "gn:1", "UA", "claims_control", "2025-12-01");
    add_claim(fx.store, "gn:1", "RU", "holds_part", "2025-12-02", "south");
    const MapData m = load_map_data(fx.store, "2025-12-02", std::nullopt, SnapshotOptions{});
    ASSERT_EQ(m.areas.size(), 1U);
    const ClaimArea& a = m.areas[0];
    EXPECT_EQ(a.status, Status::disputed);
    ASSERT_TRUE(a.held_part.has_value());
    EXPECT_EQ(a.held_by, "RU");
    EXPECT_LT(mean_lat(*a.held_part), 48.5);
    EXPECT_EQ(held_status(a.held_by), Status::held_ru);
    EXPECT_EQ(held_status("UA"), Status::held_ua);
}

TEST(Snapshot, SourcesNameEveryArticleOfTheMap) {
    auto fx = make_fixture("snapshot_sources");
    import_control(fx.store, {fx.files.string()}, pattern_options());
    // Title first, else source, else URL, else the file name recorded at ingest; with the date.
    insert(fx.store, "articles",
           {{"sha256", "a1"}, {"title", "Town taken, says Moscow"}, {"source", "Test Wire"}, {"published", "2025-12-02"}});
    insert(fx.store, "articles", {{"sha256", "a2"}, {"source", "Other Wire"}, {"published", "2025-12-01"}});
    insert(fx.store, "articles", {{"sha256", "a3"}, {"url", "https://example.org/a3"}});
    insert(fx.store, "articles", {{"sha256", "a4"}, {"file", "report-2025-11-30.txt"}, {"published", "2025-11-30"}});
    insert(fx.store, "articles", {{"sha256", "a5"}, {"file", "far-away.txt"}, {"published", "2025-11-30"}});
    add_place(fx.store, "gn:1", "Alpha", 37.6, 48.5, 60'000);
    add_claim(fx.store, "gn:1", "RU", "claims_control", "2025-12-01", {}, "a1");
    add_claim(fx.store, "gn:1", "RU", "denies_control", "2025-12-02", {}, "a2");
    add_place(fx.store, "gn:2", "Bravo", 37.8, 48.6, 20'000);
    add_claim(fx.store, "gn:2", "UA", "advancing", "2025-12-02", {}, "a3");
    add_place(fx.store, "gn:3", "Charlie", 37.9, 48.7, 20'000);
    add_claim(fx.store, "gn:3", "UA", "holds", "2025-11-30", {}, "a4");
    // Outside the map's extent: its article is not a source of this map.
    add_place(fx.store, "gn:4", "Delta", 30.5, 50.4, 20'000);
    add_claim(fx.store, "gn:4", "UA", "holds", "2025-11-30", {}, "a5");

    const MapData m = load_map_data(fx.store, "2025-12-02", Extent{37, 48, 38.5, 49}, SnapshotOptions{});
    const std::vector<std::string> want = {"zones", "Other Wire, 2025-12-01", "Town taken, says Moscow, 2025-12-02",
                                           "https://example.org/a3", "report-2025-11-30.txt, 2025-11-30"};
    std::vector<std::string> got = m.sources;
    EXPECT_EQ(got.size(), want.size());
    for (const auto& w : want) EXPECT_NE(std::find(got.begin(), got.end(), w), got.end()) << w;
    EXPECT_EQ(std::find(got.begin(), got.end(), "far-away.txt, 2025-11-30"), got.end());
    // The claims of an area name their article the same way.
    const ClaimArea* charlie = find_area(m, "gn:3", Status::held_ua);
    ASSERT_NE(charlie, nullptr);
    EXPECT_EQ(charlie->claims[0].source, "report-2025-11-30.txt");
}

TEST(Snapshot, HeldBefore2022FromBaseAndFromADatedRecord) {
    auto fx = make_fixture("snapshot_pre2022");
    // A small synthetic base: two admin-1 rows (one Crimea-coded) and a few places.
    const fs::path base = fx.dir / "base.gpkg";
    {
        ensure_gdal();
        GDALDriver* drv = GetGDALDriverManager()->GetDriverByName("GPKG");
        DatasetPtr ds(drv->Create(base.string().c_str(), 0, 0, 0, GDT_Unknown, nullptr));
        OGRSpatialReference wgs84;
        wgs84.importFromEPSG(4326);
        OGRLayer* admin1 = ds->CreateLayer("admin1", &wgs84, wkbMultiPolygon, nullptr);
        for (const char* f : {"iso_3166_2", "name", "name_en"}) {
            OGRFieldDefn d(f, OFTString);
            admin1->CreateField(&d);
        }
        const std::pair<const char*, const char*> rows[] = {
            {"UA-43", "MULTIPOLYGON (((33 44.5, 35 44.5, 35 45.8, 33 45.8, 33 44.5)))"},
            {"UA-14", "MULTIPOLYGON (((37 47, 39 47, 39 49, 37 49, 37 47)))"}};
        for (const auto& [iso, wkt] : rows) {
            FeaturePtr f(OGRFeature::CreateFeature(admin1->GetLayerDefn()));
            f->SetField("iso_3166_2", iso);
            f->SetField("name_en", std::string(iso) == "UA-43" ? "Crimea" : "Donetsk");
            OGRGeometry* g = nullptr;
            OGRGeometryFactory::createFromWkt(wkt, nullptr, &g);
            f->SetGeometryDirectly(g);
            ASSERT_EQ(admin1->CreateFeature(f.get()), OGRERR_NONE);
        }
        OGRLayer* places = ds->CreateLayer("places", &wgs84, wkbPoint, nullptr);
        OGRFieldDefn id("geonames_id", OFTInteger64), pop("population", OFTInteger64);
        ASSERT_EQ(places->CreateField(&id), OGRERR_NONE);
        ASSERT_EQ(places->CreateField(&pop), OGRERR_NONE);
        for (auto [gid, lon, lat] : {std::tuple{1, 37.6, 48.5}, std::tuple{99, 37.62, 48.5}}) {
            FeaturePtr f(OGRFeature::CreateFeature(places->GetLayerDefn()));
            f->SetField("geonames_id", static_cast<GIntBig>(gid));
            f->SetField("population", static_cast<GIntBig>(40'000));
            f->SetGeometryDirectly(new OGRPoint(lon, lat));
            ASSERT_EQ(places->CreateFeature(f.get()), OGRERR_NONE);
        }
    }
    // A pre-invasion record the user imported, and today's assessment.
    ImportOptions o = pattern_options("lines");
    o.date_pattern.reset();
    o.date = "2022-02-20";
    write(fx.dir / "pre.geojson", square_geojson(38.5, 47.8, 0.3));
    import_control(fx.store, {(fx.dir / "pre.geojson").string()}, o);
    import_control(fx.store, {fx.files.string()}, pattern_options());
    add_place(fx.store, "gn:1", "Alpha", 37.6, 48.5, 60'000);
    add_claim(fx.store, "gn:1", "RU", "claims_control", "2025-12-01");
    add_place(fx.store, "gn:7", "Simfer", 34.1, 44.95, 300'000);
    add_claim(fx.store, "gn:7", "RU", "holds", "2025-12-01");

    SnapshotOptions opt;
    opt.base = base.string();
    const MapData m = load_map_data(fx.store, "2025-12-02", std::nullopt, opt);
    const ClaimArea* crimea = find_area(m, "iso:UA-43", Status::held_ru_before_2022);
    ASSERT_NE(crimea, nullptr);
    EXPECT_EQ(crimea->name, "Crimea");
    EXPECT_EQ(find_area(m, "iso:UA-14", Status::held_ru_before_2022), nullptr);
    EXPECT_NE(find_area(m, "control:lines@2022-02-20", Status::held_ru_before_2022), nullptr);
    EXPECT_NE(find_area(m, "gn:7", Status::held_ru_before_2022), nullptr);
    // Alpha's cell stops half-way to its neighbour 99 (0.02° east).
    const ClaimArea* alpha = find_area(m, "gn:1", Status::claimed_ru);
    ASSERT_NE(alpha, nullptr);
    double max_lon = -1e9;
    for (const auto& p : alpha->area)
        for (const auto& q : p.rings[0]) max_lon = std::max(max_lon, q.lon);
    EXPECT_NEAR(max_lon, 37.61, 1e-3);
    // The pre-2022 record is shown as control on its own dates only.
    EXPECT_EQ(load_map_data(fx.store, "2022-03-01", std::nullopt, opt).control.size(), 1U);
    // A missing base file is an error with a hint.
    opt.base = (fx.dir / "nope.gpkg").string();
    EXPECT_THROW(load_map_data(fx.store, "2025-12-02", std::nullopt, opt), InputError);
}

TEST(Snapshot, DigestInputsAreStableAndFollowContent) {
    auto fx = make_fixture("snapshot_digest");
    import_control(fx.store, {fx.files.string()}, pattern_options());
    add_place(fx.store, "gn:1", "Alpha", 37.6, 48.5, 60'000);
    add_claim(fx.store, "gn:1", "RU", "claims_control", "2025-11-20");
    const SnapshotOptions opt;
    const std::string d1 = snapshot_digest_inputs(fx.store, "2025-11-03", opt).text();
    EXPECT_EQ(d1, snapshot_digest_inputs(fx.store, "2025-11-03", opt).text());
    EXPECT_NE(d1.find("control\tzones\tRU\tassessed\t2025-11-02\t"), std::string::npos) << d1;
    // Same polygon on the carried-forward day; a different day differs.
    EXPECT_NE(d1, snapshot_digest_inputs(fx.store, "2025-11-04", opt).text());
    // Re-importing identical data changes nothing; new data for the day does.
    import_control(fx.store, {fx.files.string()}, pattern_options());
    EXPECT_EQ(d1, snapshot_digest_inputs(fx.store, "2025-11-03", opt).text());
    write(fx.files / "zone_20251102.geojson", square_geojson(37.0, 48.0, 0.21));
    import_control(fx.store, {(fx.files / "zone_20251102.geojson").string()}, pattern_options());
    EXPECT_NE(d1, snapshot_digest_inputs(fx.store, "2025-11-03", opt).text());
    // A claim becoming active changes the digest of the days it is active on.
    const std::string before = snapshot_digest_inputs(fx.store, "2025-11-25", opt).text();
    EXPECT_NE(before.find("claim\tgn:1\tRU\tclaims_control"), std::string::npos);
    add_claim(fx.store, "gn:1", "UA", "advancing", "2025-11-24");
    EXPECT_NE(before, snapshot_digest_inputs(fx.store, "2025-11-25", opt).text());
}

TEST(DeepState, ImportsTheDirectoryQuicklyAndCarriesForwardOverGaps) {
    FRONTMAP_REQUIRE_SHARED();
    const fs::path dir = frontmap::test::shared_dir() / "data/deepstate";
    fs::path scratch = frontmap::test::scratch_dir("deepstate_import");
    Store store = Store::open((scratch / "store.gpkg").string());
    ImportOptions o;
    o.source = "deepstate";
    o.date_pattern = "deepstatemap_data_%Y%m%d.geojson";

    const auto t0 = std::chrono::steady_clock::now();
    const auto report = import_control(store, {dir.string()}, o);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::cout << "[ measure  ] imported " << report.files.size() << " DeepState files in " << seconds << " s\n";
    EXPECT_LT(seconds, 30.0);

    std::size_t expected = 0;
    for (const auto& e : fs::directory_iterator(dir)) expected += e.path().extension() == ".geojson" ? 1 : 0;
    auto rows = control_rows(store);
    ASSERT_EQ(rows.size(), expected);
    EXPECT_EQ(rows.front().valid_from, "2024-07-08");
    EXPECT_EQ(rows.back().valid_from, "2025-12-31");
    std::set<std::string> dates;
    for (const auto& r : rows) {
        dates.insert(r.valid_from);
        EXPECT_TRUE(r.valid) << r.valid_from;
        EXPECT_GT(r.env.MinX, 22.0);  // lon/lat order, inside Ukraine's longitudes
        EXPECT_LT(r.env.MaxX, 41.0);
        EXPECT_GT(r.env.MinY, 44.0);
    }
    EXPECT_EQ(dates.size(), expected);
    EXPECT_EQ(dates.count("2025-11-26"), 0U);  // the archive's gap

    // Idempotent.
    const auto again = import_control(store, {dir.string()}, o);
    EXPECT_EQ(again.replaced_rows, static_cast<int>(expected));
    EXPECT_EQ(control_rows(store).size(), expected);

    // Carry-forward over the missing 2025-11-26.
    const MapData gap = load_map_data(store, "2025-11-26", std::nullopt, SnapshotOptions{});
    ASSERT_EQ(gap.control.size(), 1U);
    EXPECT_EQ(gap.control[0].valid_from, "2025-11-25");
    EXPECT_EQ(gap.control[0].age_days, 1);
    const auto t1 = std::chrono::steady_clock::now();
    const MapData day = load_map_data(store, "2025-12-02", Extent{30, 44, 41, 52.5}, SnapshotOptions{});
    std::cout << "[ measure  ] snapshot 2025-12-02 (east extent): "
              << std::chrono::duration<double>(std::chrono::steady_clock::now() - t1).count() << " s\n";
    ASSERT_EQ(day.control.size(), 1U);
    EXPECT_EQ(day.control[0].age_days, 0);
    EXPECT_GT(day.control[0].area.size(), 0U);

    // Assessed area on three dates: equal-area km² against the geodesic area (Karney, PROJ's
    // geodesic.h) of the same snapshot polygons, within 0.5 %.
    geod_geodesic geod{};
    geod_init(&geod, 6378137, 1 / 298.257223563);
    GeoContext ctx;
    for (const char* date : {"2025-09-01", "2025-11-01", "2025-12-01"}) {
        const MapData snap = load_map_data(store, date);
        ASSERT_EQ(snap.control.size(), 1U);
        double geodesic = 0;
        for (const auto& poly : snap.control[0].area) {
            for (std::size_t r = 0; r < poly.rings.size(); ++r) {
                std::vector<double> lats, lons;
                for (const auto& p : poly.rings[r]) {
                    lats.push_back(p.lat);
                    lons.push_back(p.lon);
                }
                lats.pop_back();  // closed ring: drop the repeated point
                lons.pop_back();
                double a = 0, perimeter = 0;
                geod_polygonarea(&geod, lats.data(), lons.data(), static_cast<int>(lats.size()), &a, &perimeter);
                geodesic += (r == 0 ? 1 : -1) * std::abs(a) / 1e6;
            }
        }
        const double ours = area_km2(ctx, snap.control[0].area);
        std::cout << "[ measure  ] assessed area " << date << ": " << ours << " km² (laea), " << geodesic
                  << " km² (geodesic)\n";
        EXPECT_NEAR(ours / geodesic, 1.0, 0.005) << date;
    }

    // A bad file in the middle of a directory: nothing imported, store unchanged.
    const fs::path mixed = scratch / "mixed";
    fs::create_directories(mixed);
    fs::copy_file(dir / "deepstatemap_data_20251201.geojson", mixed / "deepstatemap_data_20260101.geojson");
    write(mixed / "deepstatemap_data_20260102.geojson", "{ not json");
    fs::copy_file(dir / "deepstatemap_data_20251202.geojson", mixed / "deepstatemap_data_20260103.geojson");
    EXPECT_THROW(import_control(store, {mixed.string()}, o), InputError);
    rows = control_rows(store);
    EXPECT_EQ(rows.size(), expected);
    EXPECT_EQ(rows.back().valid_from, "2025-12-31");
}

TEST(Import, KeepsLonLatOfAnEpsg4326Layer) {
    // A GeoPackage layer declared as EPSG:4326 (whose authority axis order is lat/lon): GDAL hands
    // its coordinates out lon/lat, and the import must not swap them.
    auto fx = make_fixture("import_axis");
    const fs::path src = fx.dir / "latlon.gpkg";
    {
        ensure_gdal();
        GDALDriver* drv = GetGDALDriverManager()->GetDriverByName("GPKG");
        DatasetPtr ds(drv->Create(src.string().c_str(), 0, 0, 0, GDT_Unknown, nullptr));
        OGRSpatialReference wgs84;
        wgs84.importFromEPSG(4326);
        wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
        OGRLayer* l = ds->CreateLayer("front", &wgs84, wkbPolygon, nullptr);
        FeaturePtr f(OGRFeature::CreateFeature(l->GetLayerDefn()));
        OGRGeometry* g = nullptr;
        OGRGeometryFactory::createFromWkt("POLYGON ((37 48, 37.1 48, 37.1 48.1, 37 48.1, 37 48))", nullptr, &g);
        f->SetGeometryDirectly(g);
        ASSERT_EQ(l->CreateFeature(f.get()), OGRERR_NONE);
    }
    ImportOptions o = pattern_options("axis");
    o.date_pattern.reset();
    o.date = "2025-10-01";
    import_control(fx.store, {src.string()}, o);
    const auto rows = control_rows(fx.store);
    ASSERT_EQ(rows.size(), 1U);
    EXPECT_NEAR(rows[0].env.MinX, 37.0, 1e-9);
    EXPECT_NEAR(rows[0].env.MinY, 48.0, 1e-9);
}

TEST(Import, AFailedWriteInTheMiddleRollsBackTheWholeCall) {
    // The write phase itself failing after some rows went in (here: an undecodable geometry in
    // the middle of a prepared import) must leave the store as it was: one transaction.
    auto fx = make_fixture("import_write_rollback");
    import_control(fx.store, {fx.files.string()}, pattern_options());
    const auto before = control_rows(fx.store);
    PreparedImport prepared = prepare_control_import({fx.files.string()}, pattern_options());
    ASSERT_EQ(prepared.files.size(), 3U);
    prepared.files[1].wkb = {0x01, 0x02, 0x03};
    EXPECT_THROW(write_control_import(fx.store, prepared), StoreError);
    const auto after = control_rows(fx.store);
    ASSERT_EQ(after.size(), before.size());
    for (std::size_t i = 0; i < after.size(); ++i) {
        EXPECT_EQ(after[i].valid_from, before[i].valid_from);
        EXPECT_DOUBLE_EQ(after[i].env.MaxX, before[i].env.MaxX);
    }
    // And the store still takes writes afterwards.
    EXPECT_EQ(import_control(fx.store, {fx.files.string()}, pattern_options()).replaced_rows, 3);
}

// The two readers of a store's rows (layers/rows.hpp) agree on a GeoPackage: SQLite directly
// (what `render` uses, without GDAL) and OGR (what PostGIS stores use). Every row kind, then the
// whole snapshot and its digest.
TEST(StoreRows, SqliteAndOgrReadTheSameRows) {
    auto fx = make_fixture("rows_agree");
    import_control(fx.store, {fx.files.string()}, pattern_options());
    insert(fx.store, "articles",
           {{"sha256", "a1"}, {"title", "Town taken"}, {"source", "Test Wire"}, {"published", "2025-12-02"}});
    insert(fx.store, "articles", {{"sha256", "a2"}, {"file", "notes.txt"}});
    add_place(fx.store, "gn:1", "Alpha", 37.6, 48.5, 60'000);
    add_claim(fx.store, "gn:1", "RU", "claims_control", "2025-12-01", {}, "a1");
    add_claim(fx.store, "gn:1", "UA", "holds_part", "2025-12-02", "north", "a2");
    // A region: a polygon and no stored lat/lon (its position is the polygon's centroid).
    insert(fx.store, "places", {{"place_key", "iso:UA-14"}, {"name", "Region"}, {"kind", "region"}},
           "POLYGON ((36 47, 39 47, 39 49, 36 49, 36 47))");
    add_claim(fx.store, "iso:UA-14", "RU", "claims_control", "2025-11-30", {}, "a1");

    std::unique_ptr<StoreRows> sql = open_gpkg_rows((fx.dir / "store.gpkg").string());
    std::unique_ptr<StoreRows> ogr = ogr_rows(fx.store);
    auto sorted = [](std::vector<ControlCatalogRow> v) {
        std::sort(v.begin(), v.end(), [](const auto& a, const auto& b) { return a.fid < b.fid; });
        return v;
    };
    const auto ca = sorted(sql->control_catalog()), cb = sorted(ogr->control_catalog());
    ASSERT_EQ(ca.size(), 3U);
    ASSERT_EQ(ca.size(), cb.size());
    for (std::size_t i = 0; i < ca.size(); ++i) {
        EXPECT_EQ(std::tie(ca[i].fid, ca[i].source, ca[i].party, ca[i].kind, ca[i].valid_from, ca[i].valid_to),
                  std::tie(cb[i].fid, cb[i].source, cb[i].party, cb[i].kind, cb[i].valid_from, cb[i].valid_to));
        EXPECT_EQ(sql->control_wkb(ca[i].fid), ogr->control_wkb(ca[i].fid)) << ca[i].fid;
    }
    EXPECT_THROW(sql->control_wkb(999), StoreError);
    EXPECT_THROW(ogr->control_wkb(999), StoreError);

    auto by_fields = [](std::vector<ClaimRow> v) {
        std::sort(v.begin(), v.end(), [](const ClaimRow& a, const ClaimRow& b) {
            return std::tie(a.place_key, a.actor, a.stance, a.claim_date) < std::tie(b.place_key, b.actor, b.stance, b.claim_date);
        });
        return v;
    };
    const auto la = by_fields(sql->claims_between("2025-11-01", "2025-12-02"));
    const auto lb = by_fields(ogr->claims_between("2025-11-01", "2025-12-02"));
    ASSERT_EQ(la.size(), 3U);
    ASSERT_EQ(la.size(), lb.size());
    for (std::size_t i = 0; i < la.size(); ++i) {
        EXPECT_EQ(std::tie(la[i].article, la[i].place_key, la[i].actor, la[i].stance, la[i].part, la[i].claim_date,
                           la[i].attributed_to, la[i].evidence, la[i].evidence_start, la[i].evidence_end,
                           la[i].confidence),
                  std::tie(lb[i].article, lb[i].place_key, lb[i].actor, lb[i].stance, lb[i].part, lb[i].claim_date,
                           lb[i].attributed_to, lb[i].evidence, lb[i].evidence_start, lb[i].evidence_end,
                           lb[i].confidence));
    }
    EXPECT_EQ(sql->claims_between("2025-12-01", "2025-12-02").size(), 1U);  // after < date <= until

    for (const char* key : {"gn:1", "iso:UA-14", "gn:404"}) {
        const auto pa = sql->place(key), pb = ogr->place(key);
        ASSERT_EQ(pa.has_value(), pb.has_value()) << key;
        if (!pa) continue;
        EXPECT_EQ(std::tie(pa->name, pa->kind, pa->iso, pa->country, pa->geonames_id, pa->population),
                  std::tie(pb->name, pb->kind, pb->iso, pb->country, pb->geonames_id, pb->population));
        EXPECT_EQ(std::isnan(pa->pos.lon), std::isnan(pb->pos.lon)) << key;
        if (!std::isnan(pa->pos.lon)) {
            EXPECT_EQ(pa->pos.lon, pb->pos.lon) << key;
        }
        EXPECT_EQ(pa->wkb, pb->wkb) << key;
        EXPECT_FALSE(pa->wkb.empty()) << key;
    }
    for (const char* sha : {"a1", "a2", "zz"}) {
        const auto aa = sql->article(sha), ab = ogr->article(sha);
        ASSERT_EQ(aa.has_value(), ab.has_value()) << sha;
        if (!aa) continue;
        EXPECT_EQ(std::tie(aa->title, aa->source, aa->url, aa->file, aa->published),
                  std::tie(ab->title, ab->source, ab->url, ab->file, ab->published));
    }

    for (const char* date : {"2025-11-03", "2025-12-02"}) {
        EXPECT_EQ(snapshot_digest_inputs(*sql, date).text(), snapshot_digest_inputs(*ogr, date).text()) << date;
        const MapData ma = load_map_data(*sql, date), mb = load_map_data(*ogr, date);
        ASSERT_EQ(ma.areas.size(), mb.areas.size()) << date;
        for (std::size_t i = 0; i < ma.areas.size(); ++i) {
            EXPECT_EQ(ma.areas[i].place_key, mb.areas[i].place_key);
            EXPECT_EQ(ma.areas[i].status, mb.areas[i].status);
            EXPECT_EQ(ma.areas[i].area.size(), mb.areas[i].area.size());
        }
        EXPECT_EQ(ma.sources, mb.sources);
        ASSERT_EQ(ma.control.size(), mb.control.size());
    }
    // The region's area is on the map, at its centroid.
    const MapData m = load_map_data(*sql, "2025-12-02");
    EXPECT_NE(find_area(m, "iso:UA-14", Status::claimed_ru), nullptr);
}

// The SQLite reader refuses what Store::open refuses, with the same kind of error.
TEST(StoreRows, SqliteReaderRefusesWhatIsNotAStore) {
    const fs::path dir = frontmap::test::scratch_dir("rows_refuse");
    auto refused = [](const std::string& path, const std::string& needle) {
        try {
            open_gpkg_rows(path);
            ADD_FAILURE() << path << " was accepted";
        } catch (const StoreError& e) {
            EXPECT_NE(std::string(e.what()).find(needle), std::string::npos) << e.what();
        }
    };
    refused((dir / "missing.gpkg").string(), "no such file");
    write(dir / "empty.gpkg", "");
    refused((dir / "empty.gpkg").string(), "empty");
    write(dir / "text.gpkg", std::string(200, 'x'));
    refused((dir / "text.gpkg").string(), "not an SQLite database");
    refused(dir.string(), "folder");
    refused("PG:dbname=x", "PostgreSQL");
    {
        // A store from a newer frontmap.
        Store s = Store::open((dir / "newer.gpkg").string());
        OGRLayer& versions = s.layer("schema_version");
        FeaturePtr f(OGRFeature::CreateFeature(versions.GetLayerDefn()));
        f->SetField("version", 99);
        f->SetField("name", "future");
        ASSERT_EQ(versions.CreateFeature(f.get()), OGRERR_NONE);
    }
    refused((dir / "newer.gpkg").string(), "schema version 99");
}

// A store of schema 3 (no articles.file) reads: an article is named by title, source or URL.
TEST(StoreRows, SqliteReaderReadsAnOlderSchema) {
    const fs::path dir = frontmap::test::scratch_dir("rows_v3");
    {
        Store s = Store::open((dir / "v3.gpkg").string(), Store::Mode::open_or_create, 3);
        ASSERT_EQ(s.schema_version(), 3);
        insert(s, "articles", {{"sha256", "a1"}, {"source", "Old Wire"}, {"published", "2024-05-01"}});
    }
    std::unique_ptr<StoreRows> rows = open_gpkg_rows((dir / "v3.gpkg").string());
    const auto a = rows->article("a1");
    ASSERT_TRUE(a);
    EXPECT_EQ(a->source, "Old Wire");
    EXPECT_EQ(a->file, "");
    EXPECT_EQ(schema_version_latest, current_schema_version());
}
