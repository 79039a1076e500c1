// frontmap store info / init, end to end through the built binary.

#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include <cpl_error.h>
#include <nlohmann/json.hpp>

#include "layers/handles.hpp"
#include "support/test_support.hpp"

namespace fs = std::filesystem;
using frontmap::test::run_frontmap;

namespace {

std::string quoted(const std::string& s) {
    std::string out = "'";
    for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

std::size_t count_lines(const std::string& s) {
    std::size_t n = 0;
    for (char c : s) n += c == '\n';
    return n;
}

TEST(StoreCli, HelpForStore) {
    auto r = run_frontmap("store --help");
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("info"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("init"), std::string::npos) << r.out;
    EXPECT_TRUE(r.err.empty()) << r.err;
}

TEST(StoreCli, HelpForStoreInfo) {
    auto r = run_frontmap("store info --help");
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("--store"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("--json"), std::string::npos) << r.out;
}

TEST(StoreCli, HelpForStoreInit) {
    auto r = run_frontmap("store init --help");
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("--store"), std::string::npos) << r.out;
}

TEST(StoreCli, StoreWithoutSubcommandIsBadUsage) {
    auto r = run_frontmap("store");
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_EQ(count_lines(r.err), 1u) << r.err;
}

TEST(StoreCli, InfoJsonOnANewStore) {
    const fs::path dir = frontmap::test::scratch_dir("cli_store_info_json");
    const std::string store = (dir / "new.gpkg").string();
    auto init = run_frontmap("store init --store " + quoted(store));
    ASSERT_EQ(init.exit_code, 0) << init.err;
    EXPECT_NE(init.out.find("schema version: 4"), std::string::npos) << init.out;

    auto r = run_frontmap("store info --json --store " + quoted(store));
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_TRUE(r.err.empty()) << r.err;
    const auto j = nlohmann::json::parse(r.out);
    EXPECT_EQ(j.at("url"), store);
    EXPECT_EQ(j.at("driver"), "GPKG");
    EXPECT_EQ(j.at("schema_version"), 4);
    const auto& tables = j.at("tables");
    EXPECT_EQ(tables.size(), 6u);
    for (const char* t : {"articles", "places", "mentions", "claims", "control"}) EXPECT_EQ(tables.at(t), 0) << t;
    EXPECT_EQ(tables.at("schema_version"), 4);

    // The default store comes from FRONTMAP_STORE.
    auto env = run_frontmap("store info", "FRONTMAP_STORE=" + quoted(store));
    ASSERT_EQ(env.exit_code, 0) << env.err;
    EXPECT_NE(env.out.find("articles"), std::string::npos) << env.out;
}

TEST(StoreCli, InfoNeverCreatesAStore) {
    const fs::path dir = frontmap::test::scratch_dir("cli_store_info_missing");
    const fs::path store = dir / "missing.gpkg";
    auto r = run_frontmap("store info --store " + quoted(store.string()));
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_EQ(count_lines(r.err), 1u) << r.err;
    EXPECT_EQ(r.err.rfind("frontmap: ", 0), 0u) << r.err;
    EXPECT_FALSE(fs::exists(store));
}

TEST(StoreCli, CorruptStoreIsOneLineAndExit1) {
    const fs::path dir = frontmap::test::scratch_dir("cli_store_corrupt");
    const fs::path random = dir / "random.gpkg";
    {
        std::mt19937 rng(7);
        std::ofstream out(random, std::ios::binary);
        for (int i = 0; i < 10000; ++i) out.put(static_cast<char>(rng()));
    }
    const fs::path good = dir / "good.gpkg";
    ASSERT_EQ(run_frontmap("store init --store " + quoted(good.string())).exit_code, 0);
    const std::string whole = frontmap::test::read_file(good);
    const fs::path cut = dir / "cut.gpkg";
    std::ofstream(cut, std::ios::binary) << whole.substr(0, whole.size() / 2);

    for (const fs::path& bad : {random, cut}) {
        for (const char* command : {"store info", "store init"}) {
            auto r = run_frontmap(std::string(command) + " --store " + quoted(bad.string()));
            EXPECT_EQ(r.exit_code, 1) << command << " " << bad << ": " << r.err;
            EXPECT_EQ(count_lines(r.err), 1u) << r.err;
            EXPECT_EQ(r.err.rfind("frontmap: failed to open store '" + bad.string() + "'", 0), 0u) << r.err;
            EXPECT_TRUE(r.out.empty()) << r.out;
        }
    }
}

TEST(StoreCli, UnreachablePostgresIsOneLineAndExit1) {
    auto r = run_frontmap("store info --store 'PG:dbname=x host=127.0.0.1 port=1 user=x connect_timeout=2'");
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_EQ(count_lines(r.err), 1u) << r.err;
    EXPECT_EQ(r.err.rfind("frontmap: failed to open store 'PG:", 0), 0u) << r.err;
}

// The test server's connection string (tests/pg/pg-start.sh), or null: the test then skips,
// unless FRONTMAP_REQUIRE_PG=1 (CI), where it fails.
const char* test_pg() {
    const char* pg = std::getenv("FRONTMAP_TEST_PG");
    if (pg != nullptr && *pg != '\0') return pg;
    const char* req = std::getenv("FRONTMAP_REQUIRE_PG");
    if (req != nullptr && std::string(req) == "1") ADD_FAILURE() << "FRONTMAP_REQUIRE_PG=1 but FRONTMAP_TEST_PG is unset";
    return nullptr;
}

// Runs one SQL statement on the test server.
void pg_sql(const char* pg, const std::string& statement) {
    frontmap::layers::ensure_gdal();
    frontmap::layers::DatasetPtr ds(GDALDataset::Open(pg, GDAL_OF_VECTOR | GDAL_OF_UPDATE, nullptr, nullptr, nullptr));
    ASSERT_TRUE(ds) << CPLGetLastErrorMsg();
    CPLErrorReset();
    OGRLayer* rs = ds->ExecuteSQL(statement.c_str(), nullptr, nullptr);
    if (rs != nullptr) ds->ReleaseResultSet(rs);
    ASSERT_LT(CPLGetLastErrorType(), CE_Failure) << CPLGetLastErrorMsg();
}

TEST(StoreCli, InfoJsonOnAPostgisStore) {
    const char* pg = test_pg();
    if (pg == nullptr) GTEST_SKIP() << "no PostgreSQL: set FRONTMAP_TEST_PG (tests/pg/pg-start.sh prints it)";
    const std::string schema = "cli" + std::to_string(::getpid());
    pg_sql(pg, "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    pg_sql(pg, "CREATE SCHEMA " + schema);
    const std::string url = std::string(pg) + " active_schema=" + schema;
    auto init = run_frontmap("store init --store " + quoted(url));
    auto r = run_frontmap("store info --json --store " + quoted(url));
    pg_sql(pg, "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    ASSERT_EQ(init.exit_code, 0) << init.err;
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const auto j = nlohmann::json::parse(r.out);
    EXPECT_EQ(j.at("driver"), "PostgreSQL");
    EXPECT_EQ(j.at("schema_version"), 4);
    EXPECT_EQ(j.at("tables").at("claims"), 0);
}

// `render` from a GeoPackage store runs in the render module (SQLite, no GDAL), from PostGIS in
// the commands module (OGR): the same data gives the same map, byte for byte.
TEST(StoreCli, RenderFromPostgisIsTheSameMapAsFromGeoPackage) {
    FRONTMAP_REQUIRE_BASE();
    const char* pg = test_pg();
    if (pg == nullptr) GTEST_SKIP() << "no PostgreSQL: set FRONTMAP_TEST_PG (tests/pg/pg-start.sh prints it)";
    const fs::path dir = frontmap::test::scratch_dir("render_pg_gpkg");
    std::ofstream(dir / "zone.geojson")
        << R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":)"
        << R"({"type":"Polygon","coordinates":[[[37,48],[38.2,48],[38.2,48.9],[37,48.9],[37,48]]]}}]})";
    const std::string schema = "render" + std::to_string(::getpid());
    pg_sql(pg, "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    pg_sql(pg, "CREATE SCHEMA " + schema);
    const std::string pg_url = std::string(pg) + " active_schema=" + schema, gpkg = (dir / "store.gpkg").string();
    std::vector<frontmap::test::RunResult> runs;
    for (const std::string& store : {pg_url, gpkg}) {
        runs.push_back(run_frontmap("import " + quoted((dir / "zone.geojson").string()) +
                                    " --party RU --kind assessed --source zone --date 2025-12-01 --store " + quoted(store)));
    }
    runs.push_back(run_frontmap("render --date 2025-12-02 --view east --size 400x300 -o " +
                                quoted((dir / "pg.png").string()) + " --store " + quoted(pg_url)));
    runs.push_back(run_frontmap("render --date 2025-12-02 --view east --size 400x300 -o " +
                                quoted((dir / "gpkg.png").string()) + " --store " + quoted(gpkg)));
    pg_sql(pg, "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    for (const auto& r : runs) ASSERT_EQ(r.exit_code, 0) << r.err;
    const std::string a = frontmap::test::read_file(dir / "pg.png"), b = frontmap::test::read_file(dir / "gpkg.png");
    EXPECT_GT(a.size(), 1000U);
    EXPECT_EQ(a, b);
}

}  // namespace
