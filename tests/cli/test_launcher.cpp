// The launcher (cli/main.cpp): lean commands run without the commands module and without GDAL
// or Cairo loaded; every other command needs the module, and its absence is one clear line.

#include <gtest/gtest.h>

#include <sys/wait.h>

#include <cstdlib>
#include <fstream>

#include "support/test_support.hpp"

namespace fs = std::filesystem;
using frontmap::test::read_file;

namespace {

struct Outcome {
    int code = -1;
    std::string out, err;
};

Outcome run(const fs::path& bin, const std::string& args, const fs::path& dir) {
    const fs::path out = dir / "stdout.txt", err = dir / "stderr.txt";
    const std::string cmd = "FRONTMAP_BASE='" + frontmap::test::base_gpkg().string() + "' '" + bin.string() + "' " +
                            args + " </dev/null >'" + out.string() + "' 2>'" + err.string() + "'";
    const int status = std::system(cmd.c_str());
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, read_file(out), read_file(err)};
}

// The launcher copied alone into a scratch folder: no frontmap-commands.so beside it.
fs::path lone_launcher(const fs::path& dir) {
    const fs::path copy = dir / "frontmap";
    fs::copy_file(FRONTMAP_BINARY, copy, fs::copy_options::overwrite_existing);
    return copy;
}

}  // namespace

TEST(Launcher, DoesNotLinkGdalCairoOrPango) {
    const fs::path dir = frontmap::test::scratch_dir("launcher_ldd");
    const std::string cmd = "ldd '" + std::string(FRONTMAP_BINARY) + "' >'" + (dir / "ldd.txt").string() + "'";
    ASSERT_EQ(std::system(cmd.c_str()), 0);
    const std::string libs = read_file(dir / "ldd.txt");
    EXPECT_NE(libs.find("libc.so"), std::string::npos) << libs;
    for (const char* heavy : {"libgdal", "libcairo", "libpango"}) EXPECT_EQ(libs.find(heavy), std::string::npos) << libs;
}

TEST(Launcher, ExtractAndVersionNeedNoModule) {
    FRONTMAP_REQUIRE_BASE();
    const fs::path dir = frontmap::test::scratch_dir("launcher_lean");
    const fs::path bin = lone_launcher(dir);
    std::ofstream(dir / "a.txt") << "---\ndate: 2025-10-08\n---\nRussia said its troops had captured Siversk.\n";

    Outcome v = run(bin, "--version", dir);
    EXPECT_EQ(v.code, 0) << v.err;
    EXPECT_EQ(v.out.rfind("frontmap ", 0), 0u) << v.out;

    Outcome x = run(bin, "extract '" + (dir / "a.txt").string() + "' --json", dir);
    EXPECT_EQ(x.code, 0) << x.err;
    EXPECT_NE(x.out.find("\"Siversk\""), std::string::npos) << x.out;
    EXPECT_TRUE(x.err.empty()) << x.err;

    // Usage errors of a lean command keep their exit code 2.
    Outcome bad = run(bin, "extract '" + (dir / "a.txt").string() + "' --date 2025-13-40", dir);
    EXPECT_EQ(bad.code, 2);
    EXPECT_EQ(bad.err.rfind("frontmap: ", 0), 0u) << bad.err;
}

TEST(Launcher, OtherCommandsWithoutTheModuleFailWithOneLine) {
    const fs::path dir = frontmap::test::scratch_dir("launcher_nomodule");
    const fs::path bin = lone_launcher(dir);
    for (const char* args : {"render --date 2025-12-02 -o x.png", "--help", "store info"}) {
        Outcome r = run(bin, args, dir);
        EXPECT_EQ(r.code, 1) << args;
        EXPECT_EQ(r.err.rfind("frontmap: failed to find the commands module", 0), 0u) << r.err;
        EXPECT_EQ(r.err.find('\n'), r.err.size() - 1) << "one line: " << r.err;
        EXPECT_FALSE(fs::exists(dir / "x.png"));
    }
}

TEST(Launcher, ModuleCommandsRunThroughTheBuiltLauncher) {
    const fs::path dir = frontmap::test::scratch_dir("launcher_module");
    Outcome h = run(FRONTMAP_BINARY, "--help", dir);
    EXPECT_EQ(h.code, 0) << h.err;
    for (const char* name : {"render", "import", "ingest", "build", "extract"})
        EXPECT_NE(h.out.find(name), std::string::npos) << name << " missing from --help:\n" << h.out;
    Outcome bad = run(FRONTMAP_BINARY, "render --date 2025-12-02", dir);  // -o is required
    EXPECT_EQ(bad.code, 2) << bad.err;
}
