#include "layers/ingest.hpp"

#include <cstddef>
#include <cstdint>

// GDAL exports CPL_SHA256 with C linkage but Debian's libgdal-dev does not ship cpl_sha256.h;
// this is its declaration (GDAL port/cpl_sha256.h).
extern "C" void CPL_SHA256(const void* data, std::size_t len, unsigned char digest[32]);

namespace frontmap::layers {

std::string sha256_hex(std::string_view bytes) {
    unsigned char digest[32];
    CPL_SHA256(bytes.data(), bytes.size(), digest);
    static const char* kHex = "0123456789abcdef";
    std::string out;
    out.reserve(64);
    for (unsigned char b : digest) {
        out.push_back(kHex[b >> 4]);
        out.push_back(kHex[b & 15]);
    }
    return out;
}

}  // namespace frontmap::layers
