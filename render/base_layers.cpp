#include "render/base_layers.hpp"

#include <algorithm>
#include <filesystem>
#include <map>

#include <fmt/format.h>

#include "geo/error.hpp"
#include "geo/normalize.hpp"
#include "layers/handles.hpp"
#include "render/geometry.hpp"

namespace frontmap::render {

namespace {

using layers::DatasetPtr;
using layers::FeaturePtr;

void append_polygon(const OGRPolygon& poly, MultiPolygon& out) {
    Polygon p;
    auto ring = [&](const OGRLinearRing* r) {
        if (r == nullptr || r->getNumPoints() < 3) return;
        Ring pts(static_cast<std::size_t>(r->getNumPoints()));
        for (int i = 0; i < r->getNumPoints(); ++i) pts[static_cast<std::size_t>(i)] = {r->getX(i), r->getY(i)};
        p.rings.push_back(std::move(pts));
    };
    ring(poly.getExteriorRing());
    if (p.rings.empty()) return;
    for (int i = 0; i < poly.getNumInteriorRings(); ++i) ring(poly.getInteriorRing(i));
    out.push_back(std::move(p));
}

MultiPolygon to_multipolygon(const OGRGeometry* g) {
    MultiPolygon out;
    if (g == nullptr) return out;
    switch (wkbFlatten(g->getGeometryType())) {
        case wkbPolygon: append_polygon(*g->toPolygon(), out); break;
        case wkbMultiPolygon:
            for (const OGRPolygon* p : *g->toMultiPolygon()) append_polygon(*p, out);
            break;
        case wkbGeometryCollection:
            for (const OGRGeometry* sub : *g->toGeometryCollection()) {
                MultiPolygon part = to_multipolygon(sub);
                out.insert(out.end(), std::make_move_iterator(part.begin()), std::make_move_iterator(part.end()));
            }
            break;
        default: break;
    }
    return out;
}

OGRLayer* need_layer(GDALDataset& ds, const char* name, const std::string& path) {
    OGRLayer* l = ds.GetLayerByName(name);
    if (l == nullptr) {
        throw InputError("failed to read base data '" + path + "'", std::string("no layer '") + name + "'",
                         "rebuild it with data/fetch");
    }
    return l;
}

std::string field(OGRFeature& f, int idx) {
    if (idx < 0 || !f.IsFieldSetAndNotNull(idx)) return {};
    return f.GetFieldAsString(idx);
}

std::vector<BaseRegion> read_regions(OGRLayer& layer, const char* iso_field, const Extent* box,
                                     const std::string& where) {
    // The box goes through the GeoPackage R-tree as an attribute filter, not SetSpatialFilter:
    // OGR would test every candidate exactly with GEOS, which costs more than drawing a
    // polygon that merely comes near the canvas.
    std::string filter = where;
    if (box != nullptr) {
        const std::string geom = layer.GetGeometryColumn(), fid = layer.GetFIDColumn();
        std::string rtree = fmt::format(
            "{} IN (SELECT id FROM \"rtree_{}_{}\" WHERE minx <= {} AND maxx >= {} AND miny <= {} AND maxy >= {})",
            fid.empty() ? "fid" : fid, layer.GetName(), geom, box->east, box->west, box->north, box->south);
        filter = filter.empty() ? rtree : "(" + filter + ") AND " + rtree;
    }
    if (layer.SetAttributeFilter(filter.empty() ? nullptr : filter.c_str()) != OGRERR_NONE) {
        // No R-tree (a GeoPackage written without one): fall back to OGR's spatial filter.
        layer.SetAttributeFilter(where.empty() ? nullptr : where.c_str());
        if (box != nullptr) layer.SetSpatialFilterRect(box->west, box->south, box->east, box->north);
    }
    layer.ResetReading();
    OGRFeatureDefn* defn = layer.GetLayerDefn();
    const int iso = defn->GetFieldIndex(iso_field), name = defn->GetFieldIndex("name");
    std::vector<BaseRegion> out;
    for (FeaturePtr f(layer.GetNextFeature()); f; f.reset(layer.GetNextFeature())) {
        BaseRegion r{field(*f, iso), field(*f, name), to_multipolygon(f->GetGeometryRef())};
        if (!r.geom.empty()) out.push_back(std::move(r));
    }
    // Deterministic order whatever the file's row order.
    std::stable_sort(out.begin(), out.end(), [](const BaseRegion& a, const BaseRegion& b) { return a.iso < b.iso; });
    layer.SetAttributeFilter(nullptr);
    layer.SetSpatialFilter(nullptr);
    return out;
}

std::string sql_quote_ident(const std::string& s) {
    std::string out = "\"";
    for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

struct SqlResult {
    GDALDataset* ds;
    OGRLayer* layer;
    ~SqlResult() {
        if (layer != nullptr) ds->ReleaseResultSet(layer);
    }
};

void read_places(GDALDataset& ds, const std::string& path, const BaseQuery& q, BaseData& out) {
    OGRLayer* places = need_layer(ds, "places", path);
    if (q.max_places <= 0) return;
    const std::string geom = places->GetGeometryColumn(), fid = places->GetFIDColumn();
    const Extent& b = q.box;
    // The GeoPackage R-tree gives the places in the box; SQLite sorts them by population.
    std::string sql = fmt::format(
        "SELECT p.geonames_id, p.name, p.country, p.population, p.{geom} FROM places p "
        "JOIN {rtree} r ON p.{fid} = r.id "
        "WHERE r.minx <= {e} AND r.maxx >= {w} AND r.miny <= {n} AND r.maxy >= {s} AND p.population >= {minpop} "
        "ORDER BY p.population DESC, p.geonames_id LIMIT {limit}",
        fmt::arg("geom", sql_quote_ident(geom)), fmt::arg("fid", sql_quote_ident(fid)),
        fmt::arg("rtree", sql_quote_ident("rtree_places_" + geom)), fmt::arg("e", b.east), fmt::arg("w", b.west),
        fmt::arg("n", b.north), fmt::arg("s", b.south), fmt::arg("minpop", q.min_population),
        fmt::arg("limit", q.max_places));
    SqlResult res{&ds, ds.ExecuteSQL(sql.c_str(), nullptr, nullptr)};
    if (res.layer == nullptr) {
        throw InputError("failed to read base data '" + path + "'",
                         layers::last_gdal_error("cannot query the places layer"), "rebuild it with data/fetch");
    }
    for (FeaturePtr f(res.layer->GetNextFeature()); f; f.reset(res.layer->GetNextFeature())) {
        const OGRGeometry* g = f->GetGeometryRef();
        if (g == nullptr || wkbFlatten(g->getGeometryType()) != wkbPoint) continue;
        BasePlace p;
        p.geonames_id = f->GetFieldAsInteger64(0);
        p.name = f->GetFieldAsString(1);
        p.country = f->GetFieldAsString(2);
        p.population = f->GetFieldAsInteger64(3);
        p.pos = {g->toPoint()->getX(), g->toPoint()->getY()};
        out.places.push_back(std::move(p));
    }
    if (q.lang == "en" || out.places.empty()) return;

    // Cyrillic names from the names table (variants of the same GeoNames id).
    std::string ids;
    std::map<std::int64_t, BasePlace*> by_id;
    for (auto& p : out.places) {
        ids += (ids.empty() ? "" : ",") + std::to_string(p.geonames_id);
        by_id[p.geonames_id] = &p;
    }
    std::string names_sql =
        "SELECT geonames_id, name FROM names WHERE kind = 'city' AND geonames_id IN (" + ids + ") ORDER BY geonames_id, name";
    SqlResult names{&ds, ds.ExecuteSQL(names_sql.c_str(), nullptr, nullptr)};
    if (names.layer == nullptr) return;  // an older base without names: Latin names only
    struct Cyr {
        std::string uk, ru, either_long, either_short;
    };
    std::map<std::int64_t, Cyr> cyr;
    // Only variants that spell the same name are candidates: the names table also holds
    // historical names (Ворошиловград for Luhansk), other languages' forms (Kalmyk "Донецк ош")
    // and Belarusian ones, which must never label a Ukrainian map. normalize_key transliterates
    // Cyrillic, so Донецьк, Донецк and Donetsk meet in one key and Ворошиловград does not.
    std::map<std::int64_t, std::string> latin_key;
    for (const auto& p : out.places) latin_key[p.geonames_id] = normalize_key(p.name);
    for (FeaturePtr f(names.layer->GetNextFeature()); f; f.reset(names.layer->GetNextFeature())) {
        auto it = by_id.find(f->GetFieldAsInteger64(0));
        if (it == by_id.end()) continue;
        std::string name = f->GetFieldAsString(1);
        const char lang = cyrillic_language(name);
        if (lang == 0 || normalize_key(name) != latin_key[it->first]) continue;
        Cyr& c = cyr[it->first];
        // The shortest variant of each kind wins, deterministically (rows are ordered by name).
        auto take = [&](std::string& slot) {
            if (slot.empty() || name.size() < slot.size()) slot = name;
        };
        if (lang == 'u') take(c.uk);
        if (lang == 'r') take(c.ru);
        if (lang == 'c') {
            take(c.either_short);
            if (c.either_long.empty() || name.size() > c.either_long.size()) c.either_long = name;
        }
    }
    for (auto& [id, c] : cyr) {
        BasePlace& p = *by_id[id];
        // Spellings both languages could write: Ukrainian adds soft signs (Донецьк, Краматорськ)
        // where Russian has none (Донецк, Краматорск), so the longer one is likelier Ukrainian.
        p.name_uk = !c.uk.empty() ? c.uk : c.either_long;
        p.name_ru = !c.ru.empty() ? c.ru : c.either_short;
    }
}

}  // namespace

char cyrillic_language(const std::string& s) {
    bool cyr = false, uk = false, ru = false, other = false;
    for (std::size_t i = 0; i + 1 < s.size(); ++i) {
        unsigned char a = static_cast<unsigned char>(s[i]), b = static_cast<unsigned char>(s[i + 1]);
        if (a != 0xD0 && a != 0xD1 && a != 0xD2) continue;
        cyr = true;
        // Ukrainian only: ї Ї є Є ґ Ґ; і І is Ukrainian or Belarusian.
        if ((a == 0xD1 && (b == 0x96 || b == 0x97 || b == 0x94)) || (a == 0xD0 && (b == 0x86 || b == 0x87 || b == 0x84)) ||
            (a == 0xD2 && (b == 0x91 || b == 0x90)))
            uk = true;
        // Russian (not Ukrainian): ы Ы э Э ъ Ъ ё Ё
        if ((a == 0xD1 && (b == 0x8B || b == 0x8D || b == 0x8A || b == 0x91)) ||
            (a == 0xD0 && (b == 0xAB || b == 0xAD || b == 0xAA || b == 0x81)))
            ru = true;
        // Belarusian ў Ў, Serbian/Macedonian ј љ њ ћ џ ѓ ќ ѕ: neither language.
        if ((a == 0xD1 && (b == 0x9E || b == 0x98 || b == 0x99 || b == 0x9A || b == 0x9B || b == 0x9F || b == 0x93 ||
                           b == 0x9C || b == 0x95)) ||
            (a == 0xD0 && b == 0x8E))
            other = true;
    }
    if (!cyr || other || (uk && ru)) return 0;
    if (uk) return 'u';
    if (ru) return 'r';
    return 'c';  // Cyrillic that either language could spell this way
}

BaseData load_base(const std::string& path, const BaseQuery& q) {
    layers::ensure_gdal();
    if (!std::filesystem::exists(path)) {
        throw InputError("failed to open base data '" + path + "'", "no such file",
                         "run data/fetch first, or give --base PATH (or set FRONTMAP_BASE)");
    }
    const char* drivers[] = {"GPKG", nullptr};
    DatasetPtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, drivers, nullptr, nullptr));
    if (!ds) {
        throw InputError("failed to open base data '" + path + "'", layers::last_gdal_error("not a GeoPackage"),
                         "run data/fetch first");
    }
    BaseData out;
    OGRLayer* countries = need_layer(*ds, "countries", path);
    OGRLayer* admin1 = need_layer(*ds, "admin1", path);
    out.countries = read_regions(*countries, "iso_a2", &q.box, "");
    out.admin1 = read_regions(*admin1, "iso_3166_2", &q.box, "iso_3166_2 IS NULL OR iso_3166_2 NOT LIKE 'UA-%'");
    // Every Ukrainian region, found through the R-tree by Ukraine's box (a LIKE alone would scan
    // the whole world's admin-1 table, geometry blobs and all).
    const Extent ukraine_box{22.0, 44.0, 40.5, 52.5};
    out.ukraine = read_regions(*admin1, "iso_3166_2", &ukraine_box, "iso_3166_2 LIKE 'UA-%'");
    read_places(*ds, path, q, out);
    GeoContext geo;
    out.ukraine_union = union_regions(geo, out.ukraine);
    return out;
}

}  // namespace frontmap::render
