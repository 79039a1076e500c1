#pragma once
// A map for one date, end to end: MapData (the snapshot/areas side's product) plus base layers,
// drawn through one Canvas in map order, encoded as PNG, SVG or PDF, written atomically.

#include <filesystem>
#include <string>

#include "geo/mapdata.hpp"
#include "render/base_layers.hpp"
#include "render/projection.hpp"
#include "render/style.hpp"

namespace frontmap::render {

enum class Format { png, svg, pdf };
// From the output file's extension (.png, .svg, .pdf, any case); throws UsageError otherwise.
Format format_of(const std::filesystem::path& path);

struct MapOptions {
    Extent extent;          // lon/lat box fitted into the canvas
    std::string crs;        // empty = Lambert conformal conic fitted to the extent
    int width = 1600;
    int height = 1200;
    double dpi = 96;
    std::string title;      // empty = "Control of territory, <date>"
    std::string lang = "en";
    bool transparent = false;
    bool furniture = true;  // title, legend, scale bar, north arrow, inset, sources
    Style style = default_style(Palette::default_);
};

// Checks sizes and values (UsageError): 1..20000 px each side, dpi 10..2400, lang en|uk|ru.
void check_options(const MapOptions& options);

// Draws the map and returns the encoded file's bytes.
std::string render_map(const MapData& data, const BaseData& base, const MapOptions& options, Format format);

// Draws the map and writes it to `path` atomically.
void render_map_file(const MapData& data, const BaseData& base, const MapOptions& options,
                     const std::filesystem::path& path);

// The lon/lat box the base layers must cover for these options (the canvas's bounds).
Extent base_query_box(const MapOptions& options);

}  // namespace frontmap::render
