#include "geo/context.hpp"

#include <string>

#include "geo/error.hpp"

namespace frontmap {

GeoContext::GeoContext() : geos_(GEOS_init_r()), proj_(proj_context_create()) {
    if (geos_ == nullptr) throw LibraryError("failed to start 'GEOS'", "GEOS_init_r returned null");
    if (!proj_) throw LibraryError("failed to start 'PROJ'", "proj_context_create returned null");
    GEOSContext_setErrorMessageHandler_r(geos_, &GeoContext::on_geos_error, this);
    // PROJ logs to stderr by default; we report its errors ourselves.
    proj_log_level(proj_.get(), PJ_LOG_NONE);
}

GeoContext::~GeoContext() { GEOS_finish_r(geos_); }

void GeoContext::on_geos_error(const char* message, void* self) {
    // Called from C: never throw here, only record.
    auto* ctx = static_cast<GeoContext*>(self);
    try {
        ctx->geos_error_ = message != nullptr ? message : "unknown GEOS error";
    } catch (...) {
    }
}

GeosGeomPtr GeoContext::own(GEOSGeometry* g, std::string_view operation) const {
    if (g == nullptr) {
        throw LibraryError("failed to compute '" + std::string(operation) + "'",
                           geos_error_.empty() ? "GEOS returned no geometry" : geos_error_);
    }
    return GeosGeomPtr(g, GeosGeomDeleter{geos_});
}

bool GeoContext::predicate(char result, std::string_view operation) const {
    if (result == 2) {
        throw LibraryError("failed to evaluate '" + std::string(operation) + "'",
                           geos_error_.empty() ? "GEOS predicate failed" : geos_error_);
    }
    return result == 1;
}

}  // namespace frontmap
