// In-process phases of the frontline-east scene (see bench/frontline-east.sh for the whole
// process against Mapnik): base layer reading, Ukraine's union, drawing and encoding.
// Needs base.gpkg ($FRONTMAP_BASE) and ../shared; skips (with a message) without them.

#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>

#include "geo/context.hpp"
#include "render/base_layers.hpp"
#include "render/geometry.hpp"
#include "render/locate.hpp"
#include "render/map.hpp"

using namespace frontmap;
using namespace frontmap::render;

namespace {

struct Scene {
    MapOptions options;
    MapData data;
    std::string base;
    bool ok = false;
    std::string why;
};

const Scene& scene() {
    static const Scene s = [] {
        Scene s;
        const char* env = std::getenv("FRONTMAP_BASE");
        s.base = env != nullptr ? env : "/work/base/base.gpkg";
        const std::filesystem::path polygon = std::filesystem::path(FRONTMAP_SOURCE_DIR) /
                                              "../shared/data/deepstate/deepstatemap_data_20251202.geojson";
        if (!std::filesystem::exists(s.base) || !std::filesystem::exists(polygon)) {
            s.why = "needs base.gpkg ($FRONTMAP_BASE) and ../shared";
            return s;
        }
        s.options.extent = {30, 44, 41, 52.5};
        s.options.crs = "+proj=lcc +lat_1=45 +lat_2=52 +lat_0=48 +lon_0=35 +datum=WGS84";
        s.options.title = "Frontline east";
        s.options.style.status[index_of(Status::assessed_ru)].hatched = true;
        s.data.date = "2025-12-02";
        ControlLayer c;
        c.source = "deepstate";
        c.party = "RU";
        c.kind = "assessed";
        c.valid_from = "2025-12-02";
        c.area = read_polygon_file(polygon.string());
        s.data.control.push_back(c);
        s.ok = true;
        return s;
    }();
    return s;
}

BaseQuery query() {
    BaseQuery q;
    q.box = base_query_box(scene().options);
    return q;
}

void BM_LoadBase(benchmark::State& state) {
    if (!scene().ok) return state.SkipWithError(scene().why.c_str());
    for (auto _ : state) benchmark::DoNotOptimize(load_base(scene().base, query()));
}
BENCHMARK(BM_LoadBase)->Unit(benchmark::kMillisecond);

void BM_UkraineUnion(benchmark::State& state) {
    if (!scene().ok) return state.SkipWithError(scene().why.c_str());
    const BaseData base = load_base(scene().base, query());
    GeoContext ctx;
    for (auto _ : state) benchmark::DoNotOptimize(union_regions(ctx, base.ukraine));
}
BENCHMARK(BM_UkraineUnion)->Unit(benchmark::kMillisecond);

void BM_Render(benchmark::State& state, Format f) {
    if (!scene().ok) return state.SkipWithError(scene().why.c_str());
    const BaseData base = load_base(scene().base, query());
    for (auto _ : state) benchmark::DoNotOptimize(render_map(scene().data, base, scene().options, f));
}
BENCHMARK_CAPTURE(BM_Render, png, Format::png)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Render, svg, Format::svg)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Render, pdf, Format::pdf)->Unit(benchmark::kMillisecond);

}  // namespace
