#pragma once
// Import of control polygons (issue 4, `frontmap import`): any OGR-readable polygon source
// (GeoJSON, GeoPackage, Shapefile, KML...) is reprojected to WGS84 (traditional lon/lat order),
// its polygons merged into one MultiPolygon per file and repaired with GEOSMakeValid, and stored
// as one row of the store's `control` table (party, kind, valid_from, source).
//
// - A directory imports every vector file in it (by extension, sorted by name, not recursive).
// - The date is given (`date`) or read from each file name (`date_pattern`, strftime-like:
//   %Y %m %d, and `*` for any text), e.g. 'deepstatemap_data_%Y%m%d.geojson'.
// - Re-importing the same source and date replaces the earlier rows, never duplicates them
//   (several files of one call for the same source and date are all kept).
// - The whole call is one transaction. Every file is read and checked before anything is
//   written: a file that cannot be read, holds no polygon, or whose name carries no date is an
//   InputError naming the file, and the store is left as it was.

#include <optional>
#include <string>
#include <vector>

#include "layers/dates.hpp"
#include "layers/store.hpp"

namespace frontmap::layers {

struct ImportOptions {
    std::string party = "RU";
    std::string kind = "assessed";             // "assessed" | "claimed"
    std::string source;                        // e.g. "deepstate"
    std::optional<std::string> date;           // YYYY-MM-DD for every file
    std::optional<std::string> date_pattern;   // or a date read from each file's name
};

struct ImportedFile {
    std::string path;
    std::string valid_from;
    int polygons = 0;        // polygons in the stored MultiPolygon
    bool repaired = false;   // the input was invalid and GEOSMakeValid changed it
};

struct ImportReport {
    std::vector<ImportedFile> files;
    int replaced_rows = 0;   // rows of earlier imports (same source and date) removed
};

// Every input read, reprojected, merged and repaired, not yet written (WKB, WGS84 MultiPolygon).
struct PreparedFile {
    std::string path;
    std::string valid_from;
    std::vector<unsigned char> wkb;
    int polygons = 0;
    bool repaired = false;
};
struct PreparedImport {
    ImportOptions options;
    std::vector<PreparedFile> files;
};

// Reads and checks every input (no store needed: the CLI reads before it opens or creates the
// store, so bad input leaves no store behind). Throws UsageError for bad options, InputError
// naming the file for bad files.
PreparedImport prepare_control_import(const std::vector<std::string>& inputs, const ImportOptions& options);
// Writes a prepared import in one transaction (replacing rows of the same source and date).
// Throws StoreError; the store is then left as it was.
ImportReport write_control_import(Store& store, const PreparedImport& prepared);
// Both in turn.
ImportReport import_control(Store& store, const std::vector<std::string>& inputs, const ImportOptions& options);

// Checks the options alone (what the CLI validates before opening anything).
void check_import_options(const ImportOptions& options);

// --- dates (YYYY-MM-DD, proleptic Gregorian): layers/dates.hpp --------------------------------
// The date a file name carries according to `pattern` (see above), or nullopt when the name
// does not match or the date it spells does not exist.
std::optional<std::string> date_from_name(const std::string& pattern, const std::string& file_name);

}  // namespace frontmap::layers
