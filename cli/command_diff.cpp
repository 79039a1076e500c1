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
#include "layers/timeline.hpp"

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
    }

    int run() override {
        auto store = layers::Store::open(store_, layers::Store::Mode::read_only);
        const auto report = layers::compute_change(store, options_);
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
    layers::DiffOptions options_;
    std::string source_, extent_, store_, base_;
    int max_places_ = 20;
    bool no_places_ = false, json_ = false;
};

}  // namespace

std::unique_ptr<Command> make_diff_command() { return std::make_unique<DiffCommand>(); }

}  // namespace frontmap::cli
