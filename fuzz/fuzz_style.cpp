// libFuzzer target for the style parser (STYLE 11): any bytes given as a style file must give
// either a style or an InputError naming the key, never a crash or an out-of-range value.

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "geo/error.hpp"
#include "render/style.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace frontmap::render;
    Style style = default_style(Palette::default_);
    try {
        apply_style_json(style, std::string(reinterpret_cast<const char*>(data), size), "fuzz.json");
    } catch (const frontmap::Error&) {
        return 0;
    }
    // Whatever was accepted must be usable: finite, non-negative sizes.
    if (!std::isfinite(style.label_size) || style.label_size <= 0 || !std::isfinite(style.halo_width) ||
        style.halo_width < 0)
        std::abort();
    return 0;
}
