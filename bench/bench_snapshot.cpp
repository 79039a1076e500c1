// Snapshot cost per map date (what a dated build pays per map before drawing): DeepState
// imported once into a scratch store, then load_map_data and snapshot_digest_inputs for one
// date, with and without an extent. Needs ../shared (skips every benchmark without it).

#include <benchmark/benchmark.h>

#include <filesystem>

#include "layers/control.hpp"
#include "layers/snapshot.hpp"
#include "layers/store.hpp"

namespace {

namespace fs = std::filesystem;
using namespace frontmap;
using namespace frontmap::layers;

const fs::path kDeepState = fs::path(FRONTMAP_SOURCE_DIR) / "../shared/data/deepstate";

Store* store() {
    static std::unique_ptr<Store> s = [] {
        std::unique_ptr<Store> out;
        if (!fs::exists(kDeepState)) return out;
        const fs::path path = fs::temp_directory_path() / "frontmap_bench_snapshot.gpkg";
        fs::remove(path);
        out = std::make_unique<Store>(Store::open(path.string()));
        ImportOptions o;
        o.source = "deepstate";
        o.date_pattern = "deepstatemap_data_%Y%m%d.geojson";
        import_control(*out, {kDeepState.string()}, o);
        return out;
    }();
    return s.get();
}

void BM_ImportDeepState(benchmark::State& state) {
    if (!fs::exists(kDeepState)) return state.SkipWithError("../shared/data/deepstate is absent");
    const fs::path path = fs::temp_directory_path() / "frontmap_bench_import.gpkg";
    ImportOptions o;
    o.source = "deepstate";
    o.date_pattern = "deepstatemap_data_%Y%m%d.geojson";
    for (auto _ : state) {
        fs::remove(path);
        Store s = Store::open(path.string());
        benchmark::DoNotOptimize(import_control(s, {kDeepState.string()}, o));
    }
    fs::remove(path);
}
BENCHMARK(BM_ImportDeepState)->Unit(benchmark::kMillisecond)->Iterations(3);

void BM_LoadMapData(benchmark::State& state, std::optional<Extent> extent) {
    Store* s = store();
    if (s == nullptr) return state.SkipWithError("../shared/data/deepstate is absent");
    for (auto _ : state) benchmark::DoNotOptimize(load_map_data(*s, "2025-12-02", extent, SnapshotOptions{}));
}
BENCHMARK_CAPTURE(BM_LoadMapData, whole, std::nullopt)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_LoadMapData, east, Extent{30, 44, 41, 52.5})->Unit(benchmark::kMillisecond);

void BM_DigestInputs(benchmark::State& state) {
    Store* s = store();
    if (s == nullptr) return state.SkipWithError("../shared/data/deepstate is absent");
    for (auto _ : state) benchmark::DoNotOptimize(snapshot_digest_inputs(*s, "2025-12-02", SnapshotOptions{}));
}
BENCHMARK(BM_DigestInputs)->Unit(benchmark::kMillisecond);

// A dated build's view: one Snapshotter, a different date each iteration (122 days of autumn 2025).
std::string day(std::int64_t i) { return add_days("2025-09-01", static_cast<int>(i % 122)); }

void BM_SnapshotterMapData(benchmark::State& state) {
    Store* s = store();
    if (s == nullptr) return state.SkipWithError("../shared/data/deepstate is absent");
    Snapshotter snap(*s, SnapshotOptions{});
    std::int64_t i = 0;
    for (auto _ : state) benchmark::DoNotOptimize(snap.map_data(day(i++), Extent{30, 44, 41, 52.5}));
}
BENCHMARK(BM_SnapshotterMapData)->Unit(benchmark::kMillisecond);

void BM_SnapshotterDigest122Days(benchmark::State& state) {
    Store* s = store();
    if (s == nullptr) return state.SkipWithError("../shared/data/deepstate is absent");
    for (auto _ : state) {
        Snapshotter snap(*s, SnapshotOptions{});
        for (int i = 0; i < 122; ++i) benchmark::DoNotOptimize(snap.digest_inputs(day(i)));
    }
}
BENCHMARK(BM_SnapshotterDigest122Days)->Unit(benchmark::kMillisecond);

}  // namespace
