#pragma once
// Helpers shared by every test suite: paths to the shared data, the built binary, a scratch
// folder, and running the CLI.

#include <filesystem>
#include <string>

namespace frontmap::test {

// ../shared (articles, DeepState polygons), or empty when it is absent.
std::filesystem::path shared_dir();
// data/base.gpkg (or $FRONTMAP_BASE), or empty when it has not been built.
std::filesystem::path base_gpkg();
// A fresh, empty scratch folder for one test (removed and recreated).
std::filesystem::path scratch_dir(const std::string& name);

struct RunResult {
    int exit_code = -1;
    std::string out;
    std::string err;
};
// Runs the frontmap binary with a shell-quoted argument string; captures stdout and stderr.
RunResult run_frontmap(const std::string& args, const std::string& env = {});

std::string read_file(const std::filesystem::path& path);

}  // namespace frontmap::test

// Skip the current test with a reason when shared data or base data is missing.
#define FRONTMAP_REQUIRE_SHARED()                                                             \
    do {                                                                                      \
        if (::frontmap::test::shared_dir().empty())                                           \
            GTEST_SKIP() << "../shared is absent: this test needs the shared articles/data";  \
    } while (0)
#define FRONTMAP_REQUIRE_BASE()                                                               \
    do {                                                                                      \
        if (::frontmap::test::base_gpkg().empty())                                            \
            GTEST_SKIP() << "data/base.gpkg is absent: run data/fetch first";                 \
    } while (0)
