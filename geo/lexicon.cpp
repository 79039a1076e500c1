#include "geo/lexicon.hpp"

#include <algorithm>

#include "geo/fast_key.hpp"
#include "geo/gazetteer.hpp"
#include "geo/normalize.hpp"
#include "geo/tables.hpp"

namespace frontmap {
namespace {

std::string lower_ascii(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

void add_words(std::unordered_set<std::string>& set, std::string_view table) {
    for (const auto& row : table_rows(table)) {
        std::string_view line = row[0];
        std::size_t pos = 0;
        while (pos < line.size()) {
            std::size_t e = line.find(' ', pos);
            if (e == std::string_view::npos) e = line.size();
            if (e > pos) set.insert(lower_ascii(line.substr(pos, e - pos)));
            pos = e + 1;
        }
    }
}

std::vector<std::string> split_words(std::string_view s) {
    std::vector<std::string> out;
    std::size_t pos = 0;
    while (pos < s.size()) {
        std::size_t e = s.find(' ', pos);
        if (e == std::string_view::npos) e = s.size();
        if (e > pos) out.push_back(lower_ascii(s.substr(pos, e - pos)));
        pos = e + 1;
    }
    return out;
}

void add_phrases(std::vector<Phrase>& out, std::string_view table) {
    for (const auto& row : table_rows(table)) {
        Phrase p;
        p.words = split_words(row[0]);
        if (p.words.empty()) continue;
        if (row.size() > 1) p.value = std::string(row[1]);
        if (row.size() > 2) p.type = std::string(row[2]);
        out.push_back(std::move(p));
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const Phrase& a, const Phrase& b) { return a.words.size() > b.words.size(); });
}

void index_first(const std::vector<Phrase>& phrases, std::unordered_map<std::string, std::vector<std::size_t>>& idx) {
    for (std::size_t i = 0; i < phrases.size(); ++i) idx[phrases[i].words.front()].push_back(i);
}

}  // namespace

const Lexicon& Lexicon::get() {
    static const Lexicon lex = [] {
        Lexicon l;
        add_words(l.stopwords, tables::stopwords());
        add_words(l.given_names, tables::given_names());
        // normalised too, so "Micheál" and "Micheal" both count
        std::vector<std::string> extra;
        for (const auto& g : l.given_names) extra.push_back(fast_key(g));
        l.given_names.insert(extra.begin(), extra.end());
        add_words(l.titles, tables::titles());
        add_words(l.org_words, tables::org_words());
        for (const auto& row : table_rows(tables::not_places())) l.not_places.insert(fast_key(row[0]));
        add_phrases(l.actors, tables::actors());
        add_phrases(l.force_nouns, tables::force_nouns());
        add_phrases(l.stances, tables::stance_verbs());
        index_first(l.actors, l.actor_first);
        index_first(l.stances, l.stance_first);
        return l;
    }();
    return lex;
}

}  // namespace frontmap
