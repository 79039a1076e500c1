// frontmap render: one map for one date (DESIGN, "A map for date D").
//
// The only seam to the store is map_data_for() below: it reads the store's rows for the date and
// extent through RenderReaders (cli/commands_list.hpp), which differ between the commands module
// (GeoPackage and PostGIS stores, any OGR polygon file) and the render module (GeoPackage stores
// only, without GDAL). Hidden options draw the built-in demonstration data (--demo) or a polygon
// file given with --control-file (the benchmark's direct path) instead.

#include <cctype>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <memory>
#include <string>

#include "cli/command.hpp"
#include "cli/commands_list.hpp"
#include "geo/error.hpp"
#include "geo/geometry.hpp"
#include "layers/rows.hpp"
#include "layers/snapshot.hpp"
#include "render/base_layers.hpp"
#include "render/demo.hpp"
#include "render/locate.hpp"
#include "render/map.hpp"
#include "render/output.hpp"
#include "render/text.hpp"

namespace frontmap::cli {

namespace {

bool valid_date(const std::string& s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
    for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u}) {
        if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
    }
    const int y = std::stoi(s.substr(0, 4)), m = std::stoi(s.substr(5, 2)), d = std::stoi(s.substr(8, 2));
    const std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(m)},
                                          std::chrono::day{static_cast<unsigned>(d)}};
    return ymd.ok() && y >= 1900 && y <= 2200;
}

void parse_size(const std::string& text, int& w, int& h) {
    const auto x = text.find_first_of("xX");
    auto bad = [&] {
        throw UsageError("failed to use size '" + text + "'", "expected WIDTHxHEIGHT in pixels", "for example --size 1600x1200");
    };
    if (x == std::string::npos || x == 0 || x + 1 >= text.size()) bad();
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (i != x && !std::isdigit(static_cast<unsigned char>(text[i]))) bad();
    }
    if (x > 6 || text.size() - x - 1 > 6) {
        throw UsageError("failed to use size '" + text + "'", "each side must be between 1 and 20000 px");
    }
    w = std::stoi(text.substr(0, x));
    h = std::stoi(text.substr(x + 1));
}

// The fitted extent of the data itself (areas, settlements, then control), with a margin.
Extent fit_data(const MapData& d) {
    double w = 180, e = -180, s = 90, n = -90;
    auto add = [&](LonLat p) { w = std::min(w, p.lon), e = std::max(e, p.lon), s = std::min(s, p.lat), n = std::max(n, p.lat); };
    for (const auto& a : d.areas) {
        // Crimea and Sevastopol are on every map of the east; they would widen every fit.
        if (a.status == Status::held_ru_before_2022) continue;
        for (const auto& p : a.area)
            for (const auto& r : p.rings)
                for (const auto& q : r) add(q);
    }
    for (const auto& st : d.settlements) add(st.pos);
    if (e < w) {
        for (const auto& c : d.control)
            for (const auto& p : c.area)
                for (const auto& r : p.rings)
                    for (const auto& q : r) add(q);
    }
    if (e < w) {
        throw UsageError("failed to choose the map's extent", "there are no claims or control on this date to fit",
                         "give --extent, --view or --around");
    }
    const double mx = std::max(0.2, (e - w) * 0.15), my = std::max(0.15, (n - s) * 0.15);
    return {std::max(-180.0, w - mx), std::max(-85.0, s - my), std::min(180.0, e + mx), std::min(85.0, n + my)};
}

class RenderCommand final : public Command {
public:
    explicit RenderCommand(RenderReaders readers) : readers_(readers) {}

    void setup(CLI::App& app) override {
        app.description("Render the control-claim map of one date as PNG, SVG or PDF.");
        app.add_option("--date", date_, "map date, YYYY-MM-DD")->required();
        app.add_option("-o,--output", output_, "output file: .png, .svg or .pdf")->required();
        auto* ext = app.add_option("--extent", extent_, "lon/lat box W,S,E,N in degrees");
        auto* around = app.add_option("--around", around_, "centre the map on this place (with --radius)");
        app.add_option("--radius", radius_km_, "radius around --around in km (default 50)");
        auto* view = app.add_option("--view", view_, "named view: ukraine, east, south");
        ext->excludes(around)->excludes(view);
        around->excludes(view);
        app.add_option("--size", size_, "canvas size WIDTHxHEIGHT in px (default 1600x1200)");
        app.add_option("--dpi", dpi_, "resolution recorded in the PNG and used for the PDF page size (default 96)");
        app.add_option("--crs", crs_, "projection as a PROJ string or EPSG code (default: conformal conic fitted to the extent)");
        app.add_option("--style", style_file_, "JSON style file overriding the palette's colours, widths, fonts, hatching");
        app.add_option("--title", title_, "map title (default: 'Control of territory, DATE')");
        app.add_option("--lang", lang_, "language of place labels: en, uk, ru (default en)");
        app.add_option("--palette", palette_, "default, colorblind or print (default: default)");
        app.add_flag("--transparent", transparent_, "no sea background (PNG keeps an alpha channel)");
        add_store_option(app, store_);
        add_base_option(app, base_);
        app.add_flag("--demo", demo_, "draw the built-in demonstration data instead of the store")->group("");
        app.add_option("--control-file", control_file_, "draw this polygon file as assessed control (benchmark path)")
            ->group("");
    }

    void validate() override {
        if (!valid_date(date_)) {
            throw UsageError("failed to read date '" + date_ + "'", "expected YYYY-MM-DD, a real calendar date",
                             "for example --date 2025-12-02");
        }
        format_ = render::format_of(output_);
        int w = 1600, h = 1200;
        if (!size_.empty()) parse_size(size_, w, h);
        options_.width = w;
        options_.height = h;
        options_.dpi = dpi_;
        options_.crs = crs_;
        options_.title = title_;
        options_.lang = lang_;
        options_.transparent = transparent_;
        options_.style = render::default_style(render::parse_palette(palette_));
        if (!extent_.empty()) options_.extent = render::parse_extent(extent_);
        else if (!view_.empty()) options_.extent = render::named_view(view_);
        if (!around_.empty() && !(radius_km_ > 0 && radius_km_ <= 5000)) {
            throw UsageError("failed to use radius '" + std::to_string(radius_km_) + "'", "must be between 0 and 5000 km");
        }
        // Check sizes, dpi, language now (the extent may still be unknown: use a valid stand-in).
        render::MapOptions probe = options_;
        if (extent_.empty() && view_.empty()) probe.extent = {0, 0, 1, 1};
        render::check_options(probe);
    }

    int run() override {
        // Start Pango now: its font map loads fontconfig's configuration on a thread of its
        // own, which then overlaps reading the store and the base data instead of delaying
        // the first label.
        render::text_engine();
        if (!style_file_.empty()) render::apply_style_file(options_.style, style_file_);
        render::check_writable(output_);
        if (!around_.empty()) {
            render::LocatedPlace p = render::locate_place(base_, around_);
            options_.extent = render::extent_around(p.pos, radius_km_);
        }
        MapData data = map_data_for();
        if (extent_.empty() && view_.empty() && around_.empty()) options_.extent = fit_data(data);
        render::check_options(options_);

        render::BaseQuery q;
        q.box = render::base_query_box(options_);
        q.max_places = options_.style.max_places;
        q.min_population = options_.style.min_population;
        q.lang = options_.lang;
        // (Reading the base data on a second thread meanwhile was 40 ms slower: its memory
        // comes from another malloc arena, page by page, and Pango's fontconfig thread already
        // has the second core.)
        const render::BaseData base = render::load_base(base_, q);
        render::render_map_file(data, base, options_, output_);
        return 0;
    }

private:
    // The one seam to the store (see the file comment).
    MapData map_data_for() {
        if (demo_) {
            MapData d = render::demo_map_data(date_);
            if (extent_.empty() && view_.empty() && around_.empty()) {
                options_.extent = render::demo_extent();
                extent_ = "demo";
            }
            return d;
        }
        if (!control_file_.empty()) {
            MapData d;
            d.date = date_;
            ControlLayer c;
            c.source = std::filesystem::path(control_file_).stem().string();
            c.party = "RU";
            c.kind = "assessed";
            c.valid_from = date_;
            if (readers_.polygon_file == nullptr) {
                throw Error("failed to read polygons '" + control_file_ + "'", "this module reads no polygon files");
            }
            c.area = readers_.polygon_file(control_file_);
            d.control.push_back(std::move(c));
            d.sources.push_back(d.control.back().source);
            return d;
        }
        const std::unique_ptr<layers::StoreRows> rows = readers_.store(store_);
        layers::SnapshotOptions snapshot;
        snapshot.base = base_;
        std::optional<frontmap::Extent> box;
        if (!(extent_.empty() && view_.empty() && around_.empty())) {
            box = options_.extent;
        }
        return layers::load_map_data(*rows, date_, box, snapshot);
    }

    RenderReaders readers_;
    std::string date_, output_, extent_, around_, view_, size_, crs_, style_file_, title_, store_, base_,
        control_file_;
    std::string lang_ = "en", palette_ = "default";
    double radius_km_ = 50, dpi_ = 96;
    bool transparent_ = false, demo_ = false;
    render::Format format_ = render::Format::png;
    render::MapOptions options_;
};

}  // namespace

std::unique_ptr<Command> make_render_command(RenderReaders readers) { return std::make_unique<RenderCommand>(readers); }

CommandInfo render_command_info(RenderReaders readers) {
    return {"render", "render the control-claim map of one date (PNG, SVG, PDF)",
            [readers] { return make_render_command(readers); }};
}

}  // namespace frontmap::cli
