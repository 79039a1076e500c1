#pragma once
// Factories of every subcommand, one per command_*.cpp file; listed in cli/commands.cpp.

#include <memory>

#include "cli/command.hpp"

namespace frontmap::cli {

std::unique_ptr<Command> make_extract_command();  // command_extract.cpp
std::unique_ptr<Command> make_store_command();  // command_store.cpp

}  // namespace frontmap::cli
