// `frontmap build` end to end: help, usage errors, a strict config error, and a DeepState build
// killed with SIGKILL midway and rerun (no partial or corrupt file; the rerun completes it).

#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <thread>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "support/test_support.hpp"

namespace {

namespace fs = std::filesystem;
using frontmap::test::run_frontmap;

std::string q(const fs::path& p) { return fmt::format("'{}'", p.string()); }

void write(const fs::path& p, const std::string& text) {
    std::ofstream out(p, std::ios::binary);
    out << text;
}

}  // namespace

TEST(BuildCli, HelpAndUsageErrors) {
    auto r = run_frontmap("build --help");
    EXPECT_EQ(r.exit_code, 0) << r.err;
    for (const char* opt : {"--from", "--to", "--jobs", "--shard", "--force"}) EXPECT_NE(r.out.find(opt), std::string::npos) << opt;
    const fs::path dir = frontmap::test::scratch_dir("cli_build_usage");
    write(dir / "c.json", R"({"store": "s.gpkg", "from": "2025-01-01", "to": "2025-01-02", "output": "o",
                              "views": [{"name": "v", "formats": ["geojson"], "colour": "red"}]})");
    r = run_frontmap(fmt::format("build {}", q(dir / "c.json")));
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("views[0].colour: unknown key"), std::string::npos) << r.err;
    EXPECT_EQ(run_frontmap(fmt::format("build {} --shard 3/2", q(dir / "c.json"))).exit_code, 2);
    EXPECT_EQ(run_frontmap(fmt::format("build {} -j 0", q(dir / "c.json"))).exit_code, 2);
    EXPECT_EQ(run_frontmap(fmt::format("build {}", q(dir / "missing.json"))).exit_code, 1);
    EXPECT_FALSE(fs::exists(dir / "o"));
}

TEST(BuildCli, KilledMidwayThenResumed) {
    FRONTMAP_REQUIRE_SHARED();
    const fs::path dir = frontmap::test::scratch_dir("cli_build_kill");
    const fs::path store = dir / "store.gpkg";
    auto r = run_frontmap(fmt::format("import {} --source deepstate --date-from-name 'deepstatemap_data_%Y%m%d.geojson' "
                                      "--store {}",
                                      q(frontmap::test::shared_dir() / "data" / "deepstate"), q(store)));
    ASSERT_EQ(r.exit_code, 0) << r.err;
    write(dir / "build.json", R"({"store": "store.gpkg", "from": "2025-09-01", "to": "2025-12-31", "output": "out",
                                  "views": [{"name": "ua", "formats": ["geojson"]}]})");
    // Killed with SIGKILL after a fraction of the build (-j1 so it is slow enough to interrupt).
    const std::string cmd = fmt::format("timeout -s KILL 0.5 {} build {} -j 1 -q >/dev/null 2>&1", FRONTMAP_BINARY,
                                        q(dir / "build.json"));
    const int status = std::system(cmd.c_str());
    (void)status;
    std::size_t before = 0;
    if (fs::exists(dir / "out/ua")) {
        for (const auto& e : fs::directory_iterator(dir / "out/ua")) {
            if (e.path().extension() != ".geojson") continue;  // a temporary of the killed process
            ++before;
            EXPECT_TRUE(nlohmann::json::accept(frontmap::test::read_file(e.path()))) << e.path();
        }
    }
    std::cout << "[ measure  ] maps written before SIGKILL: " << before << " of 122\n";
    r = run_frontmap(fmt::format("build {} -j 2", q(dir / "build.json")));
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("122 maps"), std::string::npos) << r.out;
    std::size_t files = 0;
    for (const auto& e : fs::recursive_directory_iterator(dir / "out")) {
        if (!e.is_regular_file()) continue;
        const std::string name = e.path().filename().string();
        EXPECT_EQ(name.find("frontmap-tmp"), std::string::npos) << "left behind: " << e.path();
        if (e.path().extension() == ".geojson") {
            ++files;
            EXPECT_TRUE(nlohmann::json::accept(frontmap::test::read_file(e.path()))) << e.path();
        }
    }
    EXPECT_EQ(files, 122U);
    const auto m = nlohmann::json::parse(frontmap::test::read_file(dir / "out/manifest.json"));
    EXPECT_EQ(m["maps"].size(), 122U);
    // A second run redraws nothing.
    r = run_frontmap(fmt::format("build {} -j 2", q(dir / "build.json")));
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("0 drawn, 122 unchanged"), std::string::npos) << r.out;
}
