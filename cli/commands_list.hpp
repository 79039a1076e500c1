#pragma once
// Factories of every subcommand, one per command_*.cpp file; listed in cli/commands.cpp.

#include <memory>

#include "cli/command.hpp"

namespace frontmap::cli {



}  // namespace frontmap::cli
