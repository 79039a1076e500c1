#pragma once
// Area over time and change between two dates (issue 5: `frontmap stats`, `frontmap diff`),
// computed from the same control snapshots as the maps (layers/snapshot.hpp). Every km² comes
// from frontmap::area_km2 (Lambert azimuthal equal-area on the WGS84 ellipsoid, centred on the
// geometry).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "geo/geometry.hpp"
#include "geo/mapdata.hpp"
#include "layers/store.hpp"

namespace frontmap::layers {

// ---- stats -----------------------------------------------------------------------------------

struct StatsOptions {
    std::string from;                   // YYYY-MM-DD, inclusive
    std::string to;                     // YYYY-MM-DD, inclusive
    std::optional<std::string> source;  // only this control source
    std::optional<std::string> party;   // only this party
    std::string kind = "assessed";      // "assessed" | "claimed"
};

// One control series (source, party, kind) on one day.
struct AreaRow {
    std::string date;
    std::string source, party, kind;
    std::string valid_from;            // the stored polygon used (carried forward when < date)
    int age_days = 0;                  // date - valid_from
    bool carried_forward = false;      // age_days > 0: no new polygon that day
    double area_km2 = 0;
    std::optional<double> change_km2;  // against the previous day of the same series (none on its first day)
};

// Rows ordered by date, then source, party, kind. Days on which a series has no polygon yet
// have no row. Areas are computed once per stored polygon set (carry-forward days reuse them).
// Throws UsageError for bad dates or from > to.
std::vector<AreaRow> area_series(Store& store, const StatsOptions& options);

// ---- diff ------------------------------------------------------------------------------------

struct DiffOptions {
    std::string from, to;
    std::optional<std::string> source;
    std::string kind = "assessed";
    std::optional<Extent> extent;      // clip both snapshots to this box first
    std::string base;                  // base.gpkg: settlements inside gains/losses ("" = none)
    std::int64_t min_population = 0;   // settlements listed from the base data
};

// One control series between the two dates: what it covers at `to` and not at `from` (gained)
// and the reverse (lost). gained - lost == area_to - area_from up to numerical noise.
struct SeriesChange {
    std::string source, party, kind;
    std::string from_valid_from, to_valid_from;  // stored polygons used ("" when none yet)
    double area_from_km2 = 0, area_to_km2 = 0;
    double gained_km2 = 0, lost_km2 = 0;
    MultiPolygon gained, lost;  // lon/lat, for the change map
};

// A settlement (GeoNames, from the base data) inside a gained or lost area of a series.
struct PlaceChange {
    std::int64_t geonames_id = 0;
    std::string name;
    LonLat pos;
    std::int64_t population = 0;
    std::string source, party;
    std::string change;  // "gained" | "lost" (by `party`)
};

struct ChangeReport {
    std::string from, to;
    std::vector<SeriesChange> series;
    std::vector<PlaceChange> places;  // ordered by population (desc), then name
};

ChangeReport compute_change(Store& store, const DiffOptions& options);

// Checks dates and order (UsageError), shared by both commands.
void check_date_range(const std::string& from, const std::string& to);

}  // namespace frontmap::layers
