#pragma once
// Factories of every subcommand, one per command_*.cpp file; listed in cli/commands.cpp.

#include <memory>

#include "cli/command.hpp"

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
std::unique_ptr<Command> make_render_command(); // command_render.cpp
std::unique_ptr<Command> make_stats_command();  // command_stats.cpp
std::unique_ptr<Command> make_diff_command();   // command_diff.cpp

}  // namespace frontmap::cli
