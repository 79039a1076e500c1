#include "cli/app.hpp"

#include <exception>
#include <iostream>
#include <memory>
#include <string>
#include <utility>

#include <CLI/CLI.hpp>

#include "frontmap/version.hpp"
#include "geo/error.hpp"

namespace frontmap::cli {

namespace {

void print_error(const std::string& message, const std::string& hint = {}) {
    std::cerr << "frontmap: " << message;
    if (!hint.empty()) std::cerr << " (" << hint << ")";
    std::cerr << '\n';
}

}  // namespace

int run_app(int argc, char** argv, const std::vector<CommandInfo>& table) {
    CLI::App app{"frontmap turns news articles about a war into dated control-claim maps.", "frontmap"};
    app.set_version_flag("--version", std::string("frontmap ") + kVersion);
    app.require_subcommand(1, 1);
    app.footer("Run 'frontmap <command> --help' for the options of one command.");

    std::vector<std::pair<CLI::App*, std::unique_ptr<Command>>> registered;
    for (const auto& info : table) {
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
    } catch (...) {
        print_error("internal error: an unknown exception", "please report this");
        return 1;
    }
}

}  // namespace frontmap::cli
