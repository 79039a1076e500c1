#include "render/chart.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <tuple>

#include <fmt/format.h>

#include "geo/error.hpp"
#include "layers/control.hpp"
#include "render/cairo_canvas.hpp"
#include "render/canvas.hpp"
#include "render/svg_canvas.hpp"

namespace frontmap::render {

namespace {

const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

// A "nice" tick step (1, 2, 2.5 or 5 times a power of ten) giving about `target` ticks.
double nice_step(double span, int target) {
    if (span <= 0) return 1;
    const double raw = span / target;
    const double p = std::pow(10.0, std::floor(std::log10(raw)));
    for (double m : {1.0, 2.0, 2.5, 5.0, 10.0}) {
        if (m * p >= raw) return m * p;
    }
    return 10 * p;
}

std::string thousands(double v, int decimals) {
    std::string s = fmt::format("{:.{}f}", std::abs(v), decimals);
    const auto dot = s.find('.');
    std::string head = s.substr(0, dot), tail = dot == std::string::npos ? "" : s.substr(dot);
    std::string out;
    for (std::size_t i = 0; i < head.size(); ++i) {
        if (i > 0 && (head.size() - i) % 3 == 0) out += "\u202f";  // narrow no-break space
        out += head[i];
    }
    return fmt::format("{}{}{}", v < 0 ? "\u2212" : "", out, tail);
}

const Color kSeries[] = {{0.80, 0.13, 0.13, 1}, {0.12, 0.35, 0.75, 1}, {0.15, 0.55, 0.25, 1},
                         {0.55, 0.25, 0.65, 1}, {0.85, 0.50, 0.05, 1}, {0.30, 0.30, 0.30, 1}};

void draw_chart(Canvas& c, const std::vector<layers::AreaRow>& rows, const ChartOptions& o) {
    const Color ink{0.13, 0.13, 0.13, 1}, grid{0.85, 0.85, 0.85, 1}, muted{0.45, 0.45, 0.45, 1};
    TextStyle title_style;
    title_style.size = 20;
    title_style.bold = true;
    title_style.color = ink;
    TextStyle label;
    label.size = 12;
    label.color = ink;
    TextStyle small = label;
    small.size = 11;
    small.color = muted;

    const double W = c.width(), H = c.height();
    Path bg;
    bg.add_rect(0, 0, W, H);
    c.fill(bg, {1, 1, 1, 1});

    const std::string first = rows.front().date, last = rows.back().date;
    const int days = std::max(1, layers::days_between(first, last));
    const std::string title =
        o.title.empty() ? fmt::format("Assessed area, {} \u2013 {}", first, last) : o.title;
    c.text(20, 14, title, title_style);

    // Series in first-seen order.
    std::vector<std::tuple<std::string, std::string, std::string>> series;
    for (const auto& r : rows) {
        const auto key = std::make_tuple(r.source, r.party, r.kind);
        if (std::find(series.begin(), series.end(), key) == series.end()) series.push_back(key);
    }
    double lo = 1e300, hi = -1e300, chg = 0;
    for (const auto& r : rows) {
        lo = std::min(lo, r.area_km2);
        hi = std::max(hi, r.area_km2);
        if (r.change_km2) chg = std::max(chg, std::abs(*r.change_km2));
    }
    if (hi - lo < 1e-9) {
        lo -= 1;
        hi += 1;
    }
    const double ystep = nice_step(hi - lo, 6);
    lo = std::floor(lo / ystep) * ystep;
    hi = std::ceil(hi / ystep) * ystep;
    const int decimals = ystep < 1 ? 1 : 0;
    double label_w = 0;
    for (double v = lo; v <= hi + ystep / 2; v += ystep) label_w = std::max(label_w, c.measure(thousands(v, decimals), label).width);

    const double left = 30 + label_w + 20, right = W - 30;
    const double top = 80, bottom_area = top + (H - top - 70) * 0.68;
    const double top_chg = bottom_area + 40, bottom = H - 60;
    auto x_of = [&](const std::string& d) { return left + (right - left) * layers::days_between(first, d) / days; };
    auto y_of = [&](double v) { return bottom_area - (bottom_area - top) * (v - lo) / (hi - lo); };

    // Units.
    c.text(20, top - 30, "km\u00b2 (equal-area)", small);

    // Horizontal grid and y labels.
    for (double v = lo; v <= hi + ystep / 2; v += ystep) {
        Path g;
        g.add_polyline({{left, y_of(v)}, {right, y_of(v)}}, false);
        c.stroke(g, {grid, 1, {}, false});
        const std::string t = thousands(v, decimals);
        const TextBox b = c.measure(t, label);
        c.text(left - 8 - b.width, y_of(v) - b.height / 2, t, label);
    }

    // Date ticks: months for long ranges, weeks (Mondays not needed: every 7 days) otherwise.
    c.begin_group("x-axis");
    std::vector<std::string> ticks;
    if (days > 62) {
        for (int i = 0; i <= days; ++i) {
            const std::string d = layers::add_days(first, i);
            if (d.substr(8) == "01") ticks.push_back(d);
        }
    } else {
        const int every = days > 20 ? 7 : (days > 8 ? 2 : 1);
        for (int i = 0; i <= days; i += every) ticks.push_back(layers::add_days(first, i));
    }
    for (const auto& d : ticks) {
        const double x = x_of(d);
        for (const auto& [y0, y1] : {std::pair{top, bottom_area}, std::pair{top_chg, bottom}}) {
            Path g;
            g.add_polyline({{x, y0}, {x, y1}}, false);
            c.stroke(g, {grid, 1, {}, false});
        }
        const int month = std::stoi(d.substr(5, 2));
        const std::string t = days > 62 ? fmt::format("{} {}", kMonths[month - 1], d.substr(0, 4))
                                        : fmt::format("{} {}", std::stoi(d.substr(8)), kMonths[month - 1]);
        const TextBox b = c.measure(t, label);
        c.text(x - b.width / 2, bottom + 8, t, label);
    }
    c.end_group();

    // Axes.
    for (const auto& [y0, y1] : {std::pair{top, bottom_area}, std::pair{top_chg, bottom}}) {
        Path a;
        a.add_polyline({{left, y0}, {left, y1}, {right, y1}}, false);
        c.stroke(a, {ink, 1.2, {}, false});
    }

    // Daily change panel.
    const double cstep = nice_step(std::max(chg, 1.0), 2);
    const double cmax = std::ceil(std::max(chg, 1.0) / cstep) * cstep;
    const double zero = (top_chg + bottom) / 2;
    auto yc = [&](double v) { return zero - (bottom - top_chg) / 2 * v / cmax; };
    c.text(20, top_chg - 22, "daily change, km\u00b2", small);
    for (double v : {-cmax, 0.0, cmax}) {
        const std::string t = v == 0 ? std::string("0") : fmt::format("{}{}", v > 0 ? "+" : "", thousands(v, cstep < 1 ? 1 : 0));
        const TextBox b = c.measure(t, label);
        c.text(left - 8 - b.width, yc(v) - b.height / 2, t, label);
        Path g;
        g.add_polyline({{left, yc(v)}, {right, yc(v)}}, false);
        c.stroke(g, {v == 0 ? muted : grid, 1, {}, false});
    }
    const double bar = std::max(1.0, (right - left) / (days + 1) * 0.7);

    // Lines, carried-forward markers, change bars; legend entries.
    double lx = left;
    for (std::size_t s = 0; s < series.size(); ++s) {
        const Color col = kSeries[s % std::size(kSeries)];
        const auto& [source, party, kind] = series[s];
        c.begin_group(fmt::format("series-{}", s), fmt::format("{} {} ({})", party, kind, source));
        std::vector<Pt> pts;
        Path carried;
        for (const auto& r : rows) {
            if (std::make_tuple(r.source, r.party, r.kind) != series[s]) continue;
            const Pt p{x_of(r.date), y_of(r.area_km2)};
            pts.push_back(p);
            if (r.carried_forward) carried.add_circle(p.x, p.y, 3.5, 16);
            if (r.change_km2 && *r.change_km2 != 0) {
                Path b;
                const double y0 = yc(0), y1 = yc(*r.change_km2);
                b.add_rect(p.x - bar / 2, std::min(y0, y1), bar, std::abs(y1 - y0));
                c.fill(b, {col.r, col.g, col.b, 0.75});
            }
        }
        Path line;
        line.add_polyline(pts, false);
        c.stroke(line, {col, 2, {}, true});
        if (!carried.empty()) {
            c.fill(carried, {1, 1, 1, 1});
            c.stroke(carried, {col, 1.2, {}, true});
        }
        c.end_group();
        // Legend above the plot.
        const std::string name = fmt::format("{} ({})", party, source);
        Path key;
        key.add_polyline({{lx, top - 12}, {lx + 24, top - 12}}, false);
        c.stroke(key, {col, 2, {}, true});
        c.text(lx + 30, top - 12 - c.measure(name, label).height / 2, name, label);
        lx += 30 + c.measure(name, label).width + 24;
    }
    bool any_carried = std::any_of(rows.begin(), rows.end(), [](const layers::AreaRow& r) { return r.carried_forward; });
    if (any_carried) {
        Path m;
        m.add_circle(lx + 6, top - 12, 3.5, 16);
        c.fill(m, {1, 1, 1, 1});
        c.stroke(m, {muted, 1.2, {}, true});
        const std::string t = "no new polygon that day (carried forward)";
        c.text(lx + 16, top - 12 - c.measure(t, small).height / 2, t, small);
    }
}

}  // namespace

std::string render_area_chart(const std::vector<layers::AreaRow>& rows, const ChartOptions& o,
                              const std::string& format) {
    if (rows.empty()) throw InputError("failed to draw 'chart'", "no control in the store for these dates");
    if (o.width < 200 || o.height < 150 || o.width > 20000 || o.height > 20000)
        throw UsageError("failed to draw 'chart'", "size must be 200x150 to 20000x20000 px");
    const std::string title = o.title.empty() ? "frontmap area chart" : o.title;
    if (format == "png") {
        CairoCanvas canvas(CairoCanvas::Kind::image, o.width, o.height, o.dpi);
        draw_chart(canvas, rows, o);
        return canvas.finish_png(o.dpi, false);
    }
    if (format == "pdf") {
        CairoCanvas canvas(CairoCanvas::Kind::pdf, o.width, o.height, o.dpi, rows.back().date, title);
        draw_chart(canvas, rows, o);
        return canvas.finish_pdf();
    }
    if (format == "svg") {
        SvgCanvas canvas(o.width, o.height, title);
        draw_chart(canvas, rows, o);
        return canvas.finish();
    }
    throw UsageError("failed to draw chart format '" + format + "'", "expected png, svg or pdf");
}

}  // namespace frontmap::render
