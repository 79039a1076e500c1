// The build's index.html in headless Chromium (Debian `chromium`): it shows the first map, and
// moving the slider (driven through the page's #date= link, which dispatches the slider's input
// event) shows another date. Skipped with a message when chromium is not installed.

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include <fmt/format.h>

#include "support/test_support.hpp"

namespace {

namespace fs = std::filesystem;
using frontmap::test::run_frontmap;

std::string q(const fs::path& p) { return fmt::format("'{}'", p.string()); }

std::string chromium() {
    for (const char* p : {"/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"}) {
        if (fs::exists(p)) return p;
    }
    return {};
}

std::string dump_dom(const std::string& browser, const std::string& url, const fs::path& out) {
    const std::string cmd = fmt::format("timeout 90 {} --headless --no-sandbox --disable-gpu --no-first-run "
                                        "--user-data-dir={} --dump-dom {} > {} 2>/dev/null",
                                        browser, q(out.parent_path() / "profile"), q(url), q(out));
    const int rc = std::system(cmd.c_str());
    EXPECT_EQ(rc, 0) << cmd;
    return frontmap::test::read_file(out);
}

}  // namespace

TEST(IndexHtml, ShowsTheFirstMapAndMovesWithTheSlider) {
    const std::string browser = chromium();
    if (browser.empty()) GTEST_SKIP() << "no chromium: apt-get install chromium for the browser test";
    const fs::path dir = frontmap::test::scratch_dir("index_html");
    fs::create_directories(dir / "in");
    for (int d = 1; d <= 3; ++d) {
        std::ofstream(dir / "in" / fmt::format("zone_202503{:02d}.geojson", d)) << fmt::format(
            R"({{"type":"FeatureCollection","features":[{{"type":"Feature","properties":{{}},)"
            R"("geometry":{{"type":"Polygon","coordinates":[[[37,48],[{0},48],[{0},48.2],[37,48.2],[37,48]]]}}}}]}})",
            37 + 0.1 * d);
    }
    auto r = run_frontmap(fmt::format("import {} --source zones --date-from-name 'zone_%Y%m%d.geojson' --store {}",
                                      q(dir / "in"), q(dir / "store.gpkg")));
    ASSERT_EQ(r.exit_code, 0) << r.err;
    std::ofstream(dir / "build.json") << R"({"store": "store.gpkg", "from": "2025-03-01", "to": "2025-03-05",
        "output": "out", "views": [{"name": "v", "formats": ["geojson"]}]})";
    r = run_frontmap(fmt::format("build {} -q", q(dir / "build.json")));
    ASSERT_EQ(r.exit_code, 0) << r.err;

    const std::string url = "file://" + (dir / "out" / "index.html").string();
    const std::string first = dump_dom(browser, url, dir / "first.html");
    EXPECT_NE(first.find("data-date=\"2025-03-01\""), std::string::npos) << first.substr(0, 3000);
    EXPECT_NE(first.find("v/2025-03-01.geojson"), std::string::npos);
    const std::string moved = dump_dom(browser, url + "#view=v&date=2025-03-04", dir / "moved.html");
    EXPECT_NE(moved.find("data-date=\"2025-03-04\""), std::string::npos) << moved.substr(0, 3000);
    EXPECT_NE(moved.find("v/2025-03-04.geojson"), std::string::npos);
    EXPECT_NE(moved.find("carried forward"), std::string::npos);  // no polygon of its own on the 4th
}
