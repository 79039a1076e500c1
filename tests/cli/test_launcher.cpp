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

std::string needed_libraries(const fs::path& file, const fs::path& dir) {
    const fs::path out = dir / (file.filename().string() + ".ldd.txt");
    const std::string cmd = "ldd '" + file.string() + "' >'" + out.string() + "'";
    EXPECT_EQ(std::system(cmd.c_str()), 0) << cmd;
    return read_file(out);
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
    const std::string libs = needed_libraries(FRONTMAP_BINARY, dir);
    EXPECT_NE(libs.find("libc.so"), std::string::npos) << libs;
    for (const char* heavy : {"libgdal", "libcairo", "libpango"}) EXPECT_EQ(libs.find(heavy), std::string::npos) << libs;
}

// The render module draws with Cairo and Pango but reads GeoPackages through SQLite: GDAL (and
// the ~110 libraries it brings) must not be loaded by `render` from a GeoPackage store.
TEST(Launcher, RenderModuleDoesNotLinkGdal) {
    const fs::path dir = frontmap::test::scratch_dir("launcher_render_ldd");
    const fs::path module = fs::path(FRONTMAP_BINARY).parent_path() / "frontmap-render.so";
    ASSERT_TRUE(fs::exists(module)) << module;
    const std::string libs = needed_libraries(module, dir);
    EXPECT_NE(libs.find("libcairo"), std::string::npos) << libs;
    EXPECT_EQ(libs.find("libgdal"), std::string::npos) << libs;
    // The commands module does link it (PostGIS stores, imports).
    EXPECT_NE(needed_libraries(fs::path(FRONTMAP_BINARY).parent_path() / "frontmap-commands.so", dir).find("libgdal"),
              std::string::npos);
}

// `render` from a GeoPackage store runs in the render module, from PostGIS or with a
// --control-file in the commands module: with only one module beside the launcher, each route
// either works or names the module it lacks.
TEST(Launcher, RenderGoesToTheModuleThatCanReadItsStore) {
    FRONTMAP_REQUIRE_BASE();
    const fs::path dir = frontmap::test::scratch_dir("launcher_render_route");
    const fs::path built = fs::path(FRONTMAP_BINARY).parent_path();
    const fs::path only_render = dir / "only_render", only_commands = dir / "only_commands";
    for (const fs::path& d : {only_render, only_commands}) {
        fs::create_directories(d);
        fs::copy_file(FRONTMAP_BINARY, d / "frontmap", fs::copy_options::overwrite_existing);
    }
    fs::copy_file(built / "frontmap-render.so", only_render / "frontmap-render.so", fs::copy_options::overwrite_existing);
    fs::copy_file(built / "frontmap-commands.so", only_commands / "frontmap-commands.so",
                  fs::copy_options::overwrite_existing);
    const std::string store = (dir / "store.gpkg").string();
    Outcome init = run(only_commands / "frontmap", "store init --store '" + store + "'", dir);
    ASSERT_EQ(init.code, 0) << init.err;

    const std::string demo = "render --demo --date 2025-12-02 --size 400x300 --store '" + store + "' -o ";
    // The render module alone draws the demo map and a map of a (new, empty) GeoPackage store.
    Outcome a = run(only_render / "frontmap", demo + "'" + (dir / "a.png").string() + "'", dir);
    EXPECT_EQ(a.code, 0) << a.err;
    EXPECT_TRUE(fs::exists(dir / "a.png"));
    Outcome real = run(only_render / "frontmap",
                       "render --date 2025-12-02 --view east --size 400x300 --store '" + store + "' -o '" +
                           (dir / "b.png").string() + "'",
                       dir);
    EXPECT_EQ(real.code, 0) << real.err;
    EXPECT_TRUE(fs::exists(dir / "b.png"));
    // Without the render module, the same command names it.
    Outcome none = run(only_commands / "frontmap", demo + "'" + (dir / "c.png").string() + "'", dir);
    EXPECT_EQ(none.code, 1);
    EXPECT_EQ(none.err.rfind("frontmap: failed to find the render module", 0), 0u) << none.err;
    // PostGIS stores and --control-file go to the commands module (not found here: it says so).
    for (const char* args : {"render --date 2025-12-02 --store 'PG:dbname=x' -o x.png",
                             "render --date 2025-12-02 --store=pg:dbname=x -o x.png",
                             "render --date 2025-12-02 --control-file a.geojson -o x.png"}) {
        Outcome r = run(only_render / "frontmap", args, dir);
        EXPECT_EQ(r.code, 1) << args;
        EXPECT_EQ(r.err.rfind("frontmap: failed to find the commands module", 0), 0u) << args << ": " << r.err;
    }
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
        const std::string module = std::string(args).starts_with("render") ? "render" : "commands";
        EXPECT_EQ(r.err.rfind("frontmap: failed to find the " + module + " module", 0), 0u) << r.err;
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
