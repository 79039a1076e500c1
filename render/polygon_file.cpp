// read_polygon_file (render/locate.hpp): the polygons of any OGR-readable file. Apart from
// locate.cpp because it needs GDAL and the render module must not load it.

#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>
#include <ogr_spatialref.h>

#include "geo/error.hpp"
#include "layers/handles.hpp"
#include "render/locate.hpp"

namespace frontmap::render {

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
