// frontmap stats --from D1 --to D2 [--source S] [--party P] [--kind K] [--csv|--json] [--store URL]

#include <filesystem>
#include <iostream>
#include <optional>
#include <string>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/command.hpp"
#include "cli/commands_list.hpp"
#include "geo/error.hpp"
#include "layers/store.hpp"
#include "layers/timeline.hpp"
#include "render/chart.hpp"
#include "render/output.hpp"

namespace frontmap::cli {

namespace {

class StatsCommand : public Command {
public:
    void setup(CLI::App& app) override {
        app.add_option("--from", options_.from, "first day, YYYY-MM-DD")->required();
        app.add_option("--to", options_.to, "last day, YYYY-MM-DD (inclusive)")->required();
        app.add_option("--source", source_, "only this control source (e.g. deepstate)");
        app.add_option("--party", party_, "only this party (e.g. RU)");
        app.add_option("--kind", options_.kind, "assessed or claimed")->capture_default_str();
        auto* csv = app.add_flag("--csv", csv_, "print CSV");
        auto* json = app.add_flag("--json", json_, "print JSON");
        csv->excludes(json);
        json->excludes(csv);
        app.add_option("--chart", chart_, "also draw the area over time as a chart (FILE.png, .svg or .pdf)");
        app.add_option("--title", chart_options_.title, "the chart's title");
        add_store_option(app, store_);
    }

    void validate() override {
        layers::check_date_range(options_.from, options_.to);
        if (options_.kind != "assessed" && options_.kind != "claimed")
            throw UsageError("failed to read --kind '" + options_.kind + "'", "expected assessed or claimed");
        if (!source_.empty()) options_.source = source_;
        if (!party_.empty()) options_.party = party_;
        if (!chart_.empty()) {
            const std::string ext = std::filesystem::path(chart_).extension().string();
            if (ext == ".png" || ext == ".PNG") chart_format_ = "png";
            else if (ext == ".svg" || ext == ".SVG") chart_format_ = "svg";
            else if (ext == ".pdf" || ext == ".PDF") chart_format_ = "pdf";
            else throw UsageError("failed to use --chart '" + chart_ + "'", "expected a .png, .svg or .pdf file name");
        }
    }

    int run() override {
        if (!chart_.empty()) render::check_writable(chart_);
        auto store = layers::Store::open(store_, layers::Store::Mode::read_only);
        const auto rows = layers::area_series(store, options_);
        if (!chart_.empty()) render::write_file_atomic(chart_, render::render_area_chart(rows, chart_options_, chart_format_));
        if (json_) {
            nlohmann::ordered_json out = {{"from", options_.from},
                                          {"to", options_.to},
                                          {"kind", options_.kind},
                                          {"units", "km2"},
                                          {"days", nlohmann::ordered_json::array()}};
            for (const auto& r : rows) {
                nlohmann::ordered_json j = {{"date", r.date},           {"source", r.source},
                                            {"party", r.party},         {"kind", r.kind},
                                            {"valid_from", r.valid_from}, {"age_days", r.age_days},
                                            {"carried_forward", r.carried_forward},
                                            {"area_km2", round3(r.area_km2)}};
                j["change_km2"] = r.change_km2 ? nlohmann::ordered_json(round3(*r.change_km2)) : nlohmann::ordered_json();
                out["days"].push_back(std::move(j));
            }
            std::cout << out.dump(2) << '\n';
        } else if (csv_) {
            std::cout << "date,source,party,kind,valid_from,age_days,carried_forward,area_km2,change_km2\n";
            for (const auto& r : rows) {
                std::cout << fmt::format("{},{},{},{},{},{},{},{:.3f},{}\n", r.date, csv_field(r.source),
                                         csv_field(r.party), r.kind, r.valid_from, r.age_days,
                                         r.carried_forward ? 1 : 0, r.area_km2,
                                         r.change_km2 ? fmt::format("{:.3f}", *r.change_km2) : std::string());
            }
        } else {
            if (rows.empty()) {
                std::cout << fmt::format("no {} control in the store between {} and {}\n", options_.kind, options_.from,
                                         options_.to);
                return 0;
            }
            std::cout << fmt::format("{:<10}  {:<12} {:<5} {:>12} {:>10}  {}\n", "date", "source", "party", "area km²",
                                     "change", "polygon");
            for (const auto& r : rows) {
                std::cout << fmt::format("{:<10}  {:<12} {:<5} {:>12.1f} {:>10}  {}\n", r.date, r.source, r.party,
                                         r.area_km2, r.change_km2 ? fmt::format("{:+.1f}", *r.change_km2) : "",
                                         r.carried_forward ? fmt::format("{} (carried forward, {} d old)",
                                                                         r.valid_from, r.age_days)
                                                           : r.valid_from);
            }
        }
        return 0;
    }

private:
    static double round3(double v) { return static_cast<double>(static_cast<long long>(v * 1000 + (v < 0 ? -0.5 : 0.5))) / 1000; }
    static std::string csv_field(const std::string& s) {
        if (s.find_first_of(",\"\n") == std::string::npos) return s;
        std::string out = "\"";
        for (char c : s) {
            if (c == '"') out += '"';
            out += c;
        }
        return out + "\"";
    }

    layers::StatsOptions options_;
    render::ChartOptions chart_options_;
    std::string chart_, chart_format_;
    std::string source_, party_, store_;
    bool csv_ = false, json_ = false;
};

}  // namespace

std::unique_ptr<Command> make_stats_command() { return std::make_unique<StatsCommand>(); }

}  // namespace frontmap::cli
