#include <mutex>
#include <string>

#include <cpl_error.h>

#include "layers/handles.hpp"

namespace frontmap::layers {

namespace {
void CPL_STDCALL quiet_handler(CPLErr, CPLErrorNum, const char*) {
    // GDAL keeps the message for CPLGetLastErrorMsg(); we report it ourselves.
}
}  // namespace

void ensure_gdal() {
    static std::once_flag once;
    std::call_once(once, [] {
        GDALAllRegister();
        CPLSetErrorHandler(quiet_handler);
    });
}

std::string sql_quote(const std::string& s) {
    std::string out = "'";
    for (char c : s) {
        out.push_back(c);
        if (c == '\'') out.push_back('\'');
    }
    out.push_back('\'');
    return out;
}

std::string last_gdal_error(const std::string& fallback) {
    const char* msg = CPLGetLastErrorMsg();
    if (msg == nullptr || *msg == '\0') return fallback;
    return msg;
}

}  // namespace frontmap::layers
