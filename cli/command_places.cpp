// frontmap places [--json]: the places the store knows and how often they were mentioned.

#include <iostream>

#include <fmt/format.h>

#include "cli/command.hpp"
#include "cli/commands_list.hpp"
#include "layers/ingest.hpp"

namespace frontmap::cli {
namespace {

class PlacesCommand : public Command {
public:
    void setup(CLI::App& app) override {
        app.add_flag("--json", json_, "print JSON");
        add_store_option(app, store_);
    }
    int run() override {
        auto store = layers::Store::open(store_, layers::Store::Mode::read_only);
        auto places = layers::read_places(store);
        if (json_) {
            nlohmann::ordered_json arr = nlohmann::ordered_json::array();
            for (const auto& sp : places) {
                nlohmann::ordered_json j = place_json(sp.place);
                j["place_key"] = sp.place.place_key();
                j["mentions"] = sp.mentions;
                j["claims"] = sp.claims;
                arr.push_back(std::move(j));
            }
            std::cout << nlohmann::ordered_json{{"places", arr}}.dump(1) << '\n';
            return 0;
        }
        std::cout << fmt::format("{} places\n", places.size());
        for (const auto& sp : places)
            std::cout << fmt::format("  {:>5}  {:<24} {:<9} {:<14} {} claims\n", sp.mentions, sp.place.name,
                                     to_string(sp.place.kind), sp.place.place_key(), sp.claims);
        return 0;
    }

private:
    std::string store_;
    bool json_ = false;
};

}  // namespace

std::unique_ptr<Command> make_places_command() { return std::make_unique<PlacesCommand>(); }

}  // namespace frontmap::cli
