#pragma once
// The layer store (DESIGN, "The store"): one GeoPackage file by default, PostGIS through GDAL's
// PG: driver at scale, same schema and same code path. Tables are created by numbered
// migrations (layers/migrations.cpp); opening an older store migrates it, opening a store from
// a newer frontmap or a file that is not a frontmap store is a StoreError.
//
// Schema (version 2):
//   articles(sha256 TEXT unique, source, url, title, published TEXT YYYY-MM-DD, ingested_at TEXT)
//   places(place_key TEXT unique  -- "gn:703656" | "iso:UA-43" | "iso:US" | "lm:kremlin"
//          geonames_id INTEGER, iso TEXT, name, kind, country, admin1, population INTEGER,
//          lat REAL, lon REAL, geometry GEOMETRY EPSG:4326 (point, or polygon for regions))
//   mentions(article_sha256, start, end_, byte_start, byte_end INTEGER, surface, place_key,
//            score REAL)
//   claims(article_sha256, place_key, actor, stance, part, claim_date TEXT, attributed_to,
//          evidence_start, evidence_end INTEGER, evidence_text, confidence REAL)
//   control(party TEXT, kind TEXT 'assessed'|'claimed', valid_from TEXT, valid_to TEXT null,
//           source TEXT, geometry MULTIPOLYGON EPSG:4326)
//   schema_version(version INTEGER, name TEXT)
// Version 2 adds attribute indexes (claims.place_key, claims.claim_date, control.valid_from,
// control.source, mentions.article_sha256); version 3 an index on
// control(source, party, kind, valid_from, valid_to).

#include <cstdint>
#include <string>
#include <vector>

#include "layers/handles.hpp"

namespace frontmap::layers {

// The newest schema this frontmap knows.
int current_schema_version();

// The store's tables, in the order `store info` lists them.
const std::vector<std::string>& store_tables();

struct TableCount {
    std::string table;
    std::int64_t rows = 0;
};

struct StoreInfo {
    std::string url;
    std::string driver;  // "GPKG" or "PostgreSQL"
    int schema_version = 0;
    std::vector<TableCount> tables;
};

class Store;

// Writes go through layer() inside a Transaction. CreateFeature reports a constraint error (the
// unique articles.sha256 and places.place_key) at once on both drivers. A Store belongs to one
// thread at a time. User documentation: doc/frontmap-store.md.

// RAII transaction over the whole store: commit() makes the writes durable; destruction without
// commit() rolls them back. One transaction at a time per Store.
class Transaction {
public:
    explicit Transaction(Store& store);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    void commit();

private:
    Store* store_;
    bool done_ = false;
};

class Store {
public:
    enum class Mode { open_or_create, open_existing, read_only };

    // url: a GeoPackage path, or "PG:dbname=... host=..." (optionally with active_schema=...).
    // Migrates up to target_version (tests pass a lower one to make an "old" store).
    static Store open(const std::string& url, Mode mode = Mode::open_or_create,
                      int target_version = current_schema_version());

    Store(Store&&) noexcept;
    Store& operator=(Store&&) noexcept;
    ~Store();

    // The URL as given (a PG: string may contain a password; StoreInfo::url hides it).
    const std::string& url() const noexcept { return url_; }
    bool is_postgis() const noexcept;
    int schema_version() const noexcept { return version_; }
    StoreInfo info();

    // The OGR layer of one table; throws StoreError if it does not exist.
    OGRLayer& layer(const std::string& table);
    GDALDataset& dataset() { return *ds_; }

private:
    Store(std::string url, DatasetPtr ds, int version);
    friend class Transaction;
    std::string url_;
    DatasetPtr ds_;
    int version_ = 0;
    bool in_transaction_ = false;
};

}  // namespace frontmap::layers
