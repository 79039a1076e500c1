// frontmap data build: the base-data builder behind data/fetch (layers/basedata.hpp).

#include <iostream>
#include <string>

#include "cli/command.hpp"
#include "cli/commands_list.hpp"
#include "geo/error.hpp"
#include "layers/basedata.hpp"

namespace frontmap::cli {
namespace {

class DataCommand : public Command {
public:
    void setup(CLI::App& app) override {
        app.require_subcommand(1, 1);
        build_ = app.add_subcommand("build", "build base.gpkg (countries, admin1, places, names) from the source files");
        build_->add_option("--admin1", admin1_, "Natural Earth 10m admin-1: GeoJSON, .shp or the upstream .zip")
            ->required();
        build_->add_option("--countries", countries_,
                           "countries: world-atlas TopoJSON or Natural Earth admin-0 (.shp/.zip/.geojson)")
            ->required();
        build_->add_option("--cities", cities_, "GeoNames cities500: the .txt TSV or cities500.zip")->required();
        build_->add_option("--aliases", aliases_, "optional team-written aliases TSV (alias, kind, ref)");
        build_->add_option("-o,--output", output_, "the GeoPackage to write (replaced atomically)")->required();
        build_->add_flag("-q,--quiet", quiet_, "print only warnings and the summary line");
        build_->footer(
            "The output is written to a temporary file and renamed at the end: a failed build leaves no file.\n"
            "Usually run through data/fetch, which fetches and verifies the pinned sources.");
    }

    void validate() override {
        if (!build_->parsed()) throw UsageError("failed to run 'data'", "no action given", "run 'frontmap data --help'");
        if (output_.empty()) throw UsageError("failed to parse '-o'", "the output path is empty");
    }

    int run() override {
        layers::BaseDataSources src{admin1_, countries_, cities_, aliases_};
        layers::BuildLog log;
        log = [quiet = quiet_](const std::string& line) {
            if (!quiet || line.rfind("warning:", 0) == 0) std::cerr << "frontmap data build: " << line << '\n';
        };
        const layers::BaseDataCounts c = layers::build_base_data(src, output_, log);
        std::cout << "built " << output_ << ": countries " << c.countries << ", admin1 " << c.admin1 << ", places "
                  << c.places << ", names " << c.names << " in " << static_cast<long long>(c.seconds * 10) / 10.0
                  << " s\n";
        return 0;
    }

private:
    CLI::App* build_ = nullptr;
    std::string admin1_, countries_, cities_, aliases_, output_;
    bool quiet_ = false;
};

}  // namespace

std::unique_ptr<Command> make_data_command() { return std::make_unique<DataCommand>(); }

}  // namespace frontmap::cli
