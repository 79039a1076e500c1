// `frontmap import` end to end: help, success, usage errors (exit 2), bad input (exit 1, the
// file named, no store left behind or changed), and the DeepState directory.

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>

#include <fmt/format.h>

#include "support/test_support.hpp"

namespace {

namespace fs = std::filesystem;
using frontmap::test::run_frontmap;

std::string square(double lon, double lat, double size) {
    return fmt::format(R"({{"type":"FeatureCollection","features":[{{"type":"Feature","properties":{{}},)"
                       R"("geometry":{{"type":"Polygon","coordinates":[[[{0},{1}],[{2},{1}],[{2},{3}],[{0},{3}],[{0},{1}]]]}}}}]}})",
                       lon, lat, lon + size, lat + size);
}

void write(const fs::path& p, const std::string& text) {
    std::ofstream out(p, std::ios::binary);
    out << text;
}

std::string q(const fs::path& p) { return "'" + p.string() + "'"; }

const char* kArgs = "--party RU --kind assessed --source zones --date-from-name 'zone_%Y%m%d.geojson'";

}  // namespace

TEST(ImportCli, Help) {
    const auto r = run_frontmap("import --help");
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("--date-from-name"), std::string::npos);
    EXPECT_NE(r.out.find("--source"), std::string::npos);
    EXPECT_NE(r.out.find("--store"), std::string::npos);
}

TEST(ImportCli, ImportsADirectoryAndReplacesOnReimport) {
    const fs::path dir = frontmap::test::scratch_dir("cli_import_ok");
    fs::create_directories(dir / "in");
    write(dir / "in/zone_20251101.geojson", square(37, 48, 0.1));
    write(dir / "in/zone_20251102.geojson", square(37, 48, 0.2));
    const fs::path store = dir / "store.gpkg";
    auto r = run_frontmap(fmt::format("import {} {} --store {}", q(dir / "in"), kArgs, q(store)));
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("imported 2 files into source 'zones'"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("2025-11-01 to 2025-11-02"), std::string::npos) << r.out;
    EXPECT_TRUE(r.err.empty()) << r.err;
    r = run_frontmap(fmt::format("import {} {} --store {}", q(dir / "in"), kArgs, q(store)));
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("replaced 2 earlier rows"), std::string::npos) << r.out;
    // --date for a single file, quietly, with the store from the environment.
    r = run_frontmap(fmt::format("import {} --source one --date 2025-11-05 -q", q(dir / "in/zone_20251101.geojson")),
                     "FRONTMAP_STORE=" + q(store));
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_TRUE(r.out.empty()) << r.out;
}

TEST(ImportCli, UsageErrorsExitTwo) {
    const fs::path dir = frontmap::test::scratch_dir("cli_import_usage");
    write(dir / "zone_20251101.geojson", square(37, 48, 0.1));
    const fs::path store = dir / "store.gpkg";
    const std::string file = q(dir / "zone_20251101.geojson");
    for (const std::string& args : {
             fmt::format("import {} --source s --date 2025-11-01 --date-from-name 'zone_%Y%m%d.geojson'", file),
             fmt::format("import {} --source s", file),                                  // no date at all
             fmt::format("import {} --source s --date 2025-02-30", file),                // no such day
             fmt::format("import {} --source s --date 2025-11-01 --kind rumoured", file),
             fmt::format("import {} --source s --date 2025-11-01 --party 'R U'", file),
             fmt::format("import {} --date 2025-11-01", file),                           // no source
             std::string("import --source s --date 2025-11-01"),                          // no input
         }) {
        const auto r = run_frontmap(args + " --store " + q(store));
        EXPECT_EQ(r.exit_code, 2) << args << "\n" << r.err;
        EXPECT_EQ(r.err.rfind("frontmap: ", 0), 0U) << r.err;
        EXPECT_FALSE(fs::exists(store)) << args;
    }
}

TEST(ImportCli, BadInputExitsOneNamingTheFileAndLeavesNoStore) {
    const fs::path dir = frontmap::test::scratch_dir("cli_import_bad");
    fs::create_directories(dir / "in");
    write(dir / "in/zone_20251101.geojson", square(37, 48, 0.1));
    write(dir / "in/zone_20251102.geojson", "{\"type\": \"FeatureCollection\", \"features\": [");
    write(dir / "in/zone_20251103.geojson", square(37, 48, 0.1));
    const fs::path store = dir / "store.gpkg";
    auto r = run_frontmap(fmt::format("import {} {} --store {}", q(dir / "in"), kArgs, q(store)));
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_EQ(r.err.rfind("frontmap: failed to import '", 0), 0U) << r.err;
    EXPECT_NE(r.err.find("zone_20251102.geojson"), std::string::npos) << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
    EXPECT_FALSE(fs::exists(store));

    // With a store already there, it is left unchanged (same bytes).
    fs::remove(dir / "in/zone_20251102.geojson");
    r = run_frontmap(fmt::format("import {} {} --store {}", q(dir / "in"), kArgs, q(store)));
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const std::string before = frontmap::test::read_file(store);
    write(dir / "in/zone_20251104.geojson", "not json at all");
    write(dir / "in/zone_undated.geojson", square(37, 48, 0.1));
    r = run_frontmap(fmt::format("import {} {} --store {}", q(dir / "in"), kArgs, q(store)));
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_EQ(frontmap::test::read_file(store), before);
    // A missing path.
    r = run_frontmap(fmt::format("import {} {} --store {}", q(dir / "nowhere"), kArgs, q(store)));
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("nowhere"), std::string::npos) << r.err;
}

TEST(ImportCli, DeepStateDirectory) {
    FRONTMAP_REQUIRE_SHARED();
    const fs::path dir = frontmap::test::scratch_dir("cli_import_deepstate");
    const fs::path store = dir / "store.gpkg";
    const auto t0 = std::chrono::steady_clock::now();
    const auto r = run_frontmap(fmt::format(
        "import {} --party RU --kind assessed --source deepstate --date-from-name 'deepstatemap_data_%Y%m%d.geojson' "
        "--store {}",
        q(frontmap::test::shared_dir() / "data/deepstate"), q(store)));
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("2024-07-08 to 2025-12-31"), std::string::npos) << r.out;
    std::cout << "[ measure  ] frontmap import of the DeepState directory (whole process): " << seconds << " s\n";
    EXPECT_LT(seconds, 30.0);
}
