// The seed scenario of issue 4 on real data: DeepState polygons and the real base data, with
// the seed article's claims inserted by hand (as the reader would store them; our own wording
// for the evidence). Skipped with a message when ../shared or base.gpkg is absent.

#include <gtest/gtest.h>

#include <chrono>
#include <map>

#include <fstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "geo/error.hpp"
#include "layers/control.hpp"
#include "layers/snapshot.hpp"
#include "layers/store.hpp"
#include "support/test_support.hpp"

namespace {

namespace fs = std::filesystem;
using namespace frontmap;
using namespace frontmap::layers;

struct BasePlace {
    std::string name;
    double lon = 0, lat = 0;
    std::int64_t population = 0;
};

BasePlace base_place(const fs::path& base, std::int64_t geonames_id) {
    DatasetPtr ds(GDALDataset::Open(base.string().c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr));
    if (!ds) throw std::runtime_error("cannot open base");
    OGRLayer* places = ds->GetLayerByName("places");
    places->SetAttributeFilter(fmt::format("geonames_id = {}", geonames_id).c_str());
    for (auto& f : *places) {
        const auto* p = f->GetGeometryRef()->toPoint();
        return {f->GetFieldAsString("name"), p->getX(), p->getY(), f->GetFieldAsInteger64("population")};
    }
    throw std::runtime_error("no such place in base");
}

void insert(Store& store, const std::string& table, const std::map<std::string, std::string>& fields,
            const std::string& wkt = {}) {
    OGRLayer& l = store.layer(table);
    FeaturePtr f(OGRFeature::CreateFeature(l.GetLayerDefn()));
    for (const auto& [k, v] : fields) f->SetField(k.c_str(), v.c_str());
    if (!wkt.empty()) {
        OGRGeometry* g = nullptr;
        OGRGeometryFactory::createFromWkt(wkt.c_str(), nullptr, &g);
        f->SetGeometryDirectly(g);
    }
    ASSERT_EQ(l.CreateFeature(f.get()), OGRERR_NONE);
}

const ClaimArea* find_area(const MapData& m, const std::string& key, Status status) {
    for (const auto& a : m.areas)
        if (a.place_key == key && a.status == status) return &a;
    return nullptr;
}

double mean_lat(const MultiPolygon& mp) {
    double s = 0;
    int n = 0;
    for (const auto& p : mp)
        for (const auto& q : p.rings[0]) {
            s += q.lat;
            ++n;
        }
    return s / n;
}

nlohmann::json rings_json(const MultiPolygon& mp) {
    nlohmann::json polys = nlohmann::json::array();
    for (const auto& p : mp) {
        nlohmann::json rings = nlohmann::json::array();
        for (const auto& r : p.rings) {
            nlohmann::json ring = nlohmann::json::array();
            for (const auto& q : r) ring.push_back({q.lon, q.lat});
            rings.push_back(ring);
        }
        polys.push_back(rings);
    }
    return {{"type", "MultiPolygon"}, {"coordinates", polys}};
}

// Writes the areas as GeoJSON next to the test's scratch store, to look at (QGIS, ogr2ogr).
void dump(const MapData& m, const fs::path& path) {
    nlohmann::json features = nlohmann::json::array();
    for (const auto& c : m.control) {
        features.push_back({{"type", "Feature"}, {"properties", {{"layer", "control"}, {"source", c.source}}},
                            {"geometry", rings_json(c.area)}});
    }
    for (const auto& a : m.areas) {
        features.push_back({{"type", "Feature"},
                            {"properties", {{"layer", "area"}, {"place", a.name}, {"status", status_name(a.status)}}},
                            {"geometry", rings_json(a.area)}});
        if (a.held_part) {
            features.push_back({{"type", "Feature"},
                                {"properties", {{"layer", "held_part"}, {"place", a.name}, {"status", "held_part"}}},
                                {"geometry", rings_json(*a.held_part)}});
        }
    }
    std::ofstream(path) << nlohmann::json{{"type", "FeatureCollection"}, {"features", features}}.dump();
}

}  // namespace

TEST(SeedSnapshot, EastOn20251202) {
    FRONTMAP_REQUIRE_SHARED();
    FRONTMAP_REQUIRE_BASE();
    const fs::path base = frontmap::test::base_gpkg();
    const fs::path dir = frontmap::test::scratch_dir("seed_snapshot");
    Store store = Store::open((dir / "store.gpkg").string());
    ImportOptions o;
    o.source = "deepstate";
    o.date_pattern = "deepstatemap_data_%Y%m%d.geojson";
    import_control(store, {(frontmap::test::shared_dir() / "data/deepstate").string()}, o);

    insert(store, "articles", {{"sha256", "seed"}, {"source", "BBC News"}, {"published", "2025-12-02"}});
    for (auto [id, key] : {std::pair{704422, "gn:704422"}, {689304, "gn:689304"}, {703656, "gn:703656"}}) {
        const BasePlace p = base_place(base, id);
        insert(store, "places",
               {{"place_key", key}, {"geonames_id", std::to_string(id)}, {"name", p.name}, {"kind", "city"},
                {"country", "UA"}, {"population", std::to_string(p.population)}, {"lon", fmt::format("{}", p.lon)},
                {"lat", fmt::format("{}", p.lat)}},
               fmt::format("POINT ({} {})", p.lon, p.lat));
    }
    const std::tuple<const char*, const char*, const char*, const char*, const char*> claims[] = {
        {"gn:704422", "RU", "claims_control", "", "2025-12-01"},
        {"gn:704422", "RU", "denies_control", "", "2025-12-02"},
        {"gn:704422", "UA", "holds_part", "north", "2025-12-02"},
        {"gn:704422", "RU", "contested", "", "2025-12-02"},
        {"gn:689304", "RU", "claims_control", "", "2025-12-02"},
        {"gn:689304", "RU", "denies_control", "", "2025-12-02"},
        {"gn:703656", "RU", "claims_control", "", "2025-11-18"},
        {"gn:703656", "UA", "advancing", "", "2025-12-02"},
    };
    for (const auto& [place, actor, stance, part, date] : claims) {
        insert(store, "claims",
               {{"article_sha256", "seed"}, {"place_key", place}, {"actor", actor}, {"stance", stance}, {"part", part},
                {"claim_date", date}, {"attributed_to", actor}, {"evidence_text", "test evidence"},
                {"confidence", "0.9"}});
    }

    SnapshotOptions opt;
    opt.base = base.string();
    const auto t0 = std::chrono::steady_clock::now();
    const MapData m = load_map_data(store, "2025-12-02", Extent{30, 44, 41, 52.5}, opt);
    std::cout << "[ measure  ] seed snapshot with base data: "
              << std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count() << " s\n";
    for (const auto& a : m.areas) {
        std::cout << "[ area     ] " << a.place_key << " " << a.name << " " << status_name(a.status)
                  << (a.held_part ? " (held part)" : "") << " polygons=" << a.area.size() << "\n";
    }

    dump(m, dir / "mapdata.geojson");
    ASSERT_EQ(m.control.size(), 1U);
    EXPECT_EQ(m.control[0].valid_from, "2025-12-02");
    const ClaimArea* pokrovsk = find_area(m, "gn:704422", Status::disputed);
    ASSERT_NE(pokrovsk, nullptr);
    ASSERT_TRUE(pokrovsk->held_part.has_value());
    EXPECT_GT(mean_lat(*pokrovsk->held_part), 48.28198);
    EXPECT_NE(find_area(m, "gn:689304", Status::disputed), nullptr);
    EXPECT_NE(find_area(m, "gn:703656", Status::advance_ua), nullptr);
    EXPECT_TRUE(find_area(m, "gn:703656", Status::claimed_ru) != nullptr ||
                find_area(m, "gn:703656", Status::assessed_ru) != nullptr);
    EXPECT_NE(find_area(m, "iso:UA-43", Status::held_ru_before_2022), nullptr);
    EXPECT_NE(find_area(m, "iso:UA-40", Status::held_ru_before_2022), nullptr);
    ASSERT_EQ(m.sources.size(), 2U);
    EXPECT_EQ(m.sources[0], "deepstate");
    EXPECT_EQ(m.sources[1], "BBC News, 2025-12-02");
}
