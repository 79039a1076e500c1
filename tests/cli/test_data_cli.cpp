#include <gtest/gtest.h>

#include <sys/wait.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>

#include "support/test_support.hpp"

namespace fs = std::filesystem;
using frontmap::test::run_frontmap;

namespace {

struct ScriptResult {
    int exit_code = -1;
    std::string err;
    std::string out;
};

// Runs data/fetch from the source tree with an environment prefix and arguments.
ScriptResult run_fetch(const std::string& env, const std::string& args, const fs::path& dir) {
    const fs::path out = dir / "fetch.out", err = dir / "fetch.err";
    const std::string cmd = env + " bash '" + std::string(FRONTMAP_SOURCE_DIR) + "/data/fetch' " + args +
                            " </dev/null >'" + out.string() + "' 2>'" + err.string() + "'";
    const int status = std::system(cmd.c_str());
    ScriptResult r;
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.out = frontmap::test::read_file(out);
    r.err = frontmap::test::read_file(err);
    return r;
}

}  // namespace

TEST(DataCli, BuildHelp) {
    const auto r = run_frontmap("data build --help");
    EXPECT_EQ(r.exit_code, 0) << r.err;
    for (const char* opt : {"--admin1", "--countries", "--cities", "--aliases", "--output"})
        EXPECT_NE(r.out.find(opt), std::string::npos) << opt;
}

TEST(DataCli, DataHelpListsBuild) {
    const auto r = run_frontmap("data --help");
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("build"), std::string::npos);
}

TEST(DataCli, MissingOptionsAreUsageErrors) {
    EXPECT_EQ(run_frontmap("data").exit_code, 2);
    const auto r = run_frontmap("data build --admin1 a.json");
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("frontmap: "), std::string::npos) << r.err;
}

TEST(DataCli, MissingInputIsAFailedRunWithNoOutput) {
    const fs::path dir = frontmap::test::scratch_dir("data_cli_missing");
    const fs::path out = dir / "base.gpkg";
    const auto r = run_frontmap("data build --admin1 '" + (dir / "none.json").string() + "' --countries '" +
                                (dir / "none.json").string() + "' --cities '" + (dir / "none.txt").string() +
                                "' -o '" + out.string() + "'");
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("failed to open"), std::string::npos) << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
    EXPECT_FALSE(fs::exists(out));
}

TEST(DataFetch, Help) {
    const fs::path dir = frontmap::test::scratch_dir("data_fetch_help");
    const auto r = run_fetch("", "--help", dir);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("--cities500"), std::string::npos);
    EXPECT_EQ(run_fetch("", "--no-such-option", dir).exit_code, 2);
}

// A cached pack whose sha512 is not the pinned one is refused before anything is downloaded or
// built: the scratch cache holds a forged world-atlas pack, so no network is needed.
TEST(DataFetch, RefusesABadChecksum) {
    const fs::path dir = frontmap::test::scratch_dir("data_fetch_checksum");
    const fs::path cache = dir / "cache";
    fs::create_directories(cache / "npm");
    std::ofstream(cache / "npm" / "world-atlas-2.0.2.tgz") << "not the pinned package\n";
    const fs::path out = dir / "base.gpkg";
    const auto r = run_fetch("FRONTMAP_CACHE='" + cache.string() + "'",
                             "--frontmap /nonexistent/frontmap -o '" + out.string() + "'", dir);
    EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
    EXPECT_NE(r.err.find("failed to verify 'world-atlas@2.0.2': sha512 mismatch"), std::string::npos) << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
    EXPECT_FALSE(fs::exists(out));
    EXPECT_FALSE(fs::exists(dir / "base.gpkg-stamp"));
    // The forged pack is kept for the user to inspect, and nothing was extracted from it.
    EXPECT_TRUE(fs::exists(cache / "npm" / "world-atlas-2.0.2.tgz"));
    EXPECT_FALSE(fs::exists(cache / "src" / "world-atlas-2.0.2"));
}

// The stamp and the build cache, on tiny user-given files (so nothing is downloaded): a second
// run does nothing, a fresh output comes from the cache, a changed input rebuilds.
TEST(DataFetch, IdempotentWithUserFilesAndCached) {
    const fs::path dir = frontmap::test::scratch_dir("data_fetch_idempotent");
    const std::string row = "800001\tProbe\tProbe\tProbe Town\t49.5\t36.5\tP\tPPL\tUA\t\t07\t\t\t\t900\t\t100\tEurope/Kyiv\t2024-01-01\n";
    std::ofstream(dir / "cities500.txt") << row;
    std::ofstream(dir / "admin1.geojson")
        << R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{"iso_3166_2":"UA-63",)"
           R"("gn_a1_code":"UA.07","gn_id":1,"name":"Probe Region","iso_a2":"UA"},"geometry":{"type":"Polygon",)"
           R"("coordinates":[[[35,49],[38,49],[38,50],[35,50],[35,49]]]}}]})";
    std::ofstream(dir / "countries.geojson")
        << R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{"iso_a2":"UA","iso_n3":"804",)"
           R"("name":"Ukraine"},"geometry":{"type":"Polygon","coordinates":[[[30,45],[40,45],[40,52],[30,52],[30,45]]]}}]})";
    const fs::path out = dir / "out" / "base.gpkg";
    const std::string env = "FRONTMAP_CACHE='" + (dir / "cache").string() + "'";
    const std::string args = std::string("--frontmap '") + FRONTMAP_BINARY + "' --cities500 '" +
                             (dir / "cities500.txt").string() + "' --admin1 '" + (dir / "admin1.geojson").string() +
                             "' --countries '" + (dir / "countries.geojson").string() + "' -o '" + out.string() + "'";

    auto r = run_fetch(env, args, dir);
    ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
    EXPECT_NE(r.out.find("data/fetch: built"), std::string::npos) << r.out;
    ASSERT_TRUE(fs::exists(out));
    const auto built_at = fs::last_write_time(out);

    r = run_fetch(env, args, dir);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("is up to date"), std::string::npos) << r.out;
    EXPECT_EQ(fs::last_write_time(out), built_at);

    fs::remove(out);
    r = run_fetch(env, args, dir);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("copied from the cache"), std::string::npos) << r.out;
    EXPECT_TRUE(fs::exists(out));

    std::ofstream(dir / "cities500.txt", std::ios::app) << "800002\tOther\tOther\t\t49.6\t36.6\tP\tPPL\tUA\t\t07\t\t\t\t10\t\t100\tEurope/Kyiv\t2024-01-01\n";
    r = run_fetch(env, args, dir);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("data/fetch: built"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("places 2"), std::string::npos) << r.out;
    // Only the output, its stamp and the inputs: no temporary file left behind.
    std::set<std::string> files;
    for (const auto& e : fs::directory_iterator(dir / "out")) files.insert(e.path().filename().string());
    EXPECT_EQ(files, (std::set<std::string>{"base.gpkg", "base.gpkg-stamp"}));
}
