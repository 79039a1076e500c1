#pragma once
// Factories of every subcommand, one per command_*.cpp file; listed in cli/commands.cpp.

#include <memory>
#include <string>

#include "cli/command.hpp"
#include "geo/mapdata.hpp"

namespace frontmap::layers {
class StoreRows;
}

namespace frontmap::cli {

// extract is lean (needs neither GDAL nor Cairo): the launcher runs it without loading the
// commands module, so its table entry is shared by both tables.
const CommandInfo& extract_command_info();  // command_extract.cpp


std::unique_ptr<Command> make_build_command();  // command_build.cpp
std::unique_ptr<Command> make_data_command();   // command_data.cpp
std::unique_ptr<Command> make_import_command(); // command_import.cpp
std::unique_ptr<Command> make_ingest_command();   // command_ingest.cpp
std::unique_ptr<Command> make_claims_command();   // command_claims.cpp
std::unique_ptr<Command> make_places_command();   // command_places.cpp
std::unique_ptr<Command> make_store_command();  // command_store.cpp
// What `render` reads, passed in so that the render module (cli/render_module.cpp) can run the
// same command without GDAL: the store's rows (layers/rows.hpp) for a --store URL, and the
// polygons of a --control-file (null: not available).
struct RenderReaders {
    std::unique_ptr<layers::StoreRows> (*store)(const std::string& url) = nullptr;
    MultiPolygon (*polygon_file)(const std::string& path) = nullptr;
};
std::unique_ptr<Command> make_render_command(RenderReaders readers);  // command_render.cpp
// The render command as the commands module runs it: every store, every polygon file.
CommandInfo render_command_info(RenderReaders readers);  // command_render.cpp
std::unique_ptr<Command> make_stats_command();  // command_stats.cpp
std::unique_ptr<Command> make_diff_command();   // command_diff.cpp

}  // namespace frontmap::cli
