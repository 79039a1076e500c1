#pragma once
// GeoPackage geometries read without GDAL (OGC 12-128r18, section 2.1.3): the blob is a small
// header ("GP", version, flags, srs_id, optional envelope) followed by standard WKB. Used with
// geo/sqlite.hpp by the read-only paths of a map: the store's snapshot and base.gpkg.

#include <optional>
#include <span>
#include <string>

#include "geo/mapdata.hpp"
#include "geo/sqlite.hpp"

namespace frontmap::gpkg {

// The WKB part of a GeoPackage geometry blob; empty for a NULL or empty geometry. A blob that
// is not a GeoPackage geometry throws InputError naming `what`.
std::span<const unsigned char> wkb_of(std::span<const unsigned char> blob, const std::string& what);

// The polygons of WKB (ISO or OGC; XY, Z, M or ZM; Polygon, MultiPolygon or a collection of
// them). Other geometry types give nothing; malformed WKB throws InputError naming `what`.
MultiPolygon polygons_of(std::span<const unsigned char> wkb, const std::string& what);

// A WKB point, or nothing for another type.
std::optional<LonLat> point_of(std::span<const unsigned char> wkb, const std::string& what);

// A table's geometry column as gpkg_geometry_columns records it ("geom", "geometry"), or ""
// for a table without geometry.
std::string geometry_column(const sqlite::Db& db, const std::string& table);

// The R-tree of a table's geometry column ("rtree_places_geom") when the file has it, else "".
std::string rtree_of(const sqlite::Db& db, const std::string& table, const std::string& column);

}  // namespace frontmap::gpkg
