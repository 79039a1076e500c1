#pragma once
// Base layers read from base.gpkg (schema: common brief) with OGR spatial filters on the
// canvas's lon/lat box: countries, admin-1 regions, Ukraine's regions (all of them: the
// recognised border and the locator inset need them whole) and the most populous places.

#include <cstdint>
#include <string>
#include <vector>

#include "geo/mapdata.hpp"
#include "render/projection.hpp"

namespace frontmap::render {

struct BaseRegion {
    std::string iso;   // iso_3166_2 for regions, iso_a2 for countries
    std::string name;
    MultiPolygon geom;
};

struct BasePlace {
    std::int64_t geonames_id = 0;
    std::string name, name_uk, name_ru;
    std::string country;
    LonLat pos;
    std::int64_t population = 0;
};

struct BaseData {
    std::vector<BaseRegion> countries;   // intersecting the box
    std::vector<BaseRegion> admin1;      // intersecting the box, not Ukrainian
    std::vector<BaseRegion> ukraine;     // every admin-1 row whose iso_3166_2 starts with UA-
    MultiPolygon ukraine_union;          // their union: Ukraine in its recognised border (computed
                                         // once here, reused by every map a build draws)
    std::vector<BasePlace> places;       // the most populous in the box, population descending
};

struct BaseQuery {
    Extent box;
    int max_places = 300;
    std::int64_t min_population = 0;
    std::string lang = "en";  // en | uk | ru: whether to look up Cyrillic names
};

// Throws InputError when the file is missing or not a base GeoPackage (hint: run data/fetch).
BaseData load_base(const std::string& path, const BaseQuery& query);

// Which of a place's Cyrillic variants is Ukrainian and which Russian: by letters only one of
// the two alphabets has (ї є ґ / ы э ъ ё). Returns 'u', 'r', 'c' (Cyrillic either could write)
// or 0 (not Cyrillic, or another Cyrillic language such as Belarusian).
char cyrillic_language(const std::string& utf8);

}  // namespace frontmap::render
