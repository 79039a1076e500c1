// The dated build engine (render/build.hpp) with the built-in GeoJSON renderer and test
// renderers: strict config, incremental digests, shards, failures, resumability.

#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "geo/error.hpp"
#include "layers/control.hpp"
#include "layers/store.hpp"
#include "render/build.hpp"
#include "support/test_support.hpp"

namespace {

namespace fs = std::filesystem;
using namespace frontmap;
using namespace frontmap::render;

void write(const fs::path& p, const std::string& text) {
    fs::create_directories(p.parent_path());
    std::ofstream out(p, std::ios::binary);
    out << text;
}

void import_box(layers::Store& store, const fs::path& dir, const std::string& date, double e) {
    const fs::path file = dir / ("in_" + date + ".geojson");
    write(file, fmt::format(R"({{"type":"FeatureCollection","features":[{{"type":"Feature","properties":{{}},)"
                            R"("geometry":{{"type":"Polygon","coordinates":[[[37,48],[{0},48],[{0},48.2],[37,48.2],[37,48]]]}}}}]}})",
                            e));
    layers::ImportOptions o;
    o.source = "zones";
    o.date = date;
    layers::import_control(store, {file.string()}, o);
}

std::string config_json(const std::string& output, const std::string& extra_view = "") {
    return fmt::format(R"({{"store": "store.gpkg", "from": "2025-03-01", "to": "2025-03-05", "output": "{}",
        "views": [{{"name": "a", "formats": ["geojson"]}},
                  {{"name": "b", "extent": [36.5, 47.5, 38, 48.5], "formats": ["geojson"]{}}}]}})",
                       output, extra_view);
}

// Every file under `dir` (relative path -> bytes), the state folder left out.
std::map<std::string, std::string> outputs(const fs::path& dir) {
    std::map<std::string, std::string> out;
    for (const auto& e : fs::recursive_directory_iterator(dir)) {
        const std::string rel = fs::relative(e.path(), dir).string();
        if (!e.is_regular_file() || rel.starts_with(".frontmap-build") || rel == "manifest.json" || rel == "index.html")
            continue;
        out[rel] = test::read_file(e.path());
    }
    return out;
}

class Build : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = test::scratch_dir(std::string("build_engine_") +
                                 ::testing::UnitTest::GetInstance()->current_test_info()->name());
        store_.emplace(layers::Store::open((dir_ / "store.gpkg").string()));
        import_box(*store_, dir_, "2025-03-01", 37.2);
        import_box(*store_, dir_, "2025-03-03", 37.3);
    }
    BuildConfig config(const std::string& output = "out") {
        write(dir_ / "build.json", config_json(output));
        return load_build_config(dir_ / "build.json");
    }
    fs::path dir_;
    std::optional<layers::Store> store_;
};

TEST_F(Build, IncrementalAndReimport) {
    const BuildConfig c = config();
    BuildOptions o;
    o.jobs = 2;
    auto r = run_build(c, o, default_renderer(c));
    EXPECT_EQ(r.planned, 10U);
    EXPECT_EQ(r.drawn, 10U);
    EXPECT_TRUE(r.failures.empty());
    EXPECT_TRUE(fs::exists(dir_ / "out/a/2025-03-05.geojson"));
    const auto first = outputs(dir_ / "out");
    EXPECT_EQ(first.size(), 10U);

    r = run_build(c, o, default_renderer(c));
    EXPECT_EQ(r.drawn, 0U);
    EXPECT_EQ(r.skipped, 10U);

    // Re-importing identical data changes no digest.
    import_box(*store_, dir_, "2025-03-03", 37.3);
    EXPECT_EQ(run_build(c, o, default_renderer(c)).drawn, 0U);

    // A changed polygon on the 3rd: the 3rd and the days carried forward from it (4th, 5th), both views.
    import_box(*store_, dir_, "2025-03-03", 37.35);
    r = run_build(c, o, default_renderer(c));
    EXPECT_EQ(r.drawn, 6U);
    EXPECT_EQ(r.skipped, 4U);
    const auto second = outputs(dir_ / "out");
    EXPECT_EQ(first.at("a/2025-03-02.geojson"), second.at("a/2025-03-02.geojson"));
    EXPECT_NE(first.at("a/2025-03-04.geojson"), second.at("a/2025-03-04.geojson"));

    // A deleted output is redrawn; --force redraws everything.
    fs::remove(dir_ / "out/b/2025-03-01.geojson");
    EXPECT_EQ(run_build(c, o, default_renderer(c)).drawn, 1U);
    o.force = true;
    EXPECT_EQ(run_build(c, o, default_renderer(c)).drawn, 10U);

    // Manifest and index.
    const auto m = nlohmann::json::parse(test::read_file(dir_ / "out/manifest.json"));
    ASSERT_EQ(m["maps"].size(), 10U);
    EXPECT_EQ(m["maps"][0]["date"], "2025-03-01");
    EXPECT_EQ(m["maps"][0]["view"], "a");
    EXPECT_EQ(m["maps"][0]["digest"].get<std::string>().size(), 64U);
    EXPECT_EQ(m["maps"][2]["control"][0]["age_days"], 1);  // 2nd: carried forward from the 1st
    const std::string html = test::read_file(dir_ / "out/index.html");
    EXPECT_NE(html.find("type=\"range\""), std::string::npos);
    EXPECT_NE(html.find("a/2025-03-05.geojson"), std::string::npos);
    EXPECT_EQ(html.find("http"), std::string::npos);  // no network
}

TEST_F(Build, ShardsTogetherEqualOneFullRun) {
    const BuildConfig full = config("full");
    BuildOptions o;
    run_build(full, o, default_renderer(full));
    const BuildConfig split = config("split");
    o.shards = 3;
    std::size_t total = 0;
    for (int k = 1; k <= 3; ++k) {
        o.shard = k;
        const auto r = run_build(split, o, default_renderer(split));
        total += r.total;
        EXPECT_EQ(r.drawn, r.total);
    }
    EXPECT_EQ(total, 10U);
    EXPECT_EQ(outputs(dir_ / "full"), outputs(dir_ / "split"));
    const auto a = nlohmann::json::parse(test::read_file(dir_ / "full/manifest.json"));
    const auto b = nlohmann::json::parse(test::read_file(dir_ / "split/manifest.json"));
    ASSERT_EQ(a["maps"].size(), b["maps"].size());
    for (std::size_t i = 0; i < a["maps"].size(); ++i) EXPECT_EQ(a["maps"][i]["digest"], b["maps"][i]["digest"]);
    // Shard i takes maps i-1, i-1+N, ...
    o.shard = 2;
    EXPECT_EQ(run_build(split, o, default_renderer(split)).total, 3U);
    o.shard = 4;
    EXPECT_THROW(run_build(split, o, default_renderer(split)), UsageError);
}

class Flaky : public MapRenderer {
public:
    explicit Flaky(std::string bad) : bad_(std::move(bad)), inner_(make_geojson_renderer()) {}
    std::string render(const MapData& data, const BuildView& view, const std::string& format) override {
        if (data.date == bad_) throw LibraryError("failed to draw 'map'", "test failure");
        return inner_->render(data, view, format);
    }

private:
    std::string bad_;
    std::unique_ptr<MapRenderer> inner_;
};

TEST_F(Build, AFailedMapDoesNotStopTheOthers) {
    const BuildConfig c = config();
    BuildOptions o;
    o.jobs = 2;
    auto r = run_build(c, o, [] { return std::make_unique<Flaky>("2025-03-02"); });
    EXPECT_EQ(r.drawn, 8U);
    ASSERT_EQ(r.failures.size(), 2U);
    EXPECT_EQ(r.failures[0].date, "2025-03-02");
    EXPECT_NE(r.failures[0].reason.find("test failure"), std::string::npos);
    EXPECT_FALSE(fs::exists(dir_ / "out/a/2025-03-02.geojson"));
    const auto m = nlohmann::json::parse(test::read_file(dir_ / "out/manifest.json"));
    EXPECT_EQ(m["maps"].size(), 8U);
    EXPECT_EQ(m["failed_last_run"].size(), 2U);
    // The next run draws only what failed.
    r = run_build(c, o, default_renderer(c));
    EXPECT_EQ(r.drawn, 2U);
    EXPECT_TRUE(r.failures.empty());
}

TEST_F(Build, StaleTemporariesAreRemoved) {
    const BuildConfig c = config();
    // A temporary file left by a process that no longer exists (pid 2^22 + 1 is above pid_max's default).
    write(dir_ / "out/a/.2025-03-01.geojson.frontmap-tmp.4194305.0", "partial");
    run_build(c, BuildOptions{}, default_renderer(c));
    EXPECT_FALSE(fs::exists(dir_ / "out/a/.2025-03-01.geojson.frontmap-tmp.4194305.0"));
}

TEST(BuildConfig, StrictKeysAndTypes) {
    const fs::path f = test::scratch_dir("build_config") / "c.json";
    auto expect_error = [&](const std::string& text, const std::string& needle) {
        try {
            parse_build_config(text, f);
            ADD_FAILURE() << "no error for " << text;
        } catch (const InputError& e) {
            const std::string what = e.what();
            EXPECT_NE(what.find(needle), std::string::npos) << what;
            EXPECT_NE(what.find(f.string()), std::string::npos) << what;
        }
    };
    const std::string ok = R"("store": "s.gpkg", "from": "2025-01-01", "to": "2025-01-02", "output": "o")";
    EXPECT_NO_THROW(parse_build_config("{" + ok + R"(, "views": [{"name": "v"}]})", f));
    expect_error("{" + ok + R"(, "views": [{"name": "v", "widht": 3}]})", "views[0].widht: unknown key");
    expect_error("{" + ok + R"(, "view": []})", "view: unknown key");
    expect_error("{" + ok + R"(, "views": [{"name": "v", "width": "3"}]})", "views[0].width: expected an integer");
    expect_error("{" + ok + R"(, "views": [{"name": "v", "formats": ["gif"]}]})", "views[0].formats[0]");
    expect_error("{" + ok + R"(, "views": [{"name": "v", "extent": [1, 2, 0, 3]}]})", "views[0].extent");
    expect_error("{" + ok + R"(, "views": [{"name": "v"}, {"name": "v"}]})", "used twice");
    expect_error("{" + ok + R"(, "views": [{"name": "../x"}]})", "views[0].name");
    expect_error("{" + ok + R"(, "pattern": "{date}.{ext}", "views": [{"name": "v"}, {"name": "w"}]})", "same file name");
    expect_error(R"({"store": "s", "from": "2025-02-30", "to": "2025-03-01", "output": "o", "views": [{"name": "v"}]})",
                 "from");
    expect_error("{" + ok + "}", "views");
    expect_error("{ nope", "not valid JSON");
    const auto c = parse_build_config("{" + ok + R"(, "views": [{"name": "v"}]})", f);
    EXPECT_TRUE(c.output.is_absolute());
    EXPECT_EQ(c.output, f.parent_path() / "o");
    EXPECT_NO_THROW(default_renderer(c));
    const auto bad = parse_build_config("{" + ok + R"(, "views": [{"name": "v", "palette": "neon"}]})", f);
    EXPECT_THROW(default_renderer(bad), UsageError);  // checked before anything is drawn
    const auto east = parse_build_config("{" + ok + R"(, "views": [{"name": "v", "view": "east"}]})", f);
    ASSERT_TRUE(east.views[0].extent.has_value());
    EXPECT_GT(east.views[0].extent->west, 30);
    expect_error("{" + ok + R"(, "views": [{"name": "v", "view": "mars"}]})", "views[0].view");
    expect_error("{" + ok + R"(, "views": [{"name": "v", "view": "east", "extent": [1, 2, 3, 4]}]})", "views[0].view");
}

}  // namespace

namespace {

// Drawn maps (PNG and SVG through the real renderer) are the same bytes whether drawn on one
// thread or two: the renderer keeps per-thread state only (Pango is not thread-safe).
TEST_F(Build, ParallelDrawingGivesTheSameBytes) {
    write(dir_ / "maps.json", R"({"store": "store.gpkg", "from": "2025-03-01", "to": "2025-03-05", "output": "MAPS",
        "views": [{"name": "a", "extent": [36.5, 47.5, 38, 48.5], "width": 400, "height": 300, "formats": ["png", "svg"]},
                  {"name": "b", "extent": [36, 47, 39, 49], "width": 300, "height": 300, "formats": ["png"]}]})");
    std::string text = test::read_file(dir_ / "maps.json");
    auto config_for = [&](const std::string& out) {
        std::string t = text;
        t.replace(t.find("MAPS"), 4, out);
        return parse_build_config(t, dir_ / "maps.json");
    };
    const BuildConfig one = config_for("one"), two = config_for("two");
    BuildOptions o;
    o.jobs = 1;
    ASSERT_TRUE(run_build(one, o, default_renderer(one)).failures.empty());
    o.jobs = 2;
    ASSERT_TRUE(run_build(two, o, default_renderer(two)).failures.empty());
    const auto a = outputs(dir_ / "one"), b = outputs(dir_ / "two");
    EXPECT_EQ(a.size(), 15U);
    EXPECT_EQ(a, b);
    EXPECT_EQ(a.at("a/2025-03-01.png").substr(1, 3), "PNG");
}

}  // namespace
