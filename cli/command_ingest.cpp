// frontmap ingest ARTICLE... [--date D] [--source NAME] [--url URL]: extract each article and
// save it to the store, one transaction per article; the same text twice adds nothing.

#include <filesystem>
#include <iostream>

#include <fmt/format.h>

#include "cli/command.hpp"
#include "cli/commands_list.hpp"
#include "geo/error.hpp"
#include "geo/reader.hpp"
#include "layers/ingest.hpp"

namespace frontmap::cli {
namespace {

class IngestCommand : public Command {
public:
    void setup(CLI::App& app) override {
        app.add_option("articles", paths_, "articles: UTF-8 text, optionally with front matter")->required();
        app.add_option("--date", date_, "the articles' date, YYYY-MM-DD (overrides front matter)");
        app.add_option("--source", source_, "where the articles come from (overrides front matter)");
        app.add_option("--url", url_, "the article's address (overrides front matter)");
        add_store_option(app, store_);
        add_base_option(app, base_);
    }
    void validate() override {
        if (!date_.empty() && !parse_iso_date(date_))
            throw UsageError(fmt::format("failed to parse date '{}'", date_), "expected YYYY-MM-DD");
        if (!url_.empty() && paths_.size() > 1)
            throw UsageError("failed to read --url", "one URL cannot belong to several articles");
    }
    int run() override {
        // Read and check every article before the store is touched.
        std::vector<Article> articles;
        for (const auto& p : paths_) {
            Article a = load_article(p);
            if (!date_.empty()) a.date = parse_iso_date(date_);
            if (!a.date)
                throw InputError(fmt::format("failed to ingest '{}'", p), "the article has no date",
                                 "give --date YYYY-MM-DD or a front matter 'date:' line");
            articles.push_back(std::move(a));
        }
        auto gaz = Gazetteer::open(base_);
        Reader reader(*gaz);
        auto store = layers::Store::open(store_);
        layers::IngestOptions opt;
        opt.source = source_;
        opt.url = url_;
        for (std::size_t i = 0; i < articles.size(); ++i) {
            Extraction x = reader.read(articles[i]);
            opt.file = std::filesystem::path(paths_[i]).filename().string();
            auto r = layers::ingest(store, articles[i], x, opt);
            if (r.added)
                std::cout << fmt::format("{}  {}: {} mentions, {} claims, {} new places\n", r.sha256.substr(0, 12),
                                         paths_[i], r.mentions, r.claims, r.new_places);
            else
                std::cout << fmt::format("{}  {}: already in the store, nothing added\n", r.sha256.substr(0, 12),
                                         paths_[i]);
        }
        return 0;
    }

private:
    std::vector<std::string> paths_;
    std::string date_, source_, url_, store_, base_;
};

}  // namespace

std::unique_ptr<Command> make_ingest_command() { return std::make_unique<IngestCommand>(); }

}  // namespace frontmap::cli
