// Furniture layout, and the title panel (title, "Data as of D", source ages) and sources line.
#include <algorithm>

#include <fmt/format.h>

#include "render/draw.hpp"

namespace frontmap::render {

namespace {
constexpr double kMargin = 10, kPad = 8;

void panel(DrawContext& dc, const Box& b) {
    Path p;
    p.add_rect(b.x0, b.y0, b.x1 - b.x0, b.y1 - b.y0);
    dc.canvas.fill(p, dc.style.panel);
    dc.canvas.stroke(p, {dc.style.panel_border, 0.8, {}, false});
}

struct TitleLines {
    std::string title;
    std::vector<std::string> lines;
};

TitleLines title_lines(const DrawContext& dc, const MapData& data) {
    TitleLines t;
    t.title = dc.title;
    t.lines.push_back(data_as_of_line(data));
    for (auto& l : source_age_lines(data)) t.lines.push_back(std::move(l));
    return t;
}

// Scales a text style down so `text` fits `max_width`.
TextStyle fitted(Canvas& c, const std::string& text, TextStyle ts, double max_width) {
    double w = c.measure(text, ts).width;
    if (w > max_width && w > 0) ts.size = std::max(5.0, ts.size * max_width / w);
    return ts;
}

}  // namespace

std::string data_as_of_line(const MapData& data) { return "Data as of " + data.date; }

std::vector<std::string> source_age_lines(const MapData& data) {
    std::vector<std::string> out;
    for (const auto& l : data.control) {
        std::string age = l.age_days == 0 ? "current" : l.age_days == 1 ? "1 day old" : fmt::format("{} days old", l.age_days);
        out.push_back(fmt::format("{} ({} {}): polygon of {}, {}", l.source, l.party, l.kind, l.valid_from, age));
    }
    return out;
}

std::string sources_line(const MapData& data) {
    std::vector<std::string> names = data.sources;
    for (const auto& l : data.control) {
        if (std::find(names.begin(), names.end(), l.source) == names.end()) names.push_back(l.source);
    }
    std::string out = "Sources: ";
    for (const auto& n : names) out += n + "; ";
    return out + "GeoNames (CC BY 4.0), Natural Earth";
}

Furniture layout_furniture(DrawContext& dc, const MapData& data) {
    Canvas& c = dc.canvas;
    const Style& s = dc.style;
    const double W = c.width(), H = c.height();
    Furniture f;

    const double sh = s.small_size * 1.3 + 6;
    f.sources = {0, H - sh, W, H};

    TitleLines tl = title_lines(dc, data);
    double tw = 0, th = 0;
    if (!tl.title.empty()) {
        TextBox b = c.measure(tl.title, fitted(c, tl.title, s.title_text(), W * 0.55));
        tw = std::max(tw, b.width), th += b.height + 2;
    }
    for (std::size_t i = 0; i < tl.lines.size(); ++i) {
        TextBox b = c.measure(tl.lines[i], i == 0 ? s.label_text() : s.small_text());
        tw = std::max(tw, b.width), th += b.height + 1;
    }
    f.title = {kMargin, kMargin, kMargin + tw + 2 * kPad, kMargin + th + 2 * kPad};

    const double iw = std::clamp(W * 0.16, 110.0, 260.0), ih = iw * 0.68;
    f.inset = {W - kMargin - iw, kMargin, W - kMargin, kMargin + ih};

    std::vector<Status> legend = legend_statuses(dc);
    const double row = std::max(16.0, s.small_size * 1.6);
    double lw = 0;
    std::size_t rows = legend.size() + 1 + (dc.front_line_drawn ? 1 : 0);  // + border (+ front line)
    for (Status st : legend) lw = std::max(lw, c.measure(s.of(st).label, s.small_text()).width);
    lw = std::max(lw, c.measure("Front line", s.small_text()).width);
    lw = std::max(lw, c.measure("Ukraine's recognised border", s.small_text()).width);
    const double legend_w = 30 + lw + 2 * kPad, legend_h = rows * row + 2 * kPad;
    f.legend = {kMargin, f.sources.y0 - kMargin - legend_h, kMargin + legend_w, f.sources.y0 - kMargin};

    f.scale = {W - kMargin - 170, f.sources.y0 - kMargin - 34, W - kMargin, f.sources.y0 - kMargin};
    f.north = {W - kMargin - 34, f.scale.y0 - 8 - 52, W - kMargin, f.scale.y0 - 8};

    for (const Box& b : {f.title, f.inset, f.legend, f.scale, f.north, f.sources}) dc.furniture.push_back(b);
    return f;
}

void draw_titles(DrawContext& dc, const MapData& data, const Furniture& f) {
    Canvas& c = dc.canvas;
    const Style& s = dc.style;
    TitleLines tl = title_lines(dc, data);
    c.begin_group("title");
    panel(dc, f.title);
    double y = f.title.y0 + kPad;
    if (!tl.title.empty()) {
        TextStyle ts = fitted(c, tl.title, s.title_text(), c.width() * 0.55);
        c.text(f.title.x0 + kPad, y, tl.title, ts);
        y += c.measure(tl.title, ts).height + 2;
    }
    for (std::size_t i = 0; i < tl.lines.size(); ++i) {
        TextStyle ts = i == 0 ? s.label_text() : s.small_text();
        ts.halo_width = 0;
        if (i == 0) ts.bold = true;
        c.text(f.title.x0 + kPad, y, tl.lines[i], ts);
        y += c.measure(tl.lines[i], ts).height + 1;
    }
    c.end_group();

    c.begin_group("sources");
    Path strip;
    strip.add_rect(f.sources.x0, f.sources.y0, f.sources.x1 - f.sources.x0, f.sources.y1 - f.sources.y0);
    c.fill(strip, s.panel);
    const std::string line = sources_line(data);
    TextStyle ts = fitted(c, line, s.small_text(), c.width() - 2 * kMargin);
    TextBox b = c.measure(line, ts);
    c.text(kMargin, f.sources.y0 + (f.sources.y1 - f.sources.y0 - b.height) / 2, line, ts);
    c.end_group();
}

}  // namespace frontmap::render
