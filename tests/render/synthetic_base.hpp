#pragma once
// A small synthetic base.gpkg written by the tests themselves (same schema as the real one,
// invented shapes and places), so golden-image tests pass on a fresh machine without data/fetch.

#include <unistd.h>

#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include "geo/normalize.hpp"
#include "render/base_layers.hpp"
#include "render/map.hpp"
#include "layers/handles.hpp"

namespace frontmap::test {

struct SynthPlace {
    long long id;
    const char* name;
    const char* country;
    double lon, lat;
    long long population;
    const char* uk;  // Ukrainian variant for the names table, or nullptr
    const char* ru;  // Russian variant, or nullptr
};

inline void write_synthetic_base_to(const std::filesystem::path& path) {
    GDALDriver* drv = GetGDALDriverManager()->GetDriverByName("GPKG");
    GDALDatasetUniquePtr ds(drv->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    if (!ds) throw std::runtime_error("cannot create " + path.string());
    OGRSpatialReference wgs84;
    wgs84.SetWellKnownGeogCS("WGS84");
    wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);

    auto add_field = [](OGRLayer* l, const char* name, OGRFieldType t) {
        OGRFieldDefn f(name, t);
        l->CreateField(&f);
    };
    auto add_poly = [](OGRLayer* l, const std::vector<std::pair<const char*, std::string>>& fields, const std::string& wkt) {
        OGRFeature f(l->GetLayerDefn());
        for (const auto& [k, v] : fields) f.SetField(k, v.c_str());
        OGRGeometry* g = nullptr;
        OGRGeometryFactory::createFromWkt(wkt.c_str(), nullptr, &g);
        f.SetGeometryDirectly(g);
        if (l->CreateFeature(&f) != OGRERR_NONE) throw std::runtime_error("cannot write a test feature");
    };

    ds->StartTransaction();
    OGRLayer* countries = ds->CreateLayer("countries", &wgs84, wkbMultiPolygon, nullptr);
    add_field(countries, "iso_a2", OFTString);
    add_field(countries, "iso_n3", OFTString);
    add_field(countries, "name", OFTString);
    add_poly(countries, {{"iso_a2", "UA"}, {"iso_n3", "804"}, {"name", "Ukraine"}},
             "MULTIPOLYGON(((30 46.9,38.2 46.9,38.3 47.6,38.9 48.2,38.6 49.2,37.9 50.3,30 50.3,30 46.9)))");
    add_poly(countries, {{"iso_a2", "RU"}, {"iso_n3", "643"}, {"name", "Russia"}},
             "MULTIPOLYGON(((38.2 46.9,44 46.9,44 52,37.9 52,37.9 50.3,38.6 49.2,38.9 48.2,38.3 47.6,38.2 46.9)))");

    OGRLayer* admin1 = ds->CreateLayer("admin1", &wgs84, wkbMultiPolygon, nullptr);
    for (const char* f : {"iso_3166_2", "gn_a1_code", "name", "name_en", "name_uk", "name_ru", "name_alt", "admin", "iso_a2", "type_en"})
        add_field(admin1, f, OFTString);
    add_poly(admin1, {{"iso_3166_2", "UA-14"}, {"name", "Donetsk"}, {"admin", "Ukraine"}, {"iso_a2", "UA"}},
             "MULTIPOLYGON(((36.6 46.9,38.2 46.9,38.3 47.6,38.9 48.2,38.6 49.2,36.6 49.2,36.6 46.9)))");
    add_poly(admin1, {{"iso_3166_2", "UA-12"}, {"name", "Dnipropetrovsk"}, {"admin", "Ukraine"}, {"iso_a2", "UA"}},
             "MULTIPOLYGON(((30 46.9,36.6 46.9,36.6 49.2,30 49.2,30 46.9)))");
    add_poly(admin1, {{"iso_3166_2", "UA-63"}, {"name", "Kharkiv"}, {"admin", "Ukraine"}, {"iso_a2", "UA"}},
             "MULTIPOLYGON(((30 49.2,38.6 49.2,37.9 50.3,30 50.3,30 49.2)))");
    add_poly(admin1, {{"iso_3166_2", "RU-ROS"}, {"name", "Rostov"}, {"admin", "Russia"}, {"iso_a2", "RU"}},
             "MULTIPOLYGON(((38.2 46.9,44 46.9,44 49.2,38.6 49.2,38.9 48.2,38.3 47.6,38.2 46.9)))");
    add_poly(admin1, {{"iso_3166_2", "RU-BEL"}, {"name", "Belgorod"}, {"admin", "Russia"}, {"iso_a2", "RU"}},
             "MULTIPOLYGON(((38.6 49.2,44 49.2,44 52,37.9 52,37.9 50.3,38.6 49.2)))");

    OGRLayer* places = ds->CreateLayer("places", &wgs84, wkbPoint, nullptr);
    add_field(places, "geonames_id", OFTInteger64);
    for (const char* f : {"name", "asciiname", "feature_class", "feature_code", "country", "admin1_code", "admin1_iso"})
        add_field(places, f, OFTString);
    add_field(places, "population", OFTInteger64);
    OGRLayer* names = ds->CreateLayer("names", nullptr, wkbNone, nullptr);
    for (const char* f : {"key", "name", "kind"}) add_field(names, f, OFTString);
    add_field(names, "geonames_id", OFTInteger64);
    for (const char* f : {"iso", "country", "admin1_iso", "feature_code"}) add_field(names, f, OFTString);
    add_field(names, "population", OFTInteger64);
    add_field(names, "lat", OFTReal);
    add_field(names, "lon", OFTReal);
    add_field(names, "source", OFTString);

    const SynthPlace list[] = {
        {704422, "Pokrovsk", "UA", 37.17585, 48.28198, 60000, "Покровськ", "Покровск"},
        {102, "Myrnohrad", "UA", 37.26, 48.30, 46000, "Мирноград", nullptr},
        {705104, "Kostiantynivka", "UA", 37.7069, 48.5277, 67000, "Костянтинівка", "Константиновка"},
        {104, "Kramatorsk", "UA", 37.556, 48.723, 150000, "Краматорськ", "Краматорск"},
        {105, "Druzhkivka", "UA", 37.52, 48.62, 55000, nullptr, nullptr},
        {106, "Dobropillia", "UA", 37.085, 48.467, 28000, "Добропілля", nullptr},
        {107, "Selydove", "UA", 37.30, 48.15, 21000, nullptr, nullptr},
        {108, "Donetsk", "UA", 37.80, 48.00, 900000, "Донецьк", "Донецк"},
        {109, "Avdiivka", "UA", 37.75, 48.14, 31000, "Авдіївка", "Авдеевка"},
        {110, "Mezhova", "UA", 36.73, 48.25, 7000, nullptr, nullptr},
        {695581, "Rodynske", "UA", 37.20602, 48.35199, 10000, nullptr, nullptr},
        {112, "Toretsk", "UA", 37.85, 48.40, 30000, nullptr, nullptr},
        {113, "Kurakhove", "UA", 37.28, 47.98, 18000, nullptr, nullptr},
        {114, "Bilytske", "UA", 37.18, 48.41, 8000, nullptr, nullptr},
    };
    auto add_name = [&](const std::string& key, const char* name, const SynthPlace& p, const char* source) {
        OGRFeature f(names->GetLayerDefn());
        f.SetField("key", key.c_str());
        f.SetField("name", name);
        f.SetField("kind", "city");
        f.SetField("geonames_id", static_cast<GIntBig>(p.id));
        f.SetField("country", p.country);
        f.SetField("population", static_cast<GIntBig>(p.population));
        f.SetField("lat", p.lat);
        f.SetField("lon", p.lon);
        f.SetField("source", source);
        if (names->CreateFeature(&f) != OGRERR_NONE) throw std::runtime_error("cannot write a test name");
    };
    for (const auto& p : list) {
        OGRFeature f(places->GetLayerDefn());
        f.SetField("geonames_id", static_cast<GIntBig>(p.id));
        f.SetField("name", p.name);
        f.SetField("asciiname", p.name);
        f.SetField("feature_class", "P");
        f.SetField("country", p.country);
        f.SetField("population", static_cast<GIntBig>(p.population));
        OGRPoint pt(p.lon, p.lat);
        f.SetGeometry(&pt);
        if (places->CreateFeature(&f) != OGRERR_NONE) throw std::runtime_error("cannot write a test place");
        add_name(frontmap::normalize_key(p.name), p.name, p, "name");
        if (p.uk != nullptr) add_name(frontmap::normalize_key(p.uk), p.uk, p, "alt");
        if (p.ru != nullptr) add_name(frontmap::normalize_key(p.ru), p.ru, p, "alt");
    }
    ds->CommitTransaction();
}

inline std::string synth_box_wkt(double w, double s, double e, double n) {
    return "MULTIPOLYGON(((" + std::to_string(w) + " " + std::to_string(s) + "," + std::to_string(e) + " " +
           std::to_string(s) + "," + std::to_string(e) + " " + std::to_string(n) + "," + std::to_string(w) + " " +
           std::to_string(n) + "," + std::to_string(w) + " " + std::to_string(s) + ")))";
}

// Writes the synthetic base to `path` (replacing it) and returns the path. ctest runs test
// processes in parallel: each writes its own temporary file and renames it into place, so a
// reader never sees a half-written base (the content is the same every time).
inline std::filesystem::path write_synthetic_base(const std::filesystem::path& path) {
    frontmap::layers::ensure_gdal();
    const std::filesystem::path tmp = path.string() + ".tmp" + std::to_string(::getpid());
    std::filesystem::remove(tmp);
    write_synthetic_base_to(tmp);
    std::filesystem::rename(tmp, path);
    return path;
}

// The synthetic base written once per test process (under `name` in the tests' scratch folder)
// and loaded for a map's options, as render does with the real base.
inline frontmap::render::BaseData load_synthetic_base(const frontmap::render::MapOptions& o, const std::string& name) {
    static const std::filesystem::path p = write_synthetic_base(std::filesystem::path(FRONTMAP_TEST_TMP) / name);
    frontmap::render::BaseQuery q;
    q.box = frontmap::render::base_query_box(o);
    q.max_places = o.style.max_places;
    q.lang = o.lang;
    return frontmap::render::load_base(p.string(), q);
}

}  // namespace frontmap::test
