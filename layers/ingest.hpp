#pragma once
// Ingest: one article's extraction saved to the store in one transaction (issue 3). The key
// of an article is the SHA-256 of its text, so the same text twice adds nothing.

#include <string>
#include <string_view>

namespace frontmap::layers {

// Lower-case hex SHA-256 of the bytes (GDAL's CPL_SHA256).
std::string sha256_hex(std::string_view bytes);

}  // namespace frontmap::layers
