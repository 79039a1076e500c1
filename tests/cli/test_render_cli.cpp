// End-to-end tests of `frontmap render`: outputs, and bad input giving a clear error, exit 1
// or 2, and no file left behind. Base data is the tests' own synthetic GeoPackage.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "render/synthetic_base.hpp"
#include "support/test_support.hpp"

namespace fs = std::filesystem;
using frontmap::test::run_frontmap;

namespace {

std::string env() {
    static const fs::path base =
        frontmap::test::write_synthetic_base(fs::path(FRONTMAP_TEST_TMP) / "cli_synthetic_base.gpkg");
    return "FRONTMAP_BASE='" + base.string() + "'";
}

std::string q(const fs::path& p) { return "'" + p.string() + "'"; }

bool folder_empty(const fs::path& dir) { return fs::is_empty(dir); }

}  // namespace

TEST(RenderCli, Help) {
    auto r = run_frontmap("render --help");
    EXPECT_EQ(r.exit_code, 0);
    for (const char* opt : {"--date", "--extent", "--around", "--view", "--size", "--dpi", "--crs", "--style", "--title",
                            "--lang", "--palette", "--transparent", "--store", "--base"}) {
        EXPECT_NE(r.out.find(opt), std::string::npos) << opt;
    }
}

TEST(RenderCli, DemoInEveryFormat) {
    const fs::path dir = frontmap::test::scratch_dir("cli_render_formats");
    for (const char* name : {"map.png", "map.svg", "map.pdf"}) {
        auto r = run_frontmap("render --demo --date 2025-12-02 --size 400x300 -o " + q(dir / name), env());
        EXPECT_EQ(r.exit_code, 0) << name << ": " << r.err;
        EXPECT_GT(fs::file_size(dir / name), 1000u) << name;
    }
    EXPECT_EQ(frontmap::test::read_file(dir / "map.png").substr(1, 3), "PNG");
    EXPECT_NE(frontmap::test::read_file(dir / "map.svg").find("<svg"), std::string::npos);
    EXPECT_EQ(frontmap::test::read_file(dir / "map.pdf").substr(0, 5), "%PDF-");
    // No temporary files left next to the outputs.
    int n = 0;
    for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir)) ++n;
    EXPECT_EQ(n, 3);
}

TEST(RenderCli, ViewsAroundPaletteLanguageTransparent) {
    const fs::path dir = frontmap::test::scratch_dir("cli_render_options");
    auto r = run_frontmap("render --demo --date 2025-12-02 --size 300x200 --view east --palette print --lang uk -o " +
                              q(dir / "a.png"),
                          env());
    EXPECT_EQ(r.exit_code, 0) << r.err;
    r = run_frontmap("render --demo --date 2025-12-02 --size 300x200 --around Pokrovsk --radius 30 --transparent -o " +
                         q(dir / "b.png"),
                     env());
    EXPECT_EQ(r.exit_code, 0) << r.err;
    r = run_frontmap("render --demo --date 2025-12-02 --size 300x200 --around Nowhereville -o " + q(dir / "c.png"), env());
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("Nowhereville"), std::string::npos) << r.err;
    EXPECT_FALSE(fs::exists(dir / "c.png"));
}

TEST(RenderCli, BadInputClearErrorNoFile) {
    const fs::path dir = frontmap::test::scratch_dir("cli_render_bad");
    struct Case {
        std::string args;
        int exit_code;
        std::string message;
    };
    const fs::path style = dir / "typo.json";
    std::ofstream(style) << R"({"colors": {"sea": "#ffffff", "lnad": "#eeeeee"}})";
    const Case cases[] = {
        {"--date 02/12/2025", 2, "failed to read date '02/12/2025'"},
        {"--date 2025-02-30", 2, "failed to read date"},
        {"--date 2025-12-02 --extent 170,10,200,20", 2, "outside the world"},
        {"--date 2025-12-02 --extent 30,44,41", 2, "failed to read extent"},
        {"--date 2025-12-02 --size 0x100", 2, "failed to use size"},
        {"--date 2025-12-02 --size 100000x100000", 2, "failed to use size"},
        {"--date 2025-12-02 --size big", 2, "failed to use size"},
        {"--date 2025-12-02 --palette neon", 2, "palette"},
        {"--date 2025-12-02 --lang de", 2, "language"},
        {"--date 2025-12-02 --view west", 2, "view"},
        {"--date 2025-12-02 --crs '+proj=nonsense'", 2, "projection"},
        {"--date 2025-12-02 --style " + q(style), 1, "colors.lnad"},
    };
    for (const auto& c : cases) {
        auto r = run_frontmap("render --demo " + c.args + " -o " + q(dir / "out.png"), env());
        EXPECT_EQ(r.exit_code, c.exit_code) << c.args << ": " << r.err;
        EXPECT_NE(r.err.find(c.message), std::string::npos) << c.args << ": " << r.err;
        EXPECT_EQ(r.err.rfind("frontmap: ", 0), 0u) << r.err;
        EXPECT_FALSE(fs::exists(dir / "out.png")) << c.args;
    }
    // Unwritable output: a missing folder, and a read-only one.
    auto r = run_frontmap("render --demo --date 2025-12-02 -o " + q(dir / "no" / "such" / "map.png"), env());
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_NE(r.err.find("failed to write"), std::string::npos) << r.err;
    r = run_frontmap("render --demo --date 2025-12-02 -o /proc/map.png", env());
    EXPECT_EQ(r.exit_code, 1) << r.err;
    r = run_frontmap("render --demo --date 2025-12-02 -o " + q(dir / "map.jpg"), env());
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_NE(r.err.find(".png, .svg or .pdf"), std::string::npos) << r.err;
    fs::remove(style);
    EXPECT_TRUE(folder_empty(dir));
}

TEST(RenderCli, MissingBaseHintsAtFetch) {
    const fs::path dir = frontmap::test::scratch_dir("cli_render_nobase");
    auto r = run_frontmap("render --demo --date 2025-12-02 --base " + q(dir / "none.gpkg") + " -o " + q(dir / "m.png"));
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("data/fetch"), std::string::npos) << r.err;
    EXPECT_FALSE(fs::exists(dir / "m.png"));
}

TEST(RenderCli, MissingStoreIsOneLineAndNoFile) {
    const fs::path dir = frontmap::test::scratch_dir("cli_render_store");
    auto r = run_frontmap("render --date 2025-12-02 --view east --store " + q(dir / "none.gpkg") + " -o " +
                              q(dir / "m.png"),
                          env());
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("frontmap: failed to open store"), std::string::npos) << r.err;
    EXPECT_FALSE(fs::exists(dir / "m.png"));
    EXPECT_FALSE(fs::exists(dir / "none.gpkg"));  // reading never creates a store
}
