#pragma once
// A subcommand is one class (STYLE: osmium-tool). setup() declares its options on the CLI11 app
// and opens nothing; validate() checks option values after parsing (throws UsageError);
// run() does the work and returns the exit code (0) or throws.

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace frontmap::cli {

class Command {
public:
    virtual ~Command() = default;
    virtual void setup(CLI::App& app) = 0;
    virtual void validate() {}
    virtual int run() = 0;
};

struct CommandInfo {
    const char* name;
    const char* summary;
    std::function<std::unique_ptr<Command>()> make;
};

// The one table of every subcommand (cli/commands.cpp).
const std::vector<CommandInfo>& commands();

// Options shared by several commands, declared the same way everywhere.
// --store PATH|PG:... (default $FRONTMAP_STORE, then ./frontmap.gpkg).
void add_store_option(CLI::App& app, std::string& store);
// --base PATH: the base data GeoPackage (default $FRONTMAP_BASE, then data/base.gpkg next to
// the executable's source tree or the working directory).
void add_base_option(CLI::App& app, std::string& base);

std::string default_store();
std::string default_base();

}  // namespace frontmap::cli
