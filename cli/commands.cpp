// The one table of every subcommand, and the entry point of the commands module
// (frontmap-commands.so) that the launcher (cli/main.cpp) loads for every command but the lean
// ones and `render` from a GeoPackage store (cli/render_module.cpp).

#include "cli/app.hpp"
#include "cli/command.hpp"
#include "cli/commands_list.hpp"
#include "layers/rows.hpp"
#include "render/locate.hpp"

namespace frontmap::cli {

const std::vector<CommandInfo>& commands() {
    static const std::vector<CommandInfo> table = {
        {"build", "draw many views over a range of dates: incremental, parallel, sharded, resumable", make_build_command},
        {"data", "build the base data (countries, regions, places, names)", make_data_command},
        {"diff", "areas gained and lost by each side between two dates, and the places in them", make_diff_command},
        {"import", "import dated control polygons (any OGR source) into the store", make_import_command},
        extract_command_info(),
        {"ingest", "read articles and save their places and claims to the store", make_ingest_command},
        {"claims", "list the control claims in the store", make_claims_command},
        {"places", "list the places the store knows and how often they were mentioned", make_places_command},
        {"stats", "assessed area per party per day (km², equal-area) and its daily change", make_stats_command},
        {"store", "create a layer store or show what it holds (info, init)", make_store_command},
        render_command_info({&layers::open_store_rows, &render::read_polygon_file}),
    };
    return table;
}

}  // namespace frontmap::cli

extern "C" __attribute__((visibility("default"))) int frontmap_commands_main(int argc, char** argv) {
    return frontmap::cli::run_app(argc, argv, frontmap::cli::commands());
}
