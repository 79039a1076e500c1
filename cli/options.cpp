// Options shared by several commands (cli/command.hpp). Part of both the launcher and the
// commands module, so it depends on nothing but the standard library and CLI11.

#include <cstdlib>
#include <filesystem>
#include <string>

#include "cli/command.hpp"

namespace frontmap::cli {

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
