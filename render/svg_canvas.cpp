#include "render/svg_canvas.hpp"

#include <cmath>

#include <fmt/format.h>

#include "render/text.hpp"

namespace frontmap::render {

namespace {

// Two decimals, without a trailing ".00" (most coordinates are not round anyway).
void num(std::string& out, double v) {
    if (!std::isfinite(v)) v = 0;
    long long hundredths = std::llround(v * 100);
    if (hundredths < 0) {
        out += '-';
        hundredths = -hundredths;
    }
    fmt::format_to(std::back_inserter(out), "{}", hundredths / 100);
    long long frac = hundredths % 100;
    if (frac != 0) {
        if (frac % 10 == 0) fmt::format_to(std::back_inserter(out), ".{}", frac / 10);
        else fmt::format_to(std::back_inserter(out), ".{:02}", frac);
    }
}

std::string num(double v) {
    std::string s;
    num(s, v);
    return s;
}

void color_attr(std::string& out, const char* name, const Color& c) {
    out += ' ';
    out += name;
    out += "=\"";
    out += c.hex();
    out += '"';
    if (c.a < 1) fmt::format_to(std::back_inserter(out), " {}-opacity=\"{}\"", name, num(c.a));
}

}  // namespace

std::string xml_escape(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (char ch : s) {
        switch (ch) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&apos;"; break;
            default:
                if (static_cast<unsigned char>(ch) < 0x20 && ch != '\t' && ch != '\n') break;
                out += ch;
        }
    }
    return out;
}

SvgCanvas::SvgCanvas(int width, int height, const std::string& title) : Canvas(width, height) {
    out_.reserve(1 << 20);
    out_ += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    fmt::format_to(std::back_inserter(out_),
                   "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"{0}\" height=\"{1}\" "
                   "viewBox=\"0 0 {0} {1}\">\n",
                   width, height);
    if (!title.empty()) out_ += " <title>" + xml_escape(title) + "</title>\n";
}

void SvgCanvas::indent() { out_.append(static_cast<std::size_t>(depth_), ' '); }

void SvgCanvas::begin_group(std::string_view id, std::string_view title) {
    indent();
    out_ += "<g";
    if (!id.empty()) out_ += " id=\"" + xml_escape(id) + "\"";
    out_ += ">\n";
    ++depth_;
    if (!title.empty()) {
        indent();
        out_ += "<title>" + xml_escape(title) + "</title>\n";
    }
}

void SvgCanvas::end_group() {
    --depth_;
    indent();
    out_ += "</g>\n";
}

void SvgCanvas::path_data(const Path& path) {
    out_ += " d=\"";
    bool first = true;
    for (const auto& s : path.subs) {
        if (s.pts.empty()) continue;
        if (!first) out_ += ' ';
        first = false;
        out_ += 'M';
        num(out_, s.pts[0].x);
        out_ += ' ';
        num(out_, s.pts[0].y);
        for (std::size_t i = 1; i < s.pts.size(); ++i) {
            out_ += i == 1 ? "L" : " ";
            num(out_, s.pts[i].x);
            out_ += ' ';
            num(out_, s.pts[i].y);
        }
        if (s.closed) out_ += 'Z';
    }
    out_ += '"';
}

void SvgCanvas::fill(const Path& path, const Color& color) {
    if (path.empty() || !color.visible()) return;
    indent();
    out_ += "<path";
    path_data(path);
    color_attr(out_, "fill", color);
    out_ += " fill-rule=\"evenodd\"/>\n";
}

void SvgCanvas::stroke(const Path& path, const Stroke& s) {
    if (path.empty() || !s.color.visible() || s.width <= 0) return;
    indent();
    out_ += "<path";
    path_data(path);
    out_ += " fill=\"none\"";
    color_attr(out_, "stroke", s.color);
    out_ += " stroke-width=\"" + num(s.width) + "\"";
    out_ += s.round ? " stroke-linejoin=\"round\" stroke-linecap=\"round\"" : " stroke-linejoin=\"miter\"";
    if (!s.dash.empty()) {
        out_ += " stroke-dasharray=\"";
        for (std::size_t i = 0; i < s.dash.size(); ++i) out_ += (i ? " " : "") + num(s.dash[i]);
        out_ += '"';
    }
    out_ += "/>\n";
}

void SvgCanvas::hatch(const Path& path, const Hatch& h) {
    if (path.empty() || !h.color.visible() || h.spacing <= 0 || h.width <= 0) return;
    // The tile is spacing x spacing in the rotated frame, its line through v = spacing / 2:
    // the same phase as CairoCanvas::hatch.
    std::string key = fmt::format("{}/{}/{}/{}/{}/{}", h.color.hex(), num(h.color.a), num(h.angle_deg),
                                  num(h.spacing), num(h.width), h.cross ? 1 : 0);
    auto it = patterns_.find(key);
    if (it == patterns_.end()) {
        std::string id = fmt::format("hatch{}", patterns_.size() + 1);
        it = patterns_.emplace(key, id).first;
        const std::string s = num(h.spacing), w = num(h.width), off = num((h.spacing - h.width) / 2);
        indent();
        out_ += "<defs><pattern id=\"" + id + "\" patternUnits=\"userSpaceOnUse\" width=\"" + s +
                "\" height=\"" + s + "\" patternTransform=\"rotate(" + num(-h.angle_deg) + ")\">";
        std::string paint;
        color_attr(paint, "fill", h.color);
        out_ += "<rect x=\"0\" y=\"" + off + "\" width=\"" + s + "\" height=\"" + w + "\"" + paint + "/>";
        if (h.cross) {
            out_ += "<rect x=\"" + off + "\" y=\"0\" width=\"" + w + "\" height=\"" + s + "\"" + paint + "/>";
        }
        out_ += "</pattern></defs>\n";
    }
    indent();
    out_ += "<path";
    path_data(path);
    out_ += " fill=\"url(#" + it->second + ")\" fill-rule=\"evenodd\"/>\n";
}

void SvgCanvas::push_clip(const Path& path) {
    std::string id = fmt::format("clip{}", ++clip_count_);
    indent();
    out_ += "<clipPath id=\"" + id + "\"><path";
    path_data(path);
    out_ += " clip-rule=\"evenodd\"/></clipPath>\n";
    indent();
    out_ += "<g clip-path=\"url(#" + id + ")\">\n";
    ++depth_;
}

void SvgCanvas::pop_clip() { end_group(); }

void SvgCanvas::text(double x, double y, std::string_view utf8, const TextStyle& style) {
    const TextBox box = text_engine().measure(utf8, style);
    indent();
    out_ += "<text x=\"" + num(x) + "\" y=\"" + num(y + box.baseline) + "\" font-family=\"" +
            xml_escape(style.family) + "\" font-size=\"" + num(style.size) + "\"";
    if (style.bold) out_ += " font-weight=\"bold\"";
    if (style.italic) out_ += " font-style=\"italic\"";
    color_attr(out_, "fill", style.color);
    if (style.halo.visible() && style.halo_width > 0) {
        color_attr(out_, "stroke", style.halo);
        out_ += " stroke-width=\"" + num(2 * style.halo_width) +
                "\" stroke-linejoin=\"round\" paint-order=\"stroke\"";
    }
    out_ += ">" + xml_escape(utf8) + "</text>\n";
}

TextBox SvgCanvas::measure(std::string_view utf8, const TextStyle& style) {
    return text_engine().measure(utf8, style);
}

std::string SvgCanvas::finish() {
    while (depth_ > 1) end_group();
    out_ += "</svg>\n";
    return std::move(out_);
}

}  // namespace frontmap::render
