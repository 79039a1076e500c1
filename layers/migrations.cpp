// The schema of the layer store, built by numbered migrations. Version 1 creates the tables,
// version 2 adds attribute indexes, version 3 a covering index of control's keys. Never edit a released migration: add a new one.
//
// Tables are made with OGR's CreateLayer/CreateField so that GPKG and PostGIS get the same
// schema from one code path (FID column `fid`, geometry column `geometry`, EPSG:4326).

#include "layers/migrations.hpp"

#include <cpl_error.h>
#include <ogr_spatialref.h>

#include "geo/error.hpp"
#include "layers/handles.hpp"

namespace frontmap::layers::detail {

namespace {

struct FieldSpec {
    const char* name;
    OGRFieldType type;
    bool not_null = false;
    bool unique = false;
};

struct TableSpec {
    const char* name;
    OGRwkbGeometryType geometry;  // wkbNone for attribute-only tables
    std::vector<FieldSpec> fields;
};

[[noreturn]] void fail(const std::string& what, const std::string& fallback) {
    throw StoreError("failed to " + what, gdal_reason(fallback));
}

void create_table(GDALDataset& ds, const TableSpec& spec) {
    OGRSpatialReference wgs84;
    wgs84.importFromEPSG(4326);
    wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);

    const char* options[] = {"FID=fid", "GEOMETRY_NAME=geometry", nullptr};
    CPLErrorReset();
    OGRLayer* layer = ds.CreateLayer(spec.name, spec.geometry == wkbNone ? nullptr : &wgs84,
                                     spec.geometry, const_cast<char**>(options));
    if (layer == nullptr) fail(std::string("create table '") + spec.name + "'", "GDAL refused");
    for (const FieldSpec& f : spec.fields) {
        OGRFieldDefn defn(f.name, f.type);
        defn.SetNullable(!f.not_null);
        defn.SetUnique(f.unique);
        if (layer->CreateField(&defn, FALSE) != OGRERR_NONE)
            fail(std::string("create column '") + spec.name + "." + f.name + "'", "GDAL refused");
    }
    // Make drivers with deferred table creation (PG, GPKG) issue CREATE TABLE now, inside the
    // migration's transaction, rather than at the first write.
    layer->ResetReading();
    if (layer->SyncToDisk() != OGRERR_NONE)
        fail(std::string("create table '") + spec.name + "'", "GDAL could not write it");
}

const std::vector<TableSpec>& tables_v1() {
    static const std::vector<TableSpec> specs = {
        {"articles",
         wkbNone,
         {{"sha256", OFTString, true, true},
          {"source", OFTString},
          {"url", OFTString},
          {"title", OFTString},
          {"published", OFTString},  // YYYY-MM-DD
          {"ingested_at", OFTString}}},
        {"places",
         wkbUnknown,  // a point for settlements, a polygon for regions
         {{"place_key", OFTString, true, true},
          {"geonames_id", OFTInteger64},
          {"iso", OFTString},
          {"name", OFTString},
          {"kind", OFTString},
          {"country", OFTString},
          {"admin1", OFTString},
          {"population", OFTInteger64},
          {"lat", OFTReal},
          {"lon", OFTReal}}},
        {"mentions",
         wkbNone,
         {{"article_sha256", OFTString, true},
          {"start", OFTInteger},
          {"end_", OFTInteger},
          {"byte_start", OFTInteger},
          {"byte_end", OFTInteger},
          {"surface", OFTString},
          {"place_key", OFTString},
          {"score", OFTReal}}},
        {"claims",
         wkbNone,
         {{"article_sha256", OFTString, true},
          {"place_key", OFTString, true},
          {"actor", OFTString, true},
          {"stance", OFTString, true},
          {"part", OFTString},
          {"claim_date", OFTString},
          {"attributed_to", OFTString},
          {"evidence_start", OFTInteger},
          {"evidence_end", OFTInteger},
          {"evidence_text", OFTString},
          {"confidence", OFTReal}}},
        {"control",
         wkbMultiPolygon,
         {{"party", OFTString, true},
          {"kind", OFTString, true},  // 'assessed' | 'claimed'
          {"valid_from", OFTString, true},
          {"valid_to", OFTString},
          {"source", OFTString}}},
        {"schema_version",
         wkbNone,
         {{"version", OFTInteger, true, true}, {"name", OFTString, true}}},
    };
    return specs;
}

void migrate_1_tables(GDALDataset& ds) {
    for (const TableSpec& spec : tables_v1()) create_table(ds, spec);
}

void migrate_2_indexes(GDALDataset& ds) {
    // Plain SQL that SQLite and PostgreSQL both accept; unqualified names resolve in the
    // store's schema (PG: active_schema via search_path).
    static const char* const indexes[][2] = {
        {"claims", "place_key"},   {"claims", "claim_date"},        {"control", "valid_from"},
        {"control", "source"},     {"mentions", "article_sha256"},
    };
    for (const auto& ix : indexes) {
        const std::string table = ix[0], column = ix[1];
        execute_sql(ds, "CREATE INDEX IF NOT EXISTS " + table + "_" + column + "_idx ON " + table +
                            " (" + column + ")");
    }
}

void migrate_3_control_keys(GDALDataset& ds) {
    // Snapshots look up control rows by (source, party, kind, date). In a GeoPackage the geometry
    // column comes before these, so without a covering index every key read loads geometries.
    execute_sql(ds,
                "CREATE INDEX IF NOT EXISTS control_keys_idx ON control "
                "(source, party, kind, valid_from, valid_to)");
}

void migrate_4_article_file(GDALDataset& ds) {
    // The file an article was read from: the name a map's sources line falls back to for an
    // article with no title, source or URL (no front matter).
    OGRLayer* articles = ds.GetLayerByName("articles");
    if (articles == nullptr) fail("add column 'articles.file'", "no articles table");
    if (articles->GetLayerDefn()->GetFieldIndex("file") >= 0) return;
    OGRFieldDefn field("file", OFTString);
    CPLErrorReset();
    if (articles->CreateField(&field) != OGRERR_NONE) fail("add column 'articles.file'", "GDAL refused it");
}

}  // namespace

std::string gdal_reason(const std::string& fallback) {
    const std::string raw = last_gdal_error(fallback);
    std::string out, line;
    auto flush = [&] {
        const auto b = line.find_first_not_of(" \t\r");
        const auto e = line.find_last_not_of(" \t\r");
        if (b != std::string::npos) {
            if (!out.empty()) out += (out.back() == '.' || out.back() == ':') ? " " : "; ";
            out += line.substr(b, e - b + 1);
        }
        line.clear();
    };
    for (char c : raw) {
        if (c == '\n') flush();
        else line += c;
    }
    flush();
    return out.empty() ? fallback : out;
}

void execute_sql(GDALDataset& ds, const std::string& sql) {
    CPLErrorReset();
    OGRLayer* result = ds.ExecuteSQL(sql.c_str(), nullptr, nullptr);
    if (result != nullptr) ds.ReleaseResultSet(result);
    if (CPLGetLastErrorType() >= CE_Failure) fail("run '" + sql + "'", "GDAL reported an error");
}

const std::vector<Migration>& migrations() {
    static const std::vector<Migration> list = {
        {1, "tables", migrate_1_tables},
        {2, "attribute indexes", migrate_2_indexes},
        {3, "control key index", migrate_3_control_keys},
        {4, "article file name", migrate_4_article_file},
    };
    return list;
}

const std::vector<std::string>& table_names() {
    static const std::vector<std::string> names = {"articles", "places",  "mentions",
                                                   "claims",   "control", "schema_version"};
    return names;
}

}  // namespace frontmap::layers::detail
