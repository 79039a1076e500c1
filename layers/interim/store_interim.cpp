// INTERIM store, compiled only while no layers/*.cpp defines Store::open (see CMakeLists.txt).
// It exists so that the control import, the snapshot and their tests can run before the real
// store (branch `store`) is merged. It implements the GeoPackage half of layers/store.hpp with
// the version-2 schema of its header comment and nothing more (no PostGIS, no real migrations).
// Once the real store is on main this file is ignored by the build and should be deleted.

#include <filesystem>
#include <string>
#include <utility>

#include <cpl_string.h>

#include "geo/error.hpp"
#include "layers/store.hpp"

namespace frontmap::layers {

namespace {

struct FieldSpec {
    const char* name;
    OGRFieldType type;
};

void create_table(GDALDataset& ds, const char* name, OGRwkbGeometryType geom,
                  std::initializer_list<FieldSpec> fields) {
    OGRSpatialReference wgs84;
    wgs84.importFromEPSG(4326);
    wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    char** opts = nullptr;
    opts = CSLSetNameValue(opts, "GEOMETRY_NAME", "geometry");
    OGRLayer* layer = ds.CreateLayer(name, geom == wkbNone ? nullptr : &wgs84, geom, opts);
    CSLDestroy(opts);
    if (layer == nullptr) {
        throw StoreError(std::string("failed to create table '") + name + "'",
                         last_gdal_error("GDAL could not create the layer"));
    }
    for (const auto& f : fields) {
        OGRFieldDefn defn(f.name, f.type);
        if (layer->CreateField(&defn) != OGRERR_NONE) {
            throw StoreError(std::string("failed to create field '") + name + "." + f.name + "'",
                             last_gdal_error("GDAL could not create the field"));
        }
    }
}

void create_schema(GDALDataset& ds) {
    create_table(ds, "articles", wkbNone,
                 {{"sha256", OFTString}, {"source", OFTString}, {"url", OFTString},
                  {"title", OFTString}, {"published", OFTString}, {"ingested_at", OFTString}});
    create_table(ds, "places", wkbUnknown,
                 {{"place_key", OFTString}, {"geonames_id", OFTInteger64}, {"iso", OFTString},
                  {"name", OFTString}, {"kind", OFTString}, {"country", OFTString},
                  {"admin1", OFTString}, {"population", OFTInteger64}, {"lat", OFTReal},
                  {"lon", OFTReal}});
    create_table(ds, "mentions", wkbNone,
                 {{"article_sha256", OFTString}, {"start", OFTInteger}, {"end_", OFTInteger},
                  {"byte_start", OFTInteger}, {"byte_end", OFTInteger}, {"surface", OFTString},
                  {"place_key", OFTString}, {"score", OFTReal}});
    create_table(ds, "claims", wkbNone,
                 {{"article_sha256", OFTString}, {"place_key", OFTString}, {"actor", OFTString},
                  {"stance", OFTString}, {"part", OFTString}, {"claim_date", OFTString},
                  {"attributed_to", OFTString}, {"evidence_start", OFTInteger},
                  {"evidence_end", OFTInteger}, {"evidence_text", OFTString},
                  {"confidence", OFTReal}});
    create_table(ds, "control", wkbMultiPolygon,
                 {{"party", OFTString}, {"kind", OFTString}, {"valid_from", OFTString},
                  {"valid_to", OFTString}, {"source", OFTString}});
    create_table(ds, "schema_version", wkbNone, {{"version", OFTInteger}, {"name", OFTString}});
    for (const char* sql :
         {"CREATE INDEX claims_place_key_idx ON claims(place_key)",
          "CREATE INDEX claims_claim_date_idx ON claims(claim_date)",
          "CREATE INDEX control_valid_from_idx ON control(valid_from)",
          "CREATE INDEX control_source_idx ON control(source)",
          "CREATE INDEX mentions_article_idx ON mentions(article_sha256)",
          "INSERT INTO schema_version(version, name) VALUES (2, 'interim')"}) {
        ds.ExecuteSQL(sql, nullptr, nullptr);
    }
}

}  // namespace

int current_schema_version() { return 2; }

Store Store::open(const std::string& url, Mode mode, int /*target_version*/) {
    ensure_gdal();
    const bool exists = std::filesystem::exists(url);
    if (!exists && mode != Mode::open_or_create) {
        throw StoreError("failed to open store '" + url + "'", "no such file",
                         "import or ingest something first");
    }
    DatasetPtr ds;
    if (exists) {
        unsigned flags = GDAL_OF_VECTOR | (mode == Mode::read_only ? 0U : GDAL_OF_UPDATE);
        const char* drivers[] = {"GPKG", nullptr};
        ds.reset(GDALDataset::Open(url.c_str(), flags, drivers, nullptr, nullptr));
        if (!ds) {
            throw StoreError("failed to open store '" + url + "'",
                             last_gdal_error("not a GeoPackage"));
        }
        if (ds->GetLayerByName("control") == nullptr) {
            throw StoreError("failed to open store '" + url + "'", "not a frontmap store");
        }
    } else {
        GDALDriver* drv = GetGDALDriverManager()->GetDriverByName("GPKG");
        if (drv == nullptr) throw StoreError("failed to create store '" + url + "'", "no GPKG driver");
        ds.reset(drv->Create(url.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
        if (!ds) {
            throw StoreError("failed to create store '" + url + "'",
                             last_gdal_error("GDAL could not create the GeoPackage"));
        }
        try {
            create_schema(*ds);
        } catch (...) {
            ds.reset();
            std::filesystem::remove(url);
            throw;
        }
    }
    return Store(url, std::move(ds), 2);
}

Store::Store(std::string url, DatasetPtr ds, int version)
    : url_(std::move(url)), ds_(std::move(ds)), version_(version) {}
Store::Store(Store&&) noexcept = default;
Store& Store::operator=(Store&&) noexcept = default;
Store::~Store() = default;

bool Store::is_postgis() const noexcept { return false; }

StoreInfo Store::info() {
    StoreInfo info{url_, "GPKG", version_, {}};
    for (auto* layer : ds_->GetLayers()) {
        info.tables.push_back({layer->GetName(), layer->GetFeatureCount()});
    }
    return info;
}

OGRLayer& Store::layer(const std::string& table) {
    OGRLayer* l = ds_->GetLayerByName(table.c_str());
    if (l == nullptr) throw StoreError("failed to find table '" + table + "'", "not in store '" + url_ + "'");
    return *l;
}

Transaction::Transaction(Store& store) : store_(&store) {
    if (store.ds_->StartTransaction(FALSE) != OGRERR_NONE) {
        throw StoreError("failed to start a transaction on '" + store.url_ + "'",
                         last_gdal_error("GDAL refused"));
    }
}

Transaction::~Transaction() {
    if (!done_) store_->ds_->RollbackTransaction();
}

void Transaction::commit() {
    done_ = true;
    if (store_->ds_->CommitTransaction() != OGRERR_NONE) {
        throw StoreError("failed to commit to '" + store_->url_ + "'", last_gdal_error("GDAL refused"));
    }
}

}  // namespace frontmap::layers
