#pragma once
// What a map for one date shows, as plain data (no library handles): the contract between the
// snapshot/areas side (layers/control, geo/areas: who produces it) and the renderer (render/:
// who draws it). Coordinates are WGS84 longitude/latitude degrees. Rings are closed or not
// (the renderer closes them); the first ring of a Polygon is the exterior, the rest are holes.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace frontmap {

struct LonLat {
    double lon = 0;
    double lat = 0;
};
using Ring = std::vector<LonLat>;
struct Polygon {
    std::vector<Ring> rings;
};
using MultiPolygon = std::vector<Polygon>;

// Each status has one style and one legend entry (DESIGN, "A map for date D", step 3; ISW
// convention: tiers are never merged).
enum class Status {
    assessed_ru,         // assessed Russian control (fill)
    held_ru_before_2022, // Crimea, parts of Donetsk and Luhansk held before 24 Feb 2022 (darker fill)
    claimed_ru,          // Russian claim not confirmed by assessed control (hatch)
    disputed,            // one side claims, the other denies or holds part (cross-hatch)
    contested,           // fighting reported
    advance_ua,          // Ukrainian advance (blue hatch)
    held_ua,             // Ukraine holds (explicitly reported)
    held_ru,             // Russia holds (explicitly reported: a part held by Russia)
};
const char* status_name(Status s);  // "assessed_ru", ... (stable identifiers, used in SVG ids)

// One control source's polygon valid on the map date (latest valid_from <= date).
struct ControlLayer {
    std::string source;      // e.g. "deepstate"
    std::string party;       // "RU"
    std::string kind;        // "assessed" | "claimed"
    std::string valid_from;  // YYYY-MM-DD of the polygon used
    int age_days = 0;        // map date - valid_from (0 when current)
    MultiPolygon area;
};

struct ClaimSummary {
    std::string actor;          // "RU" | "UA"
    std::string stance;         // claims_control, denies_control, holds, holds_part, advancing, contested
    std::string part;           // "" or north, south-east, centre, "70%", ...
    std::string claim_date;     // YYYY-MM-DD
    std::string attributed_to;  // "Russia's Ministry of Defence"
    std::string source;         // the article: its title, else source, else URL, else file name
    std::string evidence;       // the evidence sentence
};

// A claimed, disputed, contested... place turned into an area (footprint or Voronoi cell,
// split by a held part where one is reported).
struct ClaimArea {
    std::string place_key;  // "gn:704422"
    std::string name;
    Status status = Status::claimed_ru;
    MultiPolygon area;                  // the whole area with this status
    std::optional<MultiPolygon> held_part;  // the part held by one side (holds_part), if any
    std::string held_by;                // the party holding `held_part` ("UA" | "RU"), from the holds_part claim
    // The settlement's point, for areas built around one (footprint or Voronoi cell): the centre
    // about which the renderer may enlarge a small area (cartographic generalisation); none
    // for regions and control records, which are drawn as they are.
    std::optional<LonLat> centre;
    std::vector<ClaimSummary> claims;   // what the SVG <title> shows
};

// The status a held part is drawn with: the colour of the party holding it.
Status held_status(const std::string& party);

struct Settlement {
    std::int64_t geonames_id = 0;
    std::string name;     // English/Latin
    std::string name_uk;  // may be empty
    std::string name_ru;  // may be empty
    LonLat pos;
    std::int64_t population = 0;
    std::optional<Status> status;  // colours the marker; disputed → split red/blue marker
    int priority = 0;              // higher labels first (places with claims above population)
};

struct MapData {
    std::string date;   // YYYY-MM-DD
    std::vector<ControlLayer> control;
    std::vector<ClaimArea> areas;
    std::vector<Settlement> settlements;  // claimed places; the renderer adds base places itself
    std::vector<std::string> sources;     // control sources and articles used (for the sources line)
};

}  // namespace frontmap
