// The map renderer plugged into the dated build engine (render/build.hpp): PNG, SVG and PDF
// through render_map (render/map.hpp), GeoJSON built in. One per worker thread; it loads each
// view's base layers once and reuses them for every date.

#include <map>
#include <memory>

#include "geo/error.hpp"
#include "render/base_layers.hpp"
#include "render/build.hpp"
#include "render/locate.hpp"
#include "render/map.hpp"
#include "render/style.hpp"

namespace frontmap::render {

namespace {

MapOptions map_options(const BuildView& view) {
    MapOptions o;
    if (view.extent) {
        o.extent = {view.extent->west, view.extent->south, view.extent->east, view.extent->north};
    } else {
        o.extent = named_view("ukraine");
    }
    o.width = view.width;
    o.height = view.height;
    o.lang = view.lang;
    o.title = view.title;
    o.style = default_style(parse_palette(view.palette));
    if (!view.style.empty()) apply_style_json(o.style, view.style_text, view.style);
    check_options(o);
    return o;
}

Format format_from_name(const std::string& f) {
    if (f == "png") return Format::png;
    if (f == "svg") return Format::svg;
    if (f == "pdf") return Format::pdf;
    throw UsageError("failed to draw format '" + f + "'", "expected png, svg, pdf or geojson");
}

class CairoMapRenderer final : public MapRenderer {
public:
    explicit CairoMapRenderer(std::string base) : base_(std::move(base)), geojson_(make_geojson_renderer()) {}

    std::string render(const MapData& data, const BuildView& view, const std::string& format) override {
        if (format == "geojson") return geojson_->render(data, view, format);
        auto it = views_.find(view.name);
        if (it == views_.end()) {
            PerView pv;
            pv.options = map_options(view);
            if (!base_.empty()) {
                BaseQuery q;
                q.box = base_query_box(pv.options);
                q.max_places = pv.options.style.max_places;
                q.min_population = pv.options.style.min_population;
                q.lang = pv.options.lang;
                pv.base = load_base(base_, q);
            }
            it = views_.emplace(view.name, std::move(pv)).first;
        }
        return render_map(data, it->second.base, it->second.options, format_from_name(format));
    }

private:
    struct PerView {
        MapOptions options;
        BaseData base;
    };
    std::string base_;
    std::unique_ptr<MapRenderer> geojson_;
    std::map<std::string, PerView> views_;
};

}  // namespace

RendererFactory default_renderer(const BuildConfig& config) {
    // Fail before drawing anything: bad palette, style file, size or language.
    for (const auto& v : config.views) {
        for (const auto& f : v.formats) {
            if (f != "geojson") (void)format_from_name(f);
        }
        (void)map_options(v);
    }
    return [base = config.base] { return std::make_unique<CairoMapRenderer>(base); };
}

}  // namespace frontmap::render
