#pragma once
// The command line proper: one CLI11 app with the given subcommands, parsed and run, every
// error turned into one line on stderr and an exit code (0 success, 1 failed run, 2 bad usage).
// Both the launcher (cli/main.cpp) and the commands module (cli/commands.cpp) run it.

#include <vector>

#include "cli/command.hpp"

namespace frontmap::cli {

int run_app(int argc, char** argv, const std::vector<CommandInfo>& table);

}  // namespace frontmap::cli
