// The one place that turns errors into exit codes: 0 success, 1 failed run, 2 bad usage.

#include <cstdio>
#include <exception>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "cli/command.hpp"
#include "frontmap/version.hpp"
#include "geo/error.hpp"

namespace {

void print_error(const std::string& message, const std::string& hint = {}) {
    std::cerr << "frontmap: " << message;
    if (!hint.empty()) std::cerr << " (" << hint << ")";
    std::cerr << '\n';
}

}  // namespace

int main(int argc, char** argv) {
    using namespace frontmap;
    CLI::App app{"frontmap turns news articles about a war into dated control-claim maps.", "frontmap"};
    app.set_version_flag("--version", std::string("frontmap ") + kVersion);
    app.require_subcommand(1, 1);
    app.footer("Run 'frontmap <command> --help' for the options of one command.");

    std::vector<std::pair<CLI::App*, std::unique_ptr<cli::Command>>> registered;
    for (const auto& info : cli::commands()) {
        CLI::App* sub = app.add_subcommand(info.name, info.summary);
        auto command = info.make();
        command->setup(*sub);
        registered.emplace_back(sub, std::move(command));
    }

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        print_error(e.what(), "run 'frontmap --help'");
        return 2;
    }

    try {
        for (auto& [sub, command] : registered) {
            if (sub->parsed()) {
                command->validate();
                return command->run();
            }
        }
        print_error("no command given", "run 'frontmap --help'");
        return 2;
    } catch (const UsageError& e) {
        print_error(e.what(), e.hint());
        return 2;
    } catch (const Error& e) {
        print_error(e.what(), e.hint());
        return 1;
    } catch (const std::bad_alloc&) {
        print_error("out of memory");
        return 1;
    } catch (const std::exception& e) {
        print_error(std::string("internal error: ") + e.what(), "please report this");
        return 1;
    }
}
