// Extraction speed with the gazetteer open (issue 3: >= 1 MB/s of article text).
// Needs base.gpkg ($FRONTMAP_BASE or data/base.gpkg). Texts: the team's test articles and, when
// ../shared is present, the seed article, repeated to 1 MB; plus a 1 MB text naming thousands
// of distinct places so that the lookup cache cannot hide the gazetteer's cost.

#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <sqlite3.h>

#include "geo/reader.hpp"

namespace fs = std::filesystem;
using namespace frontmap;

namespace {

std::string base_path() {
    if (const char* env = std::getenv("FRONTMAP_BASE"); env != nullptr && *env != '\0') return env;
    return (fs::path(FRONTMAP_SOURCE_DIR) / "data" / "base.gpkg").string();
}

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::string body_of(const std::string& text) {
    Article a = parse_article(text, "bench");
    return text.substr(a.body_start);
}

// The team's articles (and the seed when present), repeated to about `bytes`.
std::string realistic_text(std::size_t bytes) {
    std::string unit;
    fs::path dir = fs::path(FRONTMAP_SOURCE_DIR) / "tests" / "articles";
    for (const auto& e : fs::directory_iterator(dir))
        if (e.path().extension() == ".txt") unit += body_of(slurp(e.path())) + "\n";
    fs::path seed = fs::path(FRONTMAP_SOURCE_DIR) / ".." / "shared" / "articles" / "seed-2025-12-02.txt";
    if (fs::exists(seed)) unit += slurp(seed) + "\n";
    std::string out;
    while (out.size() < bytes) out += unit;
    return out;
}

// Sentences built around thousands of distinct real place names from the gazetteer.
std::string varied_text(std::size_t bytes) {
    std::vector<std::string> names;
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(base_path().c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
        sqlite3_stmt* st = nullptr;
        const char* sql = "SELECT DISTINCT name FROM names WHERE kind = 'city' AND source = 'name' AND "
                          "country IN ('UA','RU','PL','DE','US','FR') AND population > 2000 LIMIT 6000";
        if (sqlite3_prepare_v2(db, sql, -1, &st, nullptr) == SQLITE_OK)
            while (sqlite3_step(st) == SQLITE_ROW)
                names.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)));
        sqlite3_finalize(st);
    }
    sqlite3_close(db);
    if (names.empty()) names = {"Kyiv", "Pokrovsk", "Kupiansk"};
    static const char* kFrames[] = {
        "Russian forces attacked {} on Tuesday, while Ukraine's military said its units still held the north of {}.",
        "The governor said shelling hit {} overnight and that the road to {} was closed.",
        "Ukraine's General Staff reported fighting near {}, and Russia claimed to have captured {} last week.",
        "Residents of {} and {} were evacuated as the front line moved closer."};
    std::string out;
    std::size_t i = 0;
    while (out.size() < bytes) {
        std::string s = kFrames[i % 4];
        for (int k = 0; k < 2; ++k) {
            auto pos = s.find("{}");
            s.replace(pos, 2, names[(i * 7 + static_cast<std::size_t>(k) * 13) % names.size()]);
        }
        out += s;
        out += (i % 5 == 4) ? "\n" : " ";
        ++i;
    }
    return out;
}

void run(benchmark::State& state, const std::string& text, bool fresh_gazetteer) {
    if (!fs::exists(base_path())) {
        state.SkipWithError("base.gpkg is absent: run data/fetch or set FRONTMAP_BASE");
        return;
    }
    Article a = parse_article(text, "bench");
    a.date = parse_iso_date("2025-12-02");
    auto gaz = Gazetteer::open(base_path());
    std::size_t mentions = 0, claims = 0;
    for (auto _ : state) {
        if (fresh_gazetteer) {
            state.PauseTiming();
            gaz = Gazetteer::open(base_path());
            state.ResumeTiming();
        }
        Reader reader(*gaz);
        Extraction x = reader.read(a);
        mentions = x.mentions.size();
        claims = x.claims.size();
        benchmark::DoNotOptimize(x);
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(text.size()));
    state.counters["mentions"] = static_cast<double>(mentions);
    state.counters["claims"] = static_cast<double>(claims);
    state.counters["gazetteer_queries"] = static_cast<double>(gaz->queries());
}

}  // namespace

static void BM_ExtractRealistic1MB_ColdCache(benchmark::State& state) {
    static const std::string text = realistic_text(1 << 20);
    run(state, text, true);
}
BENCHMARK(BM_ExtractRealistic1MB_ColdCache)->Unit(benchmark::kMillisecond)->Iterations(5);

static void BM_ExtractVaried1MB_ColdCache(benchmark::State& state) {
    static const std::string text = varied_text(1 << 20);
    run(state, text, true);
}
BENCHMARK(BM_ExtractVaried1MB_ColdCache)->Unit(benchmark::kMillisecond)->Iterations(3);

static void BM_ExtractSeedArticle_Warm(benchmark::State& state) {
    fs::path seed = fs::path(FRONTMAP_SOURCE_DIR) / ".." / "shared" / "articles" / "seed-2025-12-02.txt";
    if (!fs::exists(seed)) {
        state.SkipWithError("../shared is absent");
        return;
    }
    static const std::string text = slurp(seed);
    run(state, text, false);
}
BENCHMARK(BM_ExtractSeedArticle_Warm)->Unit(benchmark::kMillisecond);
