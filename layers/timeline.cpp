#include "layers/timeline.hpp"

#include <algorithm>
#include <map>
#include <tuple>

#include <fmt/format.h>

#include "geo/context.hpp"
#include "geo/error.hpp"
#include "layers/control.hpp"
#include "layers/handles.hpp"
#include "layers/snapshot.hpp"

namespace frontmap::layers {

namespace {

using Series = std::tuple<std::string, std::string, std::string>;  // source, party, kind

bool wanted(const Snapshotter::Control& c, const std::optional<std::string>& source,
            const std::optional<std::string>& party, const std::string& kind) {
    return c.kind == kind && (!source || c.source == *source) && (!party || c.party == *party);
}

GeosGeomPtr clip_to(const GeoContext& ctx, const GEOSGeometry* g, const std::optional<Extent>& box) {
    if (!box) return geos_clone(ctx, g);
    GeosGeomPtr c = ctx.own(GEOSClipByRect_r(ctx.geos(), g, box->west, box->south, box->east, box->north), "clip");
    return make_valid_polygonal(ctx, c.get());
}

// Settlements of the base data inside `g` (lon/lat), with their population.
std::vector<PlaceChange> places_in(const GeoContext& ctx, GDALDataset& base, const GEOSGeometry* g,
                                   std::int64_t min_population) {
    std::vector<PlaceChange> out;
    GEOSContextHandle_t h = ctx.geos();
    if (GEOSisEmpty_r(h, g) == 1) return out;
    OGRLayer* places = base.GetLayerByName("places");
    if (places == nullptr) throw InputError("failed to read base data 'places'", "the layer is missing", "run data/fetch");
    double minx = 0, miny = 0, maxx = 0, maxy = 0;
    GEOSGeom_getXMin_r(h, g, &minx);
    GEOSGeom_getYMin_r(h, g, &miny);
    GEOSGeom_getXMax_r(h, g, &maxx);
    GEOSGeom_getYMax_r(h, g, &maxy);
    places->SetSpatialFilterRect(minx, miny, maxx, maxy);
    places->SetAttributeFilter(min_population > 0 ? fmt::format("population >= {}", min_population).c_str() : nullptr);
    GeosPreparedPtr prepared(GEOSPrepare_r(h, g), GeosPreparedDeleter{h});
    if (!prepared) throw LibraryError("failed to prepare 'change area'", ctx.last_geos_error());
    places->ResetReading();
    for (auto& f : places) {
        const OGRGeometry* pg = f->GetGeometryRef();
        if (pg == nullptr || wkbFlatten(pg->getGeometryType()) != wkbPoint) continue;
        const auto* pt = pg->toPoint();
        const LonLat pos{pt->getX(), pt->getY()};
        if (!contains_point(ctx, prepared.get(), pos)) continue;
        PlaceChange p;
        p.geonames_id = f->GetFieldAsInteger64("geonames_id");
        p.name = f->GetFieldAsString("name");
        p.pos = pos;
        p.population = f->GetFieldAsInteger64("population");
        out.push_back(std::move(p));
    }
    places->SetSpatialFilter(nullptr);
    places->SetAttributeFilter(nullptr);
    return out;
}

}  // namespace

void check_date_range(const std::string& from, const std::string& to) {
    for (const auto* d : {&from, &to}) {
        if (!is_iso_date(*d)) throw UsageError("failed to read date '" + *d + "'", "expected a real date as YYYY-MM-DD");
    }
    if (to < from) throw UsageError(fmt::format("failed to use dates '{}' to '{}'", from, to), "--to is before --from");
}

std::vector<AreaRow> area_series(Store& store, const StatsOptions& options) {
    check_date_range(options.from, options.to);
    Snapshotter snap(store, SnapshotOptions{});
    GeoContext ctx;
    std::map<std::tuple<std::string, std::string, std::string, std::string>, double> area_cache;
    std::map<Series, double> previous;
    std::vector<AreaRow> rows;
    const int days = days_between(options.from, options.to);
    for (int i = 0; i <= days; ++i) {
        const std::string date = add_days(options.from, i);
        for (auto& c : snap.control(ctx, date, false)) {
            if (!wanted(c, options.source, options.party, options.kind)) continue;
            const auto key = std::make_tuple(c.source, c.party, c.kind, c.valid_from);
            auto it = area_cache.find(key);
            if (it == area_cache.end()) {
                // Read this series' geometry only now (once per stored polygon set).
                double km2 = 0;
                for (auto& g : snap.control(ctx, date, true)) {
                    if (g.source == c.source && g.party == c.party && g.kind == c.kind) km2 = area_km2(ctx, g.geometry.get());
                }
                it = area_cache.emplace(key, km2).first;
            }
            AreaRow r;
            r.date = date;
            r.source = c.source;
            r.party = c.party;
            r.kind = c.kind;
            r.valid_from = c.valid_from;
            r.age_days = c.age_days;
            r.carried_forward = c.age_days > 0;
            r.area_km2 = it->second;
            const Series series{c.source, c.party, c.kind};
            if (auto p = previous.find(series); p != previous.end()) r.change_km2 = r.area_km2 - p->second;
            previous[series] = r.area_km2;
            rows.push_back(std::move(r));
        }
    }
    return rows;
}

ChangeReport compute_change(Store& store, const DiffOptions& options) {
    check_date_range(options.from, options.to);
    if (options.extent && !options.extent->valid()) {
        throw UsageError(fmt::format("failed to use extent '{},{},{},{}'", options.extent->west, options.extent->south,
                                     options.extent->east, options.extent->north),
                         "expected west < east and south < north inside -180..180, -90..90");
    }
    Snapshotter snap(store, SnapshotOptions{});
    GeoContext ctx;
    GEOSContextHandle_t h = ctx.geos();
    struct Pair {
        std::string from_valid, to_valid;
        GeosGeomPtr a, b;
    };
    std::map<Series, Pair> pairs;
    for (int side = 0; side < 2; ++side) {
        for (auto& c : snap.control(ctx, side == 0 ? options.from : options.to, true)) {
            if (!wanted(c, options.source, std::nullopt, options.kind)) continue;
            Pair& p = pairs[Series{c.source, c.party, c.kind}];
            (side == 0 ? p.from_valid : p.to_valid) = c.valid_from;
            (side == 0 ? p.a : p.b) = clip_to(ctx, c.geometry.get(), options.extent);
        }
    }
    DatasetPtr base;
    if (!options.base.empty()) {
        ensure_gdal();
        base.reset(GDALDataset::Open(options.base.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
        if (!base) {
            throw InputError("failed to open base data '" + options.base + "'", last_gdal_error("cannot open it"),
                             "run data/fetch, or pass --base");
        }
    }
    ChangeReport report;
    report.from = options.from;
    report.to = options.to;
    for (auto& [series, p] : pairs) {
        if (!p.a) p.a = geos_empty_multipolygon(ctx);
        if (!p.b) p.b = geos_empty_multipolygon(ctx);
        GeosGeomPtr gained = make_valid_polygonal(ctx, ctx.own(GEOSDifference_r(h, p.b.get(), p.a.get()), "difference").get());
        GeosGeomPtr lost = make_valid_polygonal(ctx, ctx.own(GEOSDifference_r(h, p.a.get(), p.b.get()), "difference").get());
        SeriesChange s;
        std::tie(s.source, s.party, s.kind) = series;
        s.from_valid_from = p.from_valid;
        s.to_valid_from = p.to_valid;
        s.area_from_km2 = area_km2(ctx, p.a.get());
        s.area_to_km2 = area_km2(ctx, p.b.get());
        s.gained_km2 = area_km2(ctx, gained.get());
        s.lost_km2 = area_km2(ctx, lost.get());
        s.gained = to_multipolygon(ctx, gained.get());
        s.lost = to_multipolygon(ctx, lost.get());
        if (base) {
            for (const auto* which : {"gained", "lost"}) {
                const GEOSGeometry* g = std::string(which) == "gained" ? gained.get() : lost.get();
                for (auto& pc : places_in(ctx, *base, g, options.min_population)) {
                    pc.source = s.source;
                    pc.party = s.party;
                    pc.change = which;
                    report.places.push_back(std::move(pc));
                }
            }
        }
        report.series.push_back(std::move(s));
    }
    std::stable_sort(report.places.begin(), report.places.end(), [](const PlaceChange& a, const PlaceChange& b) {
        return std::tie(b.population, a.name, a.geonames_id) < std::tie(a.population, b.name, b.geonames_id);
    });
    return report;
}

}  // namespace frontmap::layers
