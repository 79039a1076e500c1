// `frontmap stats` and `frontmap diff` end to end: help, output formats, usage errors (exit 2),
// a missing store (exit 1).

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "support/test_support.hpp"

namespace {

namespace fs = std::filesystem;
using frontmap::test::run_frontmap;

std::string q(const fs::path& p) { return fmt::format("'{}'", p.string()); }

void write_box(const fs::path& p, double w, double s, double e, double n) {
    std::ofstream out(p, std::ios::binary);
    out << fmt::format(R"({{"type":"FeatureCollection","features":[{{"type":"Feature","properties":{{}},)"
                       R"("geometry":{{"type":"Polygon","coordinates":[[[{0},{1}],[{2},{1}],[{2},{3}],[{0},{3}],[{0},{1}]]]}}}}]}})",
                       w, s, e, n);
}

// A store with zone polygons on 1 and 3 March (the 2nd is carried forward).
fs::path make_store(const std::string& name) {
    const fs::path dir = frontmap::test::scratch_dir(name);
    fs::create_directories(dir / "in");
    write_box(dir / "in/zone_20250301.geojson", 37.0, 48.0, 37.2, 48.2);
    write_box(dir / "in/zone_20250303.geojson", 37.1, 48.0, 37.4, 48.2);
    const fs::path store = dir / "store.gpkg";
    const auto r = run_frontmap(fmt::format("import {} --source zones --date-from-name 'zone_%Y%m%d.geojson' --store {}",
                                            q(dir / "in"), q(store)));
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return store;
}

}  // namespace

TEST(StatsCli, Help) {
    const auto r = run_frontmap("stats --help");
    EXPECT_EQ(r.exit_code, 0) << r.err;
    for (const char* opt : {"--from", "--to", "--source", "--party", "--csv", "--json", "--store"})
        EXPECT_NE(r.out.find(opt), std::string::npos) << opt;
}

TEST(StatsCli, TextCsvJson) {
    const fs::path store = make_store("cli_stats");
    auto r = run_frontmap(fmt::format("stats --from 2025-02-28 --to 2025-03-04 --store {}", q(store)));
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("carried forward, 1 d old"), std::string::npos) << r.out;

    r = run_frontmap(fmt::format("stats --from 2025-02-28 --to 2025-03-04 --csv --store {}", q(store)));
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out.rfind("date,source,party,kind,valid_from,age_days,carried_forward,area_km2,change_km2\n", 0), 0U);
    EXPECT_NE(r.out.find("2025-03-02,zones,RU,assessed,2025-03-01,1,1,"), std::string::npos) << r.out;

    r = run_frontmap(fmt::format("stats --from 2025-02-28 --to 2025-03-04 --json --store {}", q(store)));
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const auto j = nlohmann::json::parse(r.out);
    ASSERT_EQ(j["days"].size(), 4U);  // nothing on 28 February
    EXPECT_TRUE(j["days"][0]["change_km2"].is_null());
    EXPECT_EQ(j["days"][1]["carried_forward"], true);
    const double a1 = j["days"][0]["area_km2"], a3 = j["days"][2]["area_km2"];
    EXPECT_NEAR(j["days"][2]["change_km2"].get<double>(), a3 - a1, 0.01);
    EXPECT_GT(a1, 300);  // 0.2° x 0.2° at 48° N: about 330 km²
    EXPECT_LT(a1, 360);
}

TEST(StatsCli, UsageErrorsAndMissingStore) {
    const fs::path store = make_store("cli_stats_err");
    EXPECT_EQ(run_frontmap(fmt::format("stats --from 2025-03-04 --to 2025-03-01 --store {}", q(store))).exit_code, 2);
    EXPECT_EQ(run_frontmap(fmt::format("stats --from 2025-13-01 --to 2025-03-01 --store {}", q(store))).exit_code, 2);
    EXPECT_EQ(run_frontmap(fmt::format("stats --from 2025-03-01 --to 2025-03-02 --csv --json --store {}", q(store)))
                  .exit_code,
              2);
    const fs::path missing = store.parent_path() / "missing.gpkg";
    const auto r = run_frontmap(fmt::format("stats --from 2025-03-01 --to 2025-03-02 --store {}", q(missing)));
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_FALSE(fs::exists(missing));  // read-only: no store created
}

TEST(DiffCli, HelpTextJsonAndErrors) {
    auto r = run_frontmap("diff --help");
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("--extent"), std::string::npos);
    const fs::path store = make_store("cli_diff");
    r = run_frontmap(fmt::format("diff --from 2025-03-01 --to 2025-03-03 --no-places --json --store {}", q(store)));
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const auto j = nlohmann::json::parse(r.out);
    ASSERT_EQ(j["series"].size(), 1U);
    const auto& s = j["series"][0];
    EXPECT_GT(s["gained_km2"].get<double>(), 0);
    EXPECT_GT(s["lost_km2"].get<double>(), 0);
    EXPECT_NEAR(s["net_km2"].get<double>(), s["area_to_km2"].get<double>() - s["area_from_km2"].get<double>(), 0.01);
    r = run_frontmap(fmt::format("diff --from 2025-03-01 --to 2025-03-03 --no-places --store {}", q(store)));
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("gained"), std::string::npos);
    EXPECT_EQ(run_frontmap(fmt::format("diff --from 2025-03-01 --to 2025-03-03 --extent 1,2,3 --store {}", q(store)))
                  .exit_code,
              2);
    EXPECT_EQ(run_frontmap(fmt::format("diff --from 2025-03-03 --to 2025-03-01 --store {}", q(store))).exit_code, 2);
}

TEST(DiffCli, SettlementsFromBaseData) {
    FRONTMAP_REQUIRE_SHARED();
    FRONTMAP_REQUIRE_BASE();
    const fs::path dir = frontmap::test::scratch_dir("cli_diff_deepstate");
    const fs::path store = dir / "store.gpkg";
    const fs::path src = frontmap::test::shared_dir() / "data" / "deepstate";
    auto r = run_frontmap(fmt::format("import {} {} --source deepstate --date 2025-11-01 --store {}",
                                      q(src / "deepstatemap_data_20251101.geojson"), "", q(store)));
    ASSERT_EQ(r.exit_code, 0) << r.err;
    r = run_frontmap(fmt::format("import {} --source deepstate --date 2025-12-01 --store {}",
                                 q(src / "deepstatemap_data_20251201.geojson"), q(store)));
    ASSERT_EQ(r.exit_code, 0) << r.err;
    r = run_frontmap(fmt::format("diff --from 2025-11-01 --to 2025-12-01 --json --base {} --store {}",
                                 q(frontmap::test::base_gpkg()), q(store)));
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const auto j = nlohmann::json::parse(r.out);
    bool pokrovsk = false;
    for (const auto& p : j["places"]) pokrovsk |= p["name"] == "Pokrovsk" && p["change"] == "gained";
    EXPECT_TRUE(pokrovsk) << r.out.substr(0, 2000);
}

TEST(StatsCli, Chart) {
    const fs::path store = make_store("cli_stats_chart");
    const fs::path svg = store.parent_path() / "chart.svg", png = store.parent_path() / "chart.png";
    auto r = run_frontmap(fmt::format("stats --from 2025-03-01 --to 2025-03-04 --chart {} --store {}", q(svg), q(store)));
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const std::string text = frontmap::test::read_file(svg);
    EXPECT_NE(text.find("<svg"), std::string::npos);
    EXPECT_NE(text.find("Assessed area"), std::string::npos);
    r = run_frontmap(fmt::format("stats --from 2025-03-01 --to 2025-03-04 --chart {} --store {}", q(png), q(store)));
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(frontmap::test::read_file(png).substr(1, 3), "PNG");
    EXPECT_EQ(run_frontmap(fmt::format("stats --from 2025-03-01 --to 2025-03-04 --chart x.gif --store {}", q(store)))
                  .exit_code,
              2);
}

TEST(DiffCli, ChangeMap) {
    FRONTMAP_REQUIRE_BASE();
    const fs::path store = make_store("cli_diff_map");
    const fs::path svg = store.parent_path() / "change.svg";
    auto r = run_frontmap(fmt::format("diff --from 2025-03-01 --to 2025-03-03 -o {} --size 800x600 --base {} --store {}",
                                      q(svg), q(frontmap::test::base_gpkg()), q(store)));
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const std::string text = frontmap::test::read_file(svg);
    EXPECT_NE(text.find("Change of control, 2025-03-01"), std::string::npos);
    EXPECT_NE(text.find("Gained by RU since 2025-03-01"), std::string::npos);
    EXPECT_NE(text.find("Lost by RU since 2025-03-01"), std::string::npos);
    EXPECT_EQ(run_frontmap(fmt::format("diff --from 2025-03-01 --to 2025-03-03 -o x.gif --store {}", q(store))).exit_code, 2);
    EXPECT_EQ(run_frontmap(fmt::format("diff --from 2025-03-01 --to 2025-03-03 -o {} --view mars --store {}", q(svg),
                                       q(store)))
                  .exit_code,
              2);
}
