#include "render/locate.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <numbers>

#include <ogr_spatialref.h>

#include "geo/error.hpp"
#include "geo/normalize.hpp"
#include "layers/handles.hpp"

namespace frontmap::render {

LocatedPlace locate_place(const std::string& base_path, const std::string& name) {
    layers::ensure_gdal();
    const std::string what = "failed to find place '" + name + "'";
    if (!std::filesystem::exists(base_path)) {
        throw InputError(what, "base data '" + base_path + "' does not exist", "run data/fetch first, or give --base");
    }
    const char* drivers[] = {"GPKG", nullptr};
    layers::DatasetPtr ds(GDALDataset::Open(base_path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, drivers, nullptr, nullptr));
    if (!ds) throw InputError(what, layers::last_gdal_error("cannot open the base data"));
    OGRLayer* names = ds->GetLayerByName("names");
    if (names == nullptr) throw InputError(what, "the base data has no names table", "rebuild it with data/fetch");
    const std::string key = normalize_key(name);
    std::string quoted;
    for (char c : key) quoted += c == '\'' ? std::string("''") : std::string(1, c);
    names->SetAttributeFilter(("key = '" + quoted + "'").c_str());
    names->ResetReading();
    OGRFeatureDefn* d = names->GetLayerDefn();
    const int f_name = d->GetFieldIndex("name"), f_kind = d->GetFieldIndex("kind"), f_pop = d->GetFieldIndex("population"),
              f_lat = d->GetFieldIndex("lat"), f_lon = d->GetFieldIndex("lon");
    if (f_kind < 0 || f_lat < 0 || f_lon < 0) throw InputError(what, "the names table lacks kind/lat/lon");
    int best_rank = -1;
    std::int64_t best_pop = -1;
    LocatedPlace best;
    for (layers::FeaturePtr f(names->GetNextFeature()); f; f.reset(names->GetNextFeature())) {
        std::string kind = f->GetFieldAsString(f_kind);
        int rank = kind == "city" ? 3 : kind == "region" ? 2 : kind == "country" ? 1 : 0;
        std::int64_t pop = f_pop >= 0 ? f->GetFieldAsInteger64(f_pop) : 0;
        if (rank > best_rank || (rank == best_rank && pop > best_pop)) {
            best_rank = rank, best_pop = pop;
            best = {f_name >= 0 ? f->GetFieldAsString(f_name) : name, {f->GetFieldAsDouble(f_lon), f->GetFieldAsDouble(f_lat)}};
        }
    }
    names->SetAttributeFilter(nullptr);
    if (best_rank < 0) throw InputError(what, "no such place in the gazetteer", "check the spelling, or give --extent");
    return best;
}

Extent extent_around(LonLat c, double radius_km) {
    if (!(radius_km > 0 && radius_km <= 5000)) {
        throw UsageError("failed to use radius '" + std::to_string(radius_km) + "'", "must be between 0 and 5000 km");
    }
    const double dlat = radius_km / 111.2;
    const double dlon = radius_km / (111.2 * std::max(0.05, std::cos(c.lat * std::numbers::pi / 180)));
    Extent e{std::max(-180.0, c.lon - dlon), std::max(-85.0, c.lat - dlat), std::min(180.0, c.lon + dlon),
             std::min(85.0, c.lat + dlat)};
    return e;
}

Extent named_view(const std::string& name) {
    if (name == "ukraine") return {22.0, 44.2, 40.4, 52.5};
    if (name == "east") return {34.8, 46.8, 40.4, 50.5};
    if (name == "south") return {30.5, 44.3, 38.0, 48.2};
    throw UsageError("failed to use view '" + name + "'", "unknown view", "use ukraine, east or south");
}

namespace {
void add_polygons(const OGRGeometry* g, MultiPolygon& out) {
    if (g == nullptr) return;
    auto poly = [&](const OGRPolygon* p) {
        Polygon q;
        auto ring = [&](const OGRLinearRing* r) {
            Ring pts;
            if (r == nullptr) return;
            for (int i = 0; i < r->getNumPoints(); ++i) pts.push_back({r->getX(i), r->getY(i)});
            if (pts.size() >= 3) q.rings.push_back(std::move(pts));
        };
        ring(p->getExteriorRing());
        if (q.rings.empty()) return;
        for (int i = 0; i < p->getNumInteriorRings(); ++i) ring(p->getInteriorRing(i));
        out.push_back(std::move(q));
    };
    switch (wkbFlatten(g->getGeometryType())) {
        case wkbPolygon: poly(g->toPolygon()); break;
        case wkbMultiPolygon:
            for (const OGRPolygon* p : *g->toMultiPolygon()) poly(p);
            break;
        case wkbGeometryCollection:
            for (const OGRGeometry* s : *g->toGeometryCollection()) add_polygons(s, out);
            break;
        default: break;
    }
}
}  // namespace

MultiPolygon read_polygon_file(const std::string& path) {
    layers::ensure_gdal();
    const std::string what = "failed to read polygons '" + path + "'";
    layers::DatasetPtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr));
    if (!ds) throw InputError(what, layers::last_gdal_error("cannot open the file"));
    OGRSpatialReference wgs84;
    wgs84.SetWellKnownGeogCS("WGS84");
    wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    MultiPolygon out;
    for (OGRLayer* layer : ds->GetLayers()) {
        for (layers::FeaturePtr f(layer->GetNextFeature()); f; f.reset(layer->GetNextFeature())) {
            OGRGeometry* g = f->GetGeometryRef();
            if (g == nullptr) continue;
            const OGRSpatialReference* srs = g->getSpatialReference();
            if (srs != nullptr && !srs->IsSame(&wgs84) && g->transformTo(&wgs84) != OGRERR_NONE) {
                throw InputError(what, "cannot reproject to WGS84");
            }
            add_polygons(g, out);
        }
    }
    if (out.empty()) throw InputError(what, "no polygons in the file");
    return out;
}

}  // namespace frontmap::render
