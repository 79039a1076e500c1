#include "render/map.hpp"

#include <algorithm>
#include <cctype>

#include "geo/context.hpp"
#include "geo/error.hpp"
#include "render/cairo_canvas.hpp"
#include "render/draw.hpp"
#include "render/geometry.hpp"
#include "render/output.hpp"
#include "render/svg_canvas.hpp"

namespace frontmap::render {

Format format_of(const std::filesystem::path& path) {
    std::string ext = path.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
    if (ext == ".png") return Format::png;
    if (ext == ".svg") return Format::svg;
    if (ext == ".pdf") return Format::pdf;
    throw UsageError("failed to choose a format for '" + path.string() + "'", "unknown extension '" + ext + "'",
                     "name the output .png, .svg or .pdf");
}

void check_options(const MapOptions& o) {
    constexpr int kMax = 20000;
    if (o.width < 1 || o.height < 1 || o.width > kMax || o.height > kMax) {
        throw UsageError("failed to use size '" + std::to_string(o.width) + "x" + std::to_string(o.height) + "'",
                         "each side must be between 1 and " + std::to_string(kMax) + " px");
    }
    if (!(o.dpi >= 10 && o.dpi <= 2400)) {
        throw UsageError("failed to use dpi '" + std::to_string(o.dpi) + "'", "must be between 10 and 2400");
    }
    if (o.lang != "en" && o.lang != "uk" && o.lang != "ru") {
        throw UsageError("failed to use language '" + o.lang + "'", "must be en, uk or ru");
    }
    check_extent(o.extent);
}

namespace {

GeoContext& thread_geo() {
    thread_local GeoContext ctx;
    return ctx;
}

// The statuses the legend lists: those of the map's data that reach the canvas (`canvas`: its
// lon/lat bounds). The snapshot keeps areas somewhat beyond the extent (Crimea on a map of the
// east); an area off the canvas has no legend entry.
std::vector<Status> statuses_present(const MapData& data, const Extent& canvas) {
    std::vector<Status> out;
    auto add = [&](Status s) {
        if (std::find(out.begin(), out.end(), s) == out.end()) out.push_back(s);
    };
    for (const auto& l : data.control) add(control_status(l));
    for (const auto& a : data.areas) {
        if (!bounds_of(a.area).intersects(canvas)) continue;
        add(a.status);
        if (a.held_part) add(held_status(a.held_by));
    }
    for (const auto& s : data.settlements) {
        if (s.status) add(*s.status);
    }
    return out;
}

void draw_map(Canvas& canvas, const MapData& data, const BaseData& base, const MapOptions& o) {
    GeoContext& geo = thread_geo();
    Projection proj(geo, o.crs, o.extent, o.width, o.height);
    DrawContext dc(geo, canvas, proj, o.style);
    dc.lang = o.lang;
    dc.title = o.title.empty() ? "Control of territory, " + data.date : o.title;
    dc.present = statuses_present(data, proj.canvas_bounds());

    const MultiPolygon& ukraine = base.ukraine_union;  // computed once by load_base
    dc.ukraine = project_polygons(ukraine, proj, dc.base_simplify_px);
    MultiPolygon assessed;
    for (const auto& l : data.control) {
        if (l.party == "RU" && l.kind == "assessed") assessed.insert(assessed.end(), l.area.begin(), l.area.end());
    }
    for (const auto& a : data.areas) {
        if (a.status == Status::assessed_ru || a.status == Status::held_ru_before_2022)
            assessed.insert(assessed.end(), a.area.begin(), a.area.end());
    }
    // Parts of the assessed boundary within ~2 km (at least 3 px) of the border or coast are
    // the border, not the front.
    const double margin_px = std::max(3.0, 2000 / proj.metres_per_px_at_centre());
    const Path front = front_line(geo, assessed, ukraine, proj, dc.simplify_px, margin_px);
    dc.front_line_drawn = !front.empty();

    Furniture f;
    if (o.furniture) f = layout_furniture(dc, data);

    draw_base(dc, base, ukraine, o.transparent);
    draw_control(dc, data);
    draw_areas(dc, data);
    draw_oblast_borders(dc, base);
    draw_ua_border(dc, ukraine);
    draw_front_line(dc, front);
    const auto places = places_to_draw(dc, data, base);
    draw_markers(dc, places);
    draw_labels(dc, places);
    if (o.furniture) {
        draw_legend(dc, f);
        draw_scalebar(dc, f);
        draw_north_arrow(dc, f);
        draw_inset(dc, ukraine, f);
        draw_titles(dc, data, f);
    }
}

}  // namespace

Extent base_query_box(const MapOptions& o) {
    Projection proj(thread_geo(), o.crs, o.extent, o.width, o.height);
    return proj.canvas_bounds();
}

std::string render_map(const MapData& data, const BaseData& base, const MapOptions& o, Format format) {
    check_options(o);
    const std::string title = o.title.empty() ? "Control of territory, " + data.date : o.title;
    switch (format) {
        case Format::png: {
            CairoCanvas canvas(CairoCanvas::Kind::image, o.width, o.height, o.dpi);
            draw_map(canvas, data, base, o);
            return canvas.finish_png(o.dpi, o.transparent);
        }
        case Format::pdf: {
            CairoCanvas canvas(CairoCanvas::Kind::pdf, o.width, o.height, o.dpi, data.date, title);
            draw_map(canvas, data, base, o);
            return canvas.finish_pdf();
        }
        case Format::svg: {
            SvgCanvas canvas(o.width, o.height, title);
            draw_map(canvas, data, base, o);
            return canvas.finish();
        }
    }
    return {};
}

void render_map_file(const MapData& data, const BaseData& base, const MapOptions& options,
                     const std::filesystem::path& path) {
    const Format format = format_of(path);
    check_writable(path);
    const std::string bytes = render_map(data, base, options, format);
    write_file_atomic(path, bytes);
}

}  // namespace frontmap::render
