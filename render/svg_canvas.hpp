#pragma once
// frontmap's own SVG backend of Canvas (Cairo's SVG surface would turn labels into glyph
// outlines): layers are named <g>, labels are <text>, hatching is a <pattern>, and a group may
// carry a <title> (hover text: the claims and evidence of an area). Numbers are written with a
// fixed precision, so identical input gives identical bytes.

#include <map>
#include <string>

#include "render/canvas.hpp"

namespace frontmap::render {

class SvgCanvas final : public Canvas {
public:
    SvgCanvas(int width, int height, const std::string& title = {});

    void begin_group(std::string_view id, std::string_view title) override;
    void end_group() override;
    void fill(const Path& path, const Color& color) override;
    void stroke(const Path& path, const Stroke& stroke) override;
    void hatch(const Path& path, const Hatch& hatch) override;
    void push_clip(const Path& path) override;
    void pop_clip() override;
    void text(double x, double y, std::string_view utf8, const TextStyle& style) override;
    TextBox measure(std::string_view utf8, const TextStyle& style) override;

    std::string finish();

private:
    void path_data(const Path& path);
    void indent();
    std::string out_;
    int depth_ = 1;
    int clip_count_ = 0;
    std::map<std::string, std::string> patterns_;  // parameters -> id
};

// XML text escaping (&, <, >, ", ' and control characters other than tab/newline dropped).
std::string xml_escape(std::string_view s);

}  // namespace frontmap::render
