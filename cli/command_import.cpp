// frontmap import FILE|DIR... --party RU --kind assessed|claimed --source NAME
//                 [--date D | --date-from-name PATTERN] [--store URL]

#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "cli/command.hpp"
#include "cli/commands_list.hpp"
#include "layers/control.hpp"
#include "layers/store.hpp"

namespace frontmap::cli {

namespace {

class ImportCommand : public Command {
public:
    void setup(CLI::App& app) override {
        app.add_option("inputs", inputs_, "polygon files (any OGR vector format) or directories of them")
            ->required();
        app.add_option("--party", options_.party, "the party whose control the polygons show (RU, UA...)")
            ->capture_default_str();
        app.add_option("--kind", options_.kind, "assessed (an assessment of control) or claimed (a party's claim)")
            ->capture_default_str();
        app.add_option("--source", options_.source, "name of the control source, e.g. deepstate")->required();
        auto* date = app.add_option("--date", date_, "valid-from date of every file, YYYY-MM-DD");
        auto* pattern = app.add_option("--date-from-name", pattern_,
                                       "read each file's date from its name, e.g. 'deepstatemap_data_%Y%m%d.geojson' "
                                       "(%Y %m %d, * for any text)");
        date->excludes(pattern);
        pattern->excludes(date);
        app.add_flag("--quiet,-q", quiet_, "print nothing on success");
        add_store_option(app, store_);
    }

    void validate() override {
        if (!date_.empty()) options_.date = date_;
        if (!pattern_.empty()) options_.date_pattern = pattern_;
        layers::check_import_options(options_);
    }

    int run() override {
        // Read and check every file before the store is opened (or created).
        const auto prepared = layers::prepare_control_import(inputs_, options_);
        auto store = layers::Store::open(store_);
        const auto report = layers::write_control_import(store, prepared);
        if (!quiet_) {
            int repaired = 0;
            std::string first = report.files.front().valid_from, last = first;
            for (const auto& f : report.files) {
                repaired += f.repaired ? 1 : 0;
                first = std::min(first, f.valid_from);
                last = std::max(last, f.valid_from);
            }
            std::cout << fmt::format("imported {} file{} into source '{}' ({} {}, {} to {})",
                                     report.files.size(), report.files.size() == 1 ? "" : "s", options_.source,
                                     options_.party, options_.kind, first, last);
            if (report.replaced_rows > 0) std::cout << fmt::format("; replaced {} earlier row{}", report.replaced_rows, report.replaced_rows == 1 ? "" : "s");
            if (repaired > 0) std::cout << fmt::format("; repaired {} invalid geometr{}", repaired, repaired == 1 ? "y" : "ies");
            std::cout << '\n';
        }
        return 0;
    }

private:
    std::vector<std::string> inputs_;
    layers::ImportOptions options_;
    std::string date_;
    std::string pattern_;
    std::string store_;
    bool quiet_ = false;
};

}  // namespace

std::unique_ptr<Command> make_import_command() { return std::make_unique<ImportCommand>(); }

}  // namespace frontmap::cli
