#pragma once
// The area-over-time chart of `frontmap stats --chart` (issue 5): assessed area per series per
// day as a line (km²), days whose polygon is carried forward marked, and the daily change as
// bars below, with axes, date ticks, units and a title, drawn on the renderer's Canvas (Cairo for
// PNG and PDF, frontmap's SVG backend for SVG). Deterministic: the same rows give the same bytes.

#include <string>
#include <vector>

#include "layers/timeline.hpp"

namespace frontmap::render {

struct ChartOptions {
    int width = 1200;
    int height = 700;
    double dpi = 96;
    std::string title;  // empty: "Assessed area, FROM – TO"
};

// `format`: "png", "svg" or "pdf". Throws UsageError for another format, InputError when there
// are no rows to draw.
std::string render_area_chart(const std::vector<layers::AreaRow>& rows, const ChartOptions& options,
                              const std::string& format);

}  // namespace frontmap::render
