#include <cstdlib>
#include <filesystem>

#include "cli/command.hpp"
#include "cli/commands_list.hpp"

namespace frontmap::cli {

const std::vector<CommandInfo>& commands() {
    static const std::vector<CommandInfo> table = {
        {"build", "draw many views over a range of dates: incremental, parallel, sharded, resumable", make_build_command},
        {"data", "build the base data (countries, regions, places, names)", make_data_command},
        {"diff", "areas gained and lost by each side between two dates, and the places in them", make_diff_command},
        {"import", "import dated control polygons (any OGR source) into the store", make_import_command},
        {"extract", "read one article and print its places, dates and control claims", make_extract_command},
        {"ingest", "read articles and save their places and claims to the store", make_ingest_command},
        {"claims", "list the control claims in the store", make_claims_command},
        {"places", "list the places the store knows and how often they were mentioned", make_places_command},
        {"stats", "assessed area per party per day (km², equal-area) and its daily change", make_stats_command},
        {"store", "create a layer store or show what it holds (info, init)", make_store_command},
        {"render", "render the control-claim map of one date (PNG, SVG, PDF)", make_render_command},
    };
    return table;
}

std::string default_store() {
    if (const char* env = std::getenv("FRONTMAP_STORE"); env != nullptr && *env != '\0') return env;
    return "frontmap.gpkg";
}

std::string default_base() {
    if (const char* env = std::getenv("FRONTMAP_BASE"); env != nullptr && *env != '\0') return env;
#ifdef FRONTMAP_SOURCE_DIR
    std::filesystem::path in_tree = std::filesystem::path(FRONTMAP_SOURCE_DIR) / "data" / "base.gpkg";
    if (std::filesystem::exists(in_tree)) return in_tree.string();
#endif
    return "data/base.gpkg";
}

void add_store_option(CLI::App& app, std::string& store) {
    store = default_store();
    app.add_option("--store", store,
                   "layer store: a GeoPackage path or PG:\"dbname=... host=...\" "
                   "(default: $FRONTMAP_STORE, else ./frontmap.gpkg)");
}

void add_base_option(CLI::App& app, std::string& base) {
    base = default_base();
    app.add_option("--base", base, "base data GeoPackage built by data/fetch (default: $FRONTMAP_BASE, else data/base.gpkg)");
}

}  // namespace frontmap::cli
