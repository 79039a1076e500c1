#include "render/locate.hpp"

#include <algorithm>
#include <cctype>
#include <functional>
#include <cmath>
#include <filesystem>
#include <numbers>
#include <tuple>

#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>
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
              f_lat = d->GetFieldIndex("lat"), f_lon = d->GetFieldIndex("lon"), f_country = d->GetFieldIndex("country");
    if (f_kind < 0 || f_lat < 0 || f_lon < 0) throw InputError(what, "the names table lacks kind/lat/lon");
    // A map of the war in Ukraine: a Ukrainian place wins over a larger namesake elsewhere
    // (Pokrovsk, Donetsk oblast, not the Pokrovsk that is an old name of Engels, Saratov).
    int best_rank = -1, best_ua = -1;
    std::int64_t best_pop = -1;
    LocatedPlace best;
    for (layers::FeaturePtr f(names->GetNextFeature()); f; f.reset(names->GetNextFeature())) {
        std::string kind = f->GetFieldAsString(f_kind);
        int rank = kind == "city" ? 3 : kind == "region" ? 2 : kind == "country" ? 1 : 0;
        std::int64_t pop = f_pop >= 0 ? f->GetFieldAsInteger64(f_pop) : 0;
        const int ua = f_country >= 0 && std::string(f->GetFieldAsString(f_country)) == "UA" ? 1 : 0;
        if (std::tie(rank, ua, pop) > std::tie(best_rank, best_ua, best_pop)) {
            best_rank = rank, best_ua = ua, best_pop = pop;
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

namespace {

// GeoJSON in lon/lat (RFC 7946, or a declared CRS84/EPSG:4326) read directly: OGR's driver
// would set up a spatial reference from PROJ's database first, which costs more than the whole
// parse. Returns false (caller falls back to OGR) for anything else.
bool read_plain_geojson(const std::string& path, MultiPolygon& out) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return false;
    std::ostringstream ss;
    ss << in.rdbuf();
    const nlohmann::json j = nlohmann::json::parse(ss.str(), nullptr, false);
    if (j.is_discarded() || !j.is_object()) return false;
    if (auto crs = j.find("crs"); crs != j.end()) {
        const std::string name = crs->value("properties", nlohmann::json::object()).value("name", "");
        if (name != "urn:ogc:def:crs:OGC:1.3:CRS84" && name != "urn:ogc:def:crs:EPSG::4326" && name != "EPSG:4326")
            return false;
    }
    auto ring = [](const nlohmann::json& r, Ring& out_ring) {
        if (!r.is_array()) return false;
        for (const auto& p : r) {
            if (!p.is_array() || p.size() < 2 || !p[0].is_number() || !p[1].is_number()) return false;
            out_ring.push_back({p[0].get<double>(), p[1].get<double>()});
        }
        return true;
    };
    auto polygon = [&](const nlohmann::json& rings) {
        if (!rings.is_array()) return false;
        Polygon poly;
        for (const auto& r : rings) {
            Ring pts;
            if (!ring(r, pts)) return false;
            if (pts.size() >= 3) poly.rings.push_back(std::move(pts));
            else if (poly.rings.empty()) return true;  // degenerate shell: skip the polygon
        }
        if (!poly.rings.empty()) out.push_back(std::move(poly));
        return true;
    };
    std::function<bool(const nlohmann::json&)> geometry = [&](const nlohmann::json& g) {
        if (g.is_null()) return true;
        if (!g.is_object()) return false;
        const std::string type = g.value("type", "");
        if (type == "Polygon") return polygon(g.value("coordinates", nlohmann::json()));
        if (type == "MultiPolygon") {
            const auto& c = g.value("coordinates", nlohmann::json());
            if (!c.is_array()) return false;
            for (const auto& p : c) {
                if (!polygon(p)) return false;
            }
            return true;
        }
        if (type == "GeometryCollection") {
            for (const auto& sub : g.value("geometries", nlohmann::json::array())) {
                if (!geometry(sub)) return false;
            }
            return true;
        }
        return true;  // points and lines carry no area
    };
    const std::string type = j.value("type", "");
    if (type == "FeatureCollection") {
        const auto& features = j.value("features", nlohmann::json());
        if (!features.is_array()) return false;
        for (const auto& f : features) {
            if (!f.is_object() || !geometry(f.value("geometry", nlohmann::json()))) return false;
        }
        return true;
    }
    if (type == "Feature") return geometry(j.value("geometry", nlohmann::json()));
    return geometry(j);
}

}  // namespace

MultiPolygon read_polygon_file(const std::string& path) {
    {
        std::string ext = std::filesystem::path(path).extension().string();
        for (auto& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        MultiPolygon fast;
        if ((ext == ".geojson" || ext == ".json") && read_plain_geojson(path, fast) && !fast.empty()) return fast;
    }
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
