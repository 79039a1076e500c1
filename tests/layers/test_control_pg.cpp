// Control import and snapshot on PostGIS give what they give on a GeoPackage: the same rows and
// the same snapshot digest inputs (a dated build over either store gets the same digests).
// Needs FRONTMAP_TEST_PG (tests/pg/pg-start.sh prints it); skipped with a message otherwise,
// failed when FRONTMAP_REQUIRE_PG=1.

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <unistd.h>

#include <fmt/format.h>

#include "layers/control.hpp"
#include "layers/snapshot.hpp"
#include "layers/store.hpp"
#include "support/test_support.hpp"

namespace {

namespace fs = std::filesystem;
using namespace frontmap;
using namespace frontmap::layers;

std::string env(const char* name) {
    const char* v = std::getenv(name);
    return v != nullptr ? v : "";
}

void exec(const std::string& url, const std::string& sql) {
    ensure_gdal();
    DatasetPtr ds(GDALDataset::Open(url.c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE, nullptr, nullptr, nullptr));
    ASSERT_TRUE(ds) << CPLGetLastErrorMsg();
    OGRLayer* rs = ds->ExecuteSQL(sql.c_str(), nullptr, nullptr);
    if (rs != nullptr) ds->ReleaseResultSet(rs);
}

std::string square(double lon, double lat, double size) {
    return fmt::format(R"({{"type":"FeatureCollection","features":[{{"type":"Feature","properties":{{}},)"
                       R"("geometry":{{"type":"Polygon","coordinates":[[[{0},{1}],[{2},{1}],[{2},{3}],[{0},{3}],[{0},{1}]]]}}}}]}})",
                       lon, lat, lon + size, lat + size);
}

}  // namespace

TEST(ControlPostgis, SameRowsAndDigestsAsGeoPackage) {
    const std::string pg = env("FRONTMAP_TEST_PG");
    if (pg.empty()) {
        if (env("FRONTMAP_REQUIRE_PG") == "1") FAIL() << "FRONTMAP_REQUIRE_PG=1 but FRONTMAP_TEST_PG is unset";
        GTEST_SKIP() << "no PostgreSQL: set FRONTMAP_TEST_PG (tests/pg/pg-start.sh prints it)";
    }
    const std::string schema = "control_" + std::to_string(::getpid());
    exec(pg, "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    exec(pg, "CREATE SCHEMA " + schema);

    const fs::path dir = frontmap::test::scratch_dir("control_pg");
    std::vector<std::string> inputs;
    ImportOptions o;
    o.source = "zones";
    if (!frontmap::test::shared_dir().empty()) {
        inputs.push_back((frontmap::test::shared_dir() / "data/deepstate").string());
        o.date_pattern = "deepstatemap_data_%Y%m%d.geojson";
    } else {
        fs::create_directories(dir / "in");
        for (int d = 1; d <= 4; ++d) {
            std::ofstream(dir / "in" / fmt::format("zone_202511{:02d}.geojson", d)) << square(37, 48, 0.1 * d);
        }
        inputs.push_back((dir / "in").string());
        o.date_pattern = "zone_%Y%m%d.geojson";
    }
    Store gpkg = Store::open((dir / "store.gpkg").string());
    Store pgs = Store::open(pg + " active_schema=" + schema);
    const auto a = import_control(gpkg, inputs, o);
    const auto b = import_control(pgs, inputs, o);
    ASSERT_EQ(a.files.size(), b.files.size());
    const auto again = import_control(pgs, inputs, o);
    EXPECT_EQ(again.replaced_rows, static_cast<int>(b.files.size()));

    for (const char* date : {"2025-11-03", "2025-11-26", "2025-12-02"}) {
        EXPECT_EQ(snapshot_digest_inputs(gpkg, date, {}).text(), snapshot_digest_inputs(pgs, date, {}).text()) << date;
        const MapData mg = load_map_data(gpkg, date, std::nullopt, {});
        const MapData mp = load_map_data(pgs, date, std::nullopt, {});
        ASSERT_EQ(mg.control.size(), mp.control.size());
        for (std::size_t i = 0; i < mg.control.size(); ++i) {
            EXPECT_EQ(mg.control[i].valid_from, mp.control[i].valid_from);
            EXPECT_EQ(mg.control[i].age_days, mp.control[i].age_days);
            EXPECT_EQ(mg.control[i].area.size(), mp.control[i].area.size());
        }
    }
    exec(pg, "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
}
