#pragma once
// Owners for GDAL/OGR handles. Datasets use GDAL's own GDALDatasetUniquePtr.

#include <memory>
#include <string>

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

namespace frontmap::layers {

using DatasetPtr = GDALDatasetUniquePtr;
using FeaturePtr = OGRFeatureUniquePtr;

struct OgrGeometryDeleter {
    void operator()(OGRGeometry* g) const noexcept { OGRGeometryFactory::destroyGeometry(g); }
};
using GeometryPtr = std::unique_ptr<OGRGeometry, OgrGeometryDeleter>;

// Registers GDAL's drivers once (thread-safe) and routes GDAL errors away from stderr so that
// frontmap reports them itself, as one line.
void ensure_gdal();

// A string as an SQL literal ('it''s'), for the SQL both SQLite and PostgreSQL accept.
std::string sql_quote(const std::string& s);

// The last error GDAL reported on this thread, or `fallback` when it reported none.
std::string last_gdal_error(const std::string& fallback);

}  // namespace frontmap::layers
