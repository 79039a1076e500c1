// extract, ingest, claims and places end to end: help, errors on bad input, JSON shape, and
// ingest's idempotence through the CLI.

#include <gtest/gtest.h>

#include <fstream>

#include <nlohmann/json.hpp>

#include "support/test_support.hpp"

using frontmap::test::run_frontmap;
namespace fs = std::filesystem;

namespace {

std::string base_env() { return "FRONTMAP_BASE='" + frontmap::test::base_gpkg().string() + "'"; }

fs::path write(const fs::path& dir, const std::string& name, const std::string& bytes) {
    fs::path p = dir / name;
    std::ofstream(p, std::ios::binary) << bytes;
    return p;
}

const char* kArticle =
    "---\ndate: 2025-10-08\nsource: test\n---\n"
    "Russia's defence ministry said on Monday that its troops had taken control of Siversk.\n"
    "Ukraine's General Staff said its units still held the western part of Siversk.\n";

}  // namespace

TEST(ReaderCli, HelpForEachCommand) {
    std::vector<std::pair<std::string, std::string>> cases = {
        {"extract", "--date"}, {"ingest", "--source"}, {"claims", "--place"}, {"places", "--json"}};
    for (const auto& [cmd, option] : cases) {
        auto r = run_frontmap(cmd + " --help");
        EXPECT_EQ(r.exit_code, 0) << cmd;
        EXPECT_NE(r.out.find(option), std::string::npos) << cmd << ": " << r.out;
    }
}

TEST(ReaderCli, BadInputIsAClearError) {
    auto dir = frontmap::test::scratch_dir("reader_cli_bad");
    struct Case {
        std::string name, bytes, expect;
    };
    std::vector<Case> cases = {
        {"empty.txt", "", "empty"},
        {"blank.txt", " \n\n  \n", "empty"},
        {"binary.bin", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16), "binary"},
        {"latin1.txt", "Kharkiv and Pokrovsk, caf\xe9 au lait\n", "invalid UTF-8"},
        {"truncated.txt", "Kyiv \xd0", "invalid UTF-8"},
    };
    for (const auto& c : cases) {
        fs::path p = write(dir, c.name, c.bytes);
        auto r = run_frontmap("extract '" + p.string() + "' --base /nonexistent.gpkg");
        EXPECT_EQ(r.exit_code, 1) << c.name;
        EXPECT_NE(r.err.find(c.expect), std::string::npos) << c.name << ": " << r.err;
        EXPECT_EQ(r.err.rfind("frontmap: failed to", 0), 0u) << r.err;
    }
    // 50 MB: refused at once, no hang, no crash.
    fs::path big = dir / "big.txt";
    {
        std::ofstream out(big, std::ios::binary);
        std::string line(1023, 'a');
        line.push_back('\n');
        for (int i = 0; i < 50 * 1024; ++i) out << line;
    }
    auto r = run_frontmap("extract '" + big.string() + "'");
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("MB"), std::string::npos) << r.err;
    fs::remove(big);

    r = run_frontmap("extract '" + (dir / "missing.txt").string() + "'");
    EXPECT_EQ(r.exit_code, 1);
    r = run_frontmap("extract x.txt --date 2025-02-30");
    EXPECT_EQ(r.exit_code, 2) << r.err;
    r = run_frontmap("claims --date yesterday");
    EXPECT_EQ(r.exit_code, 2) << r.err;
}

TEST(ReaderCli, MissingGazetteerSaysHowToGetIt) {
    auto dir = frontmap::test::scratch_dir("reader_cli_nobase");
    fs::path p = write(dir, "a.txt", kArticle);
    auto r = run_frontmap("extract '" + p.string() + "' --base '" + (dir / "none.gpkg").string() + "'");
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("data/fetch"), std::string::npos) << r.err;
}

TEST(ReaderCli, ExtractJson) {
    FRONTMAP_REQUIRE_BASE();
    auto dir = frontmap::test::scratch_dir("reader_cli_json");
    fs::path p = write(dir, "a.txt", kArticle);
    auto r = run_frontmap("extract '" + p.string() + "' --json", base_env());
    ASSERT_EQ(r.exit_code, 0) << r.err;
    auto j = nlohmann::json::parse(r.out);
    EXPECT_EQ(j["article"]["date"], "2025-10-08");
    EXPECT_EQ(j["article"]["sha256"].get<std::string>().size(), 64u);
    ASSERT_FALSE(j["mentions"].empty());
    bool siversk = false;
    for (const auto& m : j["mentions"]) {
        for (const char* k : {"start", "end", "byte_start", "byte_end", "surface", "place", "score", "runner_up"})
            EXPECT_TRUE(m.contains(k)) << k;
        if (m["surface"] == "Siversk") {
            siversk = true;
            EXPECT_EQ(m["place"]["geonames_id"], 694403);
            EXPECT_EQ(m["place"]["kind"], "city");
            EXPECT_EQ(m["place"]["country"], "UA");
        }
    }
    EXPECT_TRUE(siversk);
    ASSERT_GE(j["claims"].size(), 2u);
    for (const auto& c : j["claims"])
        for (const char* k : {"place", "actor", "stance", "part", "claim_date", "attributed_to", "evidence", "confidence"})
            EXPECT_TRUE(c.contains(k)) << k;
    EXPECT_EQ(j["claims"][0]["claim_date"], "2025-10-06");  // "on Monday"
    // --date overrides front matter
    r = run_frontmap("extract '" + p.string() + "' --json --date 2025-10-15", base_env());
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(nlohmann::json::parse(r.out)["claims"][0]["claim_date"], "2025-10-13");
}

TEST(ReaderCli, ExtractWithoutDateSaysSo) {
    FRONTMAP_REQUIRE_BASE();
    auto dir = frontmap::test::scratch_dir("reader_cli_nodate");
    fs::path p = write(dir, "a.txt", "Russian troops captured Siversk on Monday.\n");
    auto r = run_frontmap("extract '" + p.string() + "'", base_env());
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("no article date"), std::string::npos) << r.out;
    r = run_frontmap("ingest '" + p.string() + "' --store '" + (dir / "s.gpkg").string() + "'", base_env());
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("no date"), std::string::npos) << r.err;
    EXPECT_FALSE(fs::exists(dir / "s.gpkg"));  // nothing touched
}

TEST(ReaderCli, IngestTwiceThenClaimsAndPlaces) {
    FRONTMAP_REQUIRE_BASE();
    auto dir = frontmap::test::scratch_dir("reader_cli_ingest");
    fs::path p = write(dir, "a.txt", kArticle);
    std::string store = " --store '" + (dir / "s.gpkg").string() + "'";
    auto r = run_frontmap("ingest '" + p.string() + "'" + store, base_env());
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("claims"), std::string::npos) << r.out;
    auto info1 = run_frontmap("store info --json" + store);
    r = run_frontmap("ingest '" + p.string() + "'" + store, base_env());
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("already in the store"), std::string::npos) << r.out;
    auto info2 = run_frontmap("store info --json" + store);
    EXPECT_EQ(info1.out, info2.out);

    r = run_frontmap("claims --json --place Siversk" + store);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    auto j = nlohmann::json::parse(r.out);
    ASSERT_GE(j["claims"].size(), 2u);
    EXPECT_EQ(j["claims"][0]["place"]["name"], "Siversk");
    r = run_frontmap("claims --json --date 2025-10-08" + store);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_GE(nlohmann::json::parse(r.out)["claims"].size(), 2u);
    r = run_frontmap("claims --json --date 2024-01-01" + store);
    EXPECT_TRUE(nlohmann::json::parse(r.out)["claims"].empty());
    r = run_frontmap("places --json" + store);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    auto places = nlohmann::json::parse(r.out)["places"];
    ASSERT_FALSE(places.empty());
    bool found = false;
    for (const auto& pl : places)
        if (pl["place_key"] == "gn:694403") {
            found = true;
            EXPECT_EQ(pl["mentions"], 2);
        }
    EXPECT_TRUE(found);
}
