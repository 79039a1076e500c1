// frontmap store: look after the layer store. `store info` prints what a store holds; `store
// init` creates a store (or migrates an older one) and prints the same summary.

#include <iostream>
#include <string>

#include <nlohmann/json.hpp>

#include "cli/command.hpp"
#include "cli/commands_list.hpp"
#include "geo/error.hpp"
#include "layers/store.hpp"

namespace frontmap::cli {

namespace {

void print_info(const layers::StoreInfo& info, bool json) {
    if (json) {
        nlohmann::ordered_json tables = nlohmann::ordered_json::object();
        for (const auto& t : info.tables) tables[t.table] = t.rows;
        nlohmann::ordered_json out = {{"url", info.url},
                                      {"driver", info.driver},
                                      {"schema_version", info.schema_version},
                                      {"tables", tables}};
        std::cout << out.dump(2) << '\n';
        return;
    }
    std::size_t width = 0;
    for (const auto& t : info.tables) width = std::max(width, t.table.size());
    std::cout << "store:          " << info.url << '\n'
              << "driver:         " << info.driver << '\n'
              << "schema version: " << info.schema_version << '\n'
              << "rows:\n";
    for (const auto& t : info.tables)
        std::cout << "  " << t.table << std::string(width - t.table.size() + 2, ' ') << t.rows << '\n';
}

class StoreCommand : public Command {
public:
    void setup(CLI::App& app) override {
        app.require_subcommand(1, 1);

        info_ = app.add_subcommand("info", "print a store's driver, schema version and row counts per table");
        add_store_option(*info_, info_store_);
        info_->add_flag("--json", info_json_, "print JSON instead of text");

        init_ = app.add_subcommand("init", "create a store, or migrate an older one to this frontmap's schema");
        add_store_option(*init_, init_store_);
        init_->add_flag("--json", init_json_, "print the new store's summary as JSON");

        // Set after adding the subcommands, which would otherwise inherit it.
        app.footer("Run 'frontmap store <command> --help' for the options of one command.");
    }

    void validate() override {
        if (info_->parsed() && info_store_.empty()) throw UsageError("failed to read --store", "it is empty");
        if (init_->parsed() && init_store_.empty()) throw UsageError("failed to read --store", "it is empty");
    }

    int run() override {
        if (info_->parsed()) {
            // Read-only: `info` never creates, migrates or otherwise changes a store.
            auto store = layers::Store::open(info_store_, layers::Store::Mode::read_only);
            print_info(store.info(), info_json_);
        } else {
            auto store = layers::Store::open(init_store_, layers::Store::Mode::open_or_create);
            print_info(store.info(), init_json_);
        }
        return 0;
    }

private:
    CLI::App* info_ = nullptr;
    CLI::App* init_ = nullptr;
    std::string info_store_, init_store_;
    bool info_json_ = false, init_json_ = false;
};

}  // namespace

std::unique_ptr<Command> make_store_command() { return std::make_unique<StoreCommand>(); }

}  // namespace frontmap::cli
