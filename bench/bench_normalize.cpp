#include <benchmark/benchmark.h>

#include "geo/normalize.hpp"

static void BM_NormalizeAscii(benchmark::State& state) {
    for (auto _ : state) benchmark::DoNotOptimize(frontmap::normalize_key("Kup'yans'k"));
}
BENCHMARK(BM_NormalizeAscii);

static void BM_NormalizeCyrillic(benchmark::State& state) {
    for (auto _ : state) benchmark::DoNotOptimize(frontmap::normalize_key("\u041a\u0443\u043f\u044f\u043d\u0441\u044c\u043a"));
}
BENCHMARK(BM_NormalizeCyrillic);
