#pragma once
// Output files: PNG encoding with libpng (DPI in pHYs, fast compression: Cairo's own writer
// records no DPI and compresses slowly) and atomic writes (temporary file in the same folder,
// then rename, so an interrupted render leaves no partial file).

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include <cairo.h>

namespace frontmap::render {

// Encodes a finished CAIRO_FORMAT_ARGB32 image surface. `alpha`: keep transparency (RGBA),
// else RGB. Deterministic: no time chunk, fixed compression settings.
std::string encode_png(cairo_surface_t* image, double dpi, bool alpha);

// Writes `bytes` to `path` through a temporary file in the same folder and a rename.
// Throws Error "failed to write '<path>'" with the system's reason; leaves nothing behind.
void write_file_atomic(const std::filesystem::path& path, std::string_view bytes);

// Checks up front that `path`'s folder exists and is writable (UsageError-free: Error).
void check_writable(const std::filesystem::path& path);

}  // namespace frontmap::render
