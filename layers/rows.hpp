#pragma once
// What a snapshot of the store reads (layers/snapshot.hpp), behind one interface with two
// implementations:
//   - GeoPackage stores through SQLite directly (layers/rows_gpkg.cpp). It needs no GDAL, so
//     `frontmap render` from a GeoPackage store runs in a module that never loads GDAL's ~110
//     libraries (cli/main.cpp), and no OGR dataset open (~20 ms per file) precedes a map.
//   - PostGIS stores through OGR (layers/rows_ogr.cpp).
// Both return the same rows for the same data: tests/layers/test_control_pg.cpp compares a
// GeoPackage store with a PostGIS one date by date.

#include <cmath>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "geo/mapdata.hpp"

namespace frontmap::layers {

class Store;

// The schema version this frontmap writes (layers/migrations.cpp has one migration per version;
// tests check that the last one is this).
inline constexpr int schema_version_latest = 4;

struct ControlCatalogRow {
    std::int64_t fid = 0;
    std::string source, party, kind, valid_from, valid_to;
};

struct ClaimRow {
    std::string article, place_key, actor, stance, part, claim_date, attributed_to, evidence;
    std::int64_t evidence_start = 0, evidence_end = 0;
    double confidence = 0;
};

struct PlaceRow {
    std::string key, name, kind, iso, country;
    std::int64_t geonames_id = 0, population = 0;
    LonLat pos{NAN, NAN};            // the stored lat/lon (NaN when not stored)
    std::vector<unsigned char> wkb;  // point or polygon, ISO WKB; empty when none
};

struct ArticleRow {
    std::string title, source, url, file, published;  // "file": schema 4 on
};

class StoreRows {
public:
    virtual ~StoreRows() = default;
    // Every control row's key (no geometry), in any order.
    virtual std::vector<ControlCatalogRow> control_catalog() = 0;
    // One control row's geometry as WKB (empty for an empty geometry); a row that vanished
    // throws StoreError.
    virtual std::vector<unsigned char> control_wkb(std::int64_t fid) = 0;
    // Claims with after < claim_date <= until, in any order.
    virtual std::vector<ClaimRow> claims_between(const std::string& after, const std::string& until) = 0;
    virtual std::optional<PlaceRow> place(const std::string& place_key) = 0;
    virtual std::optional<ArticleRow> article(const std::string& sha256) = 0;
};

// A GeoPackage store, read-only through SQLite (no GDAL). The same checks as Store::open in
// read-only mode: a missing, damaged, foreign or newer store is a StoreError.
std::unique_ptr<StoreRows> open_gpkg_rows(const std::string& path);

// The rows of an open store: a GeoPackage through SQLite (as above, on its file), PostGIS
// through the Store's OGR dataset (which must outlive the rows).
std::unique_ptr<StoreRows> store_rows(Store& store);

// The rows of an open store through OGR, whatever its driver (tests compare both readers on
// one GeoPackage).
std::unique_ptr<StoreRows> ogr_rows(Store& store);

// The rows of any store URL, opened read-only (layers/rows_ogr.cpp: needs GDAL).
std::unique_ptr<StoreRows> open_store_rows(const std::string& url);

// A connection string GDAL's PostgreSQL driver takes ("PG:..."), as opposed to a file path.
// Inline: the launcher (cli/main.cpp) routes on it without linking layers/.
inline bool is_pg_url(const std::string& url) {
    return url.size() >= 3 && (url[0] == 'P' || url[0] == 'p') && (url[1] == 'G' || url[1] == 'g') && url[2] == ':';
}

namespace detail {
// A store's recorded schema version (the largest in schema_version) must be one this frontmap
// knows: an empty table or a newer version is a StoreError beginning with `what`.
void check_schema_version(int version, const std::string& what);
// Structural checks of an existing store file before SQLite sees it (an empty, truncated or
// non-SQLite file). Throws StoreError beginning with `what`.
void check_sqlite_file(const std::string& path, const std::string& what);
}  // namespace detail

}  // namespace frontmap::layers
