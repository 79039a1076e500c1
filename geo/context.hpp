#pragma once
// One GeoContext per thread: it owns the GEOS handle and the PROJ context, and turns their
// error messages into our exceptions (STYLE: reentrant C APIs only).

#include <string>
#include <string_view>

#include "geo/handles.hpp"

namespace frontmap {

class GeoContext {
public:
    GeoContext();
    ~GeoContext();
    GeoContext(const GeoContext&) = delete;
    GeoContext& operator=(const GeoContext&) = delete;

    GEOSContextHandle_t geos() const noexcept { return geos_; }
    PJ_CONTEXT* proj() const noexcept { return proj_.get(); }

    // Takes ownership of a GEOS result; a null result is an error carrying GEOS's message.
    GeosGeomPtr own(GEOSGeometry* g, std::string_view operation) const;
    // A GEOS predicate returns 0, 1 or 2 (exception): 2 is an error, never "true".
    bool predicate(char result, std::string_view operation) const;

    // The last message GEOS reported on this context (empty if none).
    const std::string& last_geos_error() const noexcept { return geos_error_; }

private:
    static void on_geos_error(const char* message, void* self);
    GEOSContextHandle_t geos_ = nullptr;
    PjContextPtr proj_;
    std::string geos_error_;
};

}  // namespace frontmap
