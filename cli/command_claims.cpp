// frontmap claims [--date D] [--place NAME] [--json]: the control claims in the store.

#include <iostream>

#include <fmt/format.h>

#include "cli/command.hpp"
#include "cli/commands_list.hpp"
#include "geo/error.hpp"
#include "layers/ingest.hpp"

namespace frontmap::cli {
namespace {

class ClaimsCommand : public Command {
public:
    void setup(CLI::App& app) override {
        app.add_option("--date", date_, "only the claims active on this date (YYYY-MM-DD): the latest per "
                                        "place, actor, stance and part within --window days");
        app.add_option("--window", window_, "days a claim stays active (default 90)")->check(CLI::Range(0, 36500));
        app.add_option("--place", place_, "only the claims about this place (a name or a key such as gn:704422)");
        app.add_flag("--json", json_, "print JSON");
        add_store_option(app, store_);
    }
    void validate() override {
        if (!date_.empty() && !parse_iso_date(date_))
            throw UsageError(fmt::format("failed to parse date '{}'", date_), "expected YYYY-MM-DD");
    }
    int run() override {
        auto store = layers::Store::open(store_, layers::Store::Mode::read_only);
        auto claims = layers::read_claims(store, date_.empty() ? std::nullopt : parse_iso_date(date_), window_, place_);
        if (json_) {
            nlohmann::ordered_json out;
            out["date"] = date_.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(date_);
            nlohmann::ordered_json arr = nlohmann::ordered_json::array();
            for (const auto& sc : claims) {
                nlohmann::ordered_json j = claim_json(sc.claim);
                j["article_sha256"] = sc.article_sha256;
                j["evidence"]["text"] = sc.claim.evidence_text;
                arr.push_back(std::move(j));
            }
            out["claims"] = std::move(arr);
            std::cout << out.dump(1) << '\n';
            return 0;
        }
        std::cout << fmt::format("{} claims{}\n", claims.size(), date_.empty() ? "" : " active on " + date_);
        for (const auto& sc : claims) {
            const Claim& c = sc.claim;
            std::cout << fmt::format("  {:<10}  {:<18} {} {:<15} {:<10} by {}  [{:.2f}]\n",
                                     c.claim_date ? format_date(*c.claim_date) : std::string("?"), c.place.name,
                                     c.actor, c.stance, c.part.empty() ? "-" : c.part,
                                     c.attributed_to.empty() ? "?" : c.attributed_to, c.confidence);
        }
        return 0;
    }

private:
    std::string date_, place_, store_;
    int window_ = 90;
    bool json_ = false;
};

}  // namespace

std::unique_ptr<Command> make_claims_command() { return std::make_unique<ClaimsCommand>(); }

}  // namespace frontmap::cli
