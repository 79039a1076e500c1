// frontmap extract ARTICLE [--date YYYY-MM-DD] [--json]: reads one article, touches no store.

#include <iostream>

#include <fmt/format.h>

#include "cli/command.hpp"
#include "cli/commands_list.hpp"
#include "geo/error.hpp"
#include "geo/reader.hpp"
#include "geo/sha256.hpp"

namespace frontmap::cli {
namespace {

class ExtractCommand : public Command {
public:
    void setup(CLI::App& app) override {
        app.add_option("article", path_, "the article: UTF-8 text, optionally with front matter")->required();
        app.add_option("--date", date_, "the article's date, YYYY-MM-DD (overrides front matter)");
        app.add_flag("--json", json_, "print JSON (mentions and claims) instead of a table");
        app.add_option("--theatre", theatre_,
                       "countries of interest that win ambiguous names (ISO alpha-2, default UA RU BY)");
        add_base_option(app, base_);
    }
    void validate() override {
        if (!date_.empty() && !parse_iso_date(date_))
            throw UsageError(fmt::format("failed to parse date '{}'", date_), "expected YYYY-MM-DD");
    }
    int run() override {
        Article a = load_article(path_);
        if (!date_.empty()) a.date = parse_iso_date(date_);
        auto gaz = Gazetteer::open(base_);
        ReaderOptions opt;
        if (!theatre_.empty()) opt.theatre = theatre_;
        Reader reader(*gaz, opt);
        Extraction x = reader.read(a);
        std::string sha = sha256_hex(a.text);
        if (json_) {
            std::cout << to_json(x, sha).dump(1) << '\n';
            return 0;
        }
        std::cout << fmt::format("article {}  date {}  sha256 {}\n", path_,
                                 a.date ? format_date(*a.date) : std::string("unknown"), sha.substr(0, 16));
        if (!a.date && x.unresolved_dates > 0)
            std::cout << fmt::format("note: no article date: {} relative date expression(s) left unresolved "
                                     "(give --date or a front matter date:)\n",
                                     x.unresolved_dates);
        std::cout << fmt::format("\n{} mentions\n", x.mentions.size());
        for (const auto& m : x.mentions) {
            std::string id = m.place.place_key();
            std::cout << fmt::format("  {:>6}  {:<22} -> {:<24} {:<9} {:<12} {:.2f}", m.start, m.surface, m.place.name,
                                     to_string(m.place.kind), id, m.score);
            if (m.runner_up)
                std::cout << fmt::format("  (runner-up {} {} {:.2f})", m.runner_up->place.name,
                                         m.runner_up->place.country, m.runner_up->score);
            std::cout << '\n';
        }
        std::cout << fmt::format("\n{} claims\n", x.claims.size());
        for (const auto& c : x.claims) {
            std::cout << fmt::format("  {:<14} {} {:<15} {:<10} {}  by {}  [{:.2f}]\n", c.place.name, c.actor, c.stance,
                                     c.part.empty() ? "-" : c.part,
                                     c.claim_date ? format_date(*c.claim_date) : std::string("?"),
                                     c.attributed_to.empty() ? "?" : c.attributed_to, c.confidence);
            std::string one_line = c.evidence_text;  // a hard-wrapped article breaks lines mid-sentence
            for (char& ch : one_line)
                if (ch == '\n' || ch == '\r' || ch == '\t') ch = ' ';
            std::cout << fmt::format("      \"{}\"\n", one_line);
        }
        return 0;
    }

private:
    std::string path_, date_, base_;
    bool json_ = false;
    std::vector<std::string> theatre_;
};

}  // namespace

const CommandInfo& extract_command_info() {
    static const CommandInfo info{"extract", "read one article and print its places, dates and control claims",
                                  [] { return std::unique_ptr<Command>(std::make_unique<ExtractCommand>()); }};
    return info;
}

}  // namespace frontmap::cli
