#pragma once
// Owners for the C handles of the geo layer: PROJ and GEOS (reentrant API only).
// Cairo/Pango owners live in render/handles.hpp, OGR/GDAL ones in layers/handles.hpp,
// so that geo does not depend on the libraries above it.

#include <memory>

#include <geos_c.h>
#include <proj.h>

namespace frontmap {

struct PjDeleter {
    void operator()(PJ* p) const noexcept { proj_destroy(p); }
};
using PjPtr = std::unique_ptr<PJ, PjDeleter>;

struct PjContextDeleter {
    void operator()(PJ_CONTEXT* c) const noexcept { proj_context_destroy(c); }
};
using PjContextPtr = std::unique_ptr<PJ_CONTEXT, PjContextDeleter>;

// A GEOS geometry remembers the context that made it, since GEOSGeom_destroy_r needs it.
struct GeosGeomDeleter {
    GEOSContextHandle_t ctx = nullptr;
    void operator()(GEOSGeometry* g) const noexcept {
        if (g != nullptr) GEOSGeom_destroy_r(ctx, g);
    }
};
using GeosGeomPtr = std::unique_ptr<GEOSGeometry, GeosGeomDeleter>;

struct GeosPreparedDeleter {
    GEOSContextHandle_t ctx = nullptr;
    void operator()(const GEOSPreparedGeometry* g) const noexcept {
        if (g != nullptr) GEOSPreparedGeom_destroy_r(ctx, g);
    }
};
using GeosPreparedPtr = std::unique_ptr<const GEOSPreparedGeometry, GeosPreparedDeleter>;

}  // namespace frontmap
