#include <gtest/gtest.h>

#include <sys/wait.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
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
