// A dated build on PostGIS gives the same digests and outputs as on GeoPackage, and two shards
// run at the same time into one folder produce exactly the outputs of one full run.
// Needs FRONTMAP_TEST_PG (tests/pg/pg-start.sh prints it); skipped with a message otherwise.

#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <thread>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "layers/control.hpp"
#include "layers/handles.hpp"
#include "layers/store.hpp"
#include "render/build.hpp"
#include "support/test_support.hpp"

namespace {

namespace fs = std::filesystem;
using namespace frontmap;
using namespace frontmap::render;

void exec(const std::string& url, const std::string& sql) {
    layers::ensure_gdal();
    layers::DatasetPtr ds(GDALDataset::Open(url.c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE, nullptr, nullptr, nullptr));
    ASSERT_TRUE(ds) << CPLGetLastErrorMsg();
    OGRLayer* rs = ds->ExecuteSQL(sql.c_str(), nullptr, nullptr);
    if (rs != nullptr) ds->ReleaseResultSet(rs);
}

std::map<std::string, std::string> outputs(const fs::path& dir) {
    std::map<std::string, std::string> out;
    for (const auto& e : fs::recursive_directory_iterator(dir)) {
        const std::string rel = fs::relative(e.path(), dir).string();
        if (e.is_regular_file() && !rel.starts_with(".frontmap-build") && rel != "index.html") {
            out[rel] = rel == "manifest.json" ? std::string() : test::read_file(e.path());
        }
    }
    return out;
}

std::map<std::string, std::string> digests(const fs::path& manifest) {
    std::map<std::string, std::string> out;
    const auto m = nlohmann::json::parse(test::read_file(manifest));
    for (const auto& map : m["maps"]) out[map["view"].get<std::string>() + "/" + map["date"].get<std::string>()] = map["digest"];
    return out;
}

}  // namespace

TEST(BuildPostgis, SameDigestsAsGeoPackageAndConcurrentShards) {
    const char* pg_env = std::getenv("FRONTMAP_TEST_PG");
    const std::string pg = pg_env != nullptr ? pg_env : "";
    if (pg.empty()) {
        if (const char* r = std::getenv("FRONTMAP_REQUIRE_PG"); r != nullptr && std::string(r) == "1")
            FAIL() << "FRONTMAP_REQUIRE_PG=1 but FRONTMAP_TEST_PG is unset";
        GTEST_SKIP() << "no PostgreSQL: set FRONTMAP_TEST_PG (tests/pg/pg-start.sh prints it)";
    }
    FRONTMAP_REQUIRE_SHARED();
    const std::string schema = "build_" + std::to_string(::getpid());
    exec(pg, "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    exec(pg, "CREATE SCHEMA " + schema);
    const fs::path dir = test::scratch_dir("build_pg");
    std::vector<std::string> files;
    for (const auto& e : fs::directory_iterator(test::shared_dir() / "data" / "deepstate")) {
        const std::string name = e.path().filename().string();
        if (name >= "deepstatemap_data_20251020" && name < "deepstatemap_data_20251201") files.push_back(e.path().string());
    }
    std::sort(files.begin(), files.end());
    layers::ImportOptions o;
    o.source = "deepstate";
    o.date_pattern = "deepstatemap_data_%Y%m%d.geojson";
    const std::string pg_url = pg + " active_schema=" + schema;
    {
        auto gpkg = layers::Store::open((dir / "store.gpkg").string());
        layers::import_control(gpkg, files, o);
        auto pgs = layers::Store::open(pg_url);
        layers::import_control(pgs, files, o);
    }
    const std::string views = R"("views": [{"name": "ua", "formats": ["geojson"]},
                                           {"name": "east", "extent": [35, 46.5, 40.5, 50.5], "formats": ["geojson"]}])";
    auto config = [&](const std::string& store, const std::string& out) {
        std::ofstream(dir / (out + ".json")) << fmt::format(
            R"({{"store": "{}", "from": "2025-11-01", "to": "2025-11-30", "output": "{}", {}}})", store, out, views);
        return load_build_config(dir / (out + ".json"));
    };
    const BuildConfig gp = config("store.gpkg", "gpkg");
    BuildOptions full;
    full.jobs = 2;
    ASSERT_TRUE(run_build(gp, full, default_renderer(gp)).failures.empty());

    const BuildConfig pc = config(pg_url, "pg");
    BuildResult r1, r2;
    std::thread s1([&] {
        BuildOptions s;
        s.shard = 1;
        s.shards = 2;
        r1 = run_build(pc, s, default_renderer(pc));
    });
    std::thread s2([&] {
        BuildOptions s;
        s.shard = 2;
        s.shards = 2;
        r2 = run_build(pc, s, default_renderer(pc));
    });
    s1.join();
    s2.join();
    EXPECT_EQ(r1.total + r2.total, 60U);
    EXPECT_TRUE(r1.failures.empty() && r2.failures.empty());
    EXPECT_EQ(digests(dir / "gpkg/manifest.json"), digests(dir / "pg/manifest.json"));
    EXPECT_EQ(digests(dir / "pg/manifest.json").size(), 60U);
    EXPECT_EQ(outputs(dir / "gpkg"), outputs(dir / "pg"));
    exec(pg, "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
}
