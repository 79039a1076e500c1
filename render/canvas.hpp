#pragma once
// The one drawing interface of the renderer (STYLE: mapnik keeps Cairo, AGG and SVG renderers
// behind one interface). Coordinates are output pixels, y down. Backends: CairoCanvas (PNG, PDF)
// and SvgCanvas (frontmap's own SVG, where labels stay <text> and hatching is a <pattern>).
// Drawing code under render/draw_*.cpp only ever talks to this interface.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace frontmap::render {

struct Pt {
    double x = 0;
    double y = 0;
};

// A path of subpaths; `closed` subpaths are rings (filled with the even-odd rule, so holes work).
struct SubPath {
    std::vector<Pt> pts;
    bool closed = true;
};
struct Path {
    std::vector<SubPath> subs;
    bool empty() const noexcept { return subs.empty(); }
    void add_rect(double x, double y, double w, double h);
    void add_circle(double cx, double cy, double r, int segments = 24);
    void add_polyline(std::vector<Pt> pts, bool closed);
};

struct Color {
    double r = 0, g = 0, b = 0, a = 1;
    bool visible() const noexcept { return a > 0; }
    std::string hex() const;  // "#rrggbb"
};

struct Stroke {
    Color color;
    double width = 1;
    std::vector<double> dash;  // on/off lengths in px, empty = solid
    bool round = true;         // round joins and caps
};

// Parallel lines (or a grid when `cross`) clipped to the path: Cairo has no hatch fill, so
// both backends draw the same geometry: lines at `angle_deg` counter-clockwise from the x axis,
// `spacing` px apart, `width` px wide, positioned so that line k passes through the rotated
// frame's v = (k + 0.5) * spacing (the SVG <pattern> tile has the same phase).
struct Hatch {
    Color color;
    double angle_deg = 45;
    double spacing = 8;
    double width = 1.5;
    bool cross = false;
};

enum class Align { left, center, right };

struct TextStyle {
    std::string family = "DejaVu Sans";
    double size = 12;  // px (absolute size)
    bool bold = false;
    bool italic = false;
    Color color;
    Color halo{1, 1, 1, 0};  // invisible = no halo
    double halo_width = 0;   // px around the glyphs
};

// The measured box of a single-line text: width, height and the baseline offset from the top.
struct TextBox {
    double width = 0;
    double height = 0;
    double baseline = 0;
};

class Canvas {
public:
    virtual ~Canvas() = default;

    // A named layer or object; `title` becomes an SVG <title> (hover text), ignored by Cairo.
    virtual void begin_group(std::string_view id, std::string_view title = {}) = 0;
    virtual void end_group() = 0;

    virtual void fill(const Path& path, const Color& color) = 0;
    virtual void stroke(const Path& path, const Stroke& stroke) = 0;
    virtual void hatch(const Path& path, const Hatch& hatch) = 0;
    // Restrict drawing to a path until pop_clip (nested clips intersect).
    virtual void push_clip(const Path& path) = 0;
    virtual void pop_clip() = 0;
    // One line of text whose layout box has its top-left corner at (x, y).
    virtual void text(double x, double y, std::string_view utf8, const TextStyle& style) = 0;

    // Text measurement shared by every backend (Pango), so labels are placed identically.
    virtual TextBox measure(std::string_view utf8, const TextStyle& style) = 0;

    int width() const noexcept { return width_; }
    int height() const noexcept { return height_; }

protected:
    Canvas(int width, int height) : width_(width), height_(height) {}
    int width_;
    int height_;
};

}  // namespace frontmap::render
