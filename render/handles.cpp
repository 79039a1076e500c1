#include "render/handles.hpp"

#include <string>

#include "geo/error.hpp"

namespace frontmap::render {

void check_cairo(cairo_status_t status, std::string_view what) {
    if (status != CAIRO_STATUS_SUCCESS) {
        throw LibraryError("failed to " + std::string(what), cairo_status_to_string(status));
    }
}

}  // namespace frontmap::render
