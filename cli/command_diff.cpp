// frontmap diff --from D1 --to D2 [--source S] [--kind K] [--extent W,S,E,N] [--base PATH]
//               [--min-population N] [--places N] [--json] [--store URL]

#include <cstdio>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/command.hpp"
#include "cli/commands_list.hpp"
#include "geo/error.hpp"
#include "layers/store.hpp"
#include "layers/snapshot.hpp"
#include "layers/timeline.hpp"
#include "render/base_layers.hpp"
#include "render/change_map.hpp"
#include "render/locate.hpp"
#include "render/map.hpp"
#include "render/output.hpp"

namespace frontmap::cli {

namespace {

Extent parse_extent(const std::string& text) {
    Extent e;
    char tail = 0;
    if (std::sscanf(text.c_str(), "%lf,%lf,%lf,%lf%c", &e.west, &e.south, &e.east, &e.north, &tail) != 4 || !e.valid()) {
        throw UsageError("failed to read --extent '" + text + "'",
                         "expected WEST,SOUTH,EAST,NORTH in degrees with west < east and south < north");
    }
    return e;
}

double round3(double v) { return static_cast<double>(static_cast<long long>(v * 1000 + (v < 0 ? -0.5 : 0.5))) / 1000; }

class DiffCommand : public Command {
public:
    void setup(CLI::App& app) override {
        app.add_option("--from", options_.from, "the earlier date, YYYY-MM-DD")->required();
        app.add_option("--to", options_.to, "the later date, YYYY-MM-DD")->required();
        app.add_option("--source", source_, "only this control source (e.g. deepstate)");
        app.add_option("--kind", options_.kind, "assessed or claimed")->capture_default_str();
        app.add_option("--extent", extent_, "compare only inside WEST,SOUTH,EAST,NORTH (degrees)");
        app.add_option("--min-population", options_.min_population,
                       "list only settlements with at least this population")
            ->capture_default_str();
        app.add_option("--places", max_places_, "list at most this many settlements in the text output (0: all)")
            ->capture_default_str();
        app.add_flag("--no-places", no_places_, "do not look up settlements (no base data needed)");
        app.add_option("-o,--output", output_, "also draw a change map (FILE.png, .svg or .pdf)");
        app.add_option("--view", view_, "the change map's named view (ukraine, east, south; default: fitted to the changes)");
        app.add_option("--size", size_, "the change map's size in pixels, WIDTHxHEIGHT")->capture_default_str();
        app.add_flag("--json", json_, "print JSON (every settlement, and the gained and lost areas' sizes)");
        add_store_option(app, store_);
        add_base_option(app, base_);
    }

    void validate() override {
        layers::check_date_range(options_.from, options_.to);
        if (options_.kind != "assessed" && options_.kind != "claimed")
            throw UsageError("failed to read --kind '" + options_.kind + "'", "expected assessed or claimed");
        if (!source_.empty()) options_.source = source_;
        if (!extent_.empty()) options_.extent = parse_extent(extent_);
        if (options_.min_population < 0) throw UsageError("failed to read --min-population", "it is negative");
        if (!no_places_) options_.base = base_;
        if (!output_.empty()) {
            format_ = render::format_of(output_);
            char x = 0, tail = 0;
            if (std::sscanf(size_.c_str(), "%d%c%d%c", &map_options_.width, &x, &map_options_.height, &tail) != 3 || x != 'x')
                throw UsageError("failed to read --size '" + size_ + "'", "expected WIDTHxHEIGHT, e.g. 1600x1200");
            map_options_.extent = render::named_view(view_.empty() ? "ukraine" : view_);  // final one set in run()
            render::check_options(map_options_);
        }
    }

    int run() override {
        auto store = layers::Store::open(store_, layers::Store::Mode::read_only);
        if (!output_.empty()) render::check_writable(output_);
        const auto report = layers::compute_change(store, options_);
        if (!output_.empty()) draw_map(store, report);
        if (json_) {
            nlohmann::ordered_json out = {{"from", report.from}, {"to", report.to}, {"units", "km2"}};
            out["series"] = nlohmann::ordered_json::array();
            for (const auto& s : report.series) {
                out["series"].push_back({{"source", s.source},
                                         {"party", s.party},
                                         {"kind", s.kind},
                                         {"from_valid_from", s.from_valid_from},
                                         {"to_valid_from", s.to_valid_from},
                                         {"area_from_km2", round3(s.area_from_km2)},
                                         {"area_to_km2", round3(s.area_to_km2)},
                                         {"gained_km2", round3(s.gained_km2)},
                                         {"lost_km2", round3(s.lost_km2)},
                                         {"net_km2", round3(s.gained_km2 - s.lost_km2)},
                                         {"gained_parts", s.gained.size()},
                                         {"lost_parts", s.lost.size()}});
            }
            out["places"] = nlohmann::ordered_json::array();
            for (const auto& p : report.places) {
                out["places"].push_back({{"geonames_id", p.geonames_id},
                                         {"name", p.name},
                                         {"lon", p.pos.lon},
                                         {"lat", p.pos.lat},
                                         {"population", p.population},
                                         {"source", p.source},
                                         {"party", p.party},
                                         {"change", p.change}});
            }
            std::cout << out.dump(2) << '\n';
            return 0;
        }
        std::cout << fmt::format("change from {} to {} ({} control, km², equal-area)\n", report.from, report.to,
                                 options_.kind);
        if (report.series.empty()) std::cout << "  no control in the store on either date\n";
        for (const auto& s : report.series) {
            std::cout << fmt::format("  {} {}: {:.1f} → {:.1f} km² (polygons of {} and {}); gained {:.1f}, lost {:.1f}, "
                                     "net {:+.1f}\n",
                                     s.source, s.party, s.area_from_km2, s.area_to_km2,
                                     s.from_valid_from.empty() ? "none" : s.from_valid_from,
                                     s.to_valid_from.empty() ? "none" : s.to_valid_from, s.gained_km2, s.lost_km2,
                                     s.gained_km2 - s.lost_km2);
        }
        if (!report.places.empty()) {
            std::cout << fmt::format("settlements that changed hands: {}\n", report.places.size());
            std::size_t shown = 0;
            for (const auto& p : report.places) {
                if (max_places_ > 0 && shown == static_cast<std::size_t>(max_places_)) {
                    std::cout << fmt::format("  ... and {} more (--places 0 or --json for all)\n",
                                             report.places.size() - shown);
                    break;
                }
                std::cout << fmt::format("  {} {} {} (pop. {}, {:.4f} {:.4f})\n", p.party, p.change, p.name,
                                         p.population, p.pos.lat, p.pos.lon);
                ++shown;
            }
        }
        return 0;
    }

private:
    void draw_map(layers::Store& store, const layers::ChangeReport& report) {
        const Extent fallback = render::named_view("ukraine");
        if (options_.extent) {
            map_options_.extent = *options_.extent;
        } else if (!view_.empty()) {
            map_options_.extent = render::named_view(view_);
        } else {
            map_options_.extent = render::change_extent(report, fallback);
        }
        layers::SnapshotOptions so;
        so.base = base_;
        const MapData later = layers::load_map_data(store, options_.to, map_options_.extent, so);
        render::BaseQuery q;
        q.box = render::base_query_box(map_options_);
        q.max_places = map_options_.style.max_places;
        q.min_population = map_options_.style.min_population;
        q.lang = map_options_.lang;
        const render::BaseData base = render::load_base(base_, q);
        render::write_file_atomic(output_, render::render_change_map(report, later, base, map_options_, format_));
    }

    layers::DiffOptions options_;
    render::MapOptions map_options_;
    render::Format format_ = render::Format::png;
    std::string output_, view_, size_ = "1600x1200";
    std::string source_, extent_, store_, base_;
    int max_places_ = 20;
    bool no_places_ = false, json_ = false;
};

}  // namespace

std::unique_ptr<Command> make_diff_command() { return std::make_unique<DiffCommand>(); }

}  // namespace frontmap::cli
