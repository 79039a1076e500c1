#pragma once
// The reader's word lists (data/*.tsv embedded at build time) as hash sets and phrase tables,
// built once per process.

#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace frontmap {

struct Phrase {
    std::vector<std::string> words;  // lower case, as tokenised (possessives dropped)
    std::string value;               // actor code or stance class
    std::string type;                // actor type (country, capital, government, demonym, person)
};

struct Lexicon {
    std::unordered_set<std::string> stopwords;    // lower case
    std::unordered_set<std::string> given_names;  // lower case
    std::unordered_set<std::string> titles;       // lower case
    std::unordered_set<std::string> org_words;    // lower case
    std::unordered_set<std::string> not_places;   // normalised keys
    std::vector<Phrase> actors;                   // longest first
    std::vector<Phrase> force_nouns;              // longest first
    std::vector<Phrase> stances;                  // longest first
    std::unordered_map<std::string, std::vector<std::size_t>> actor_first;   // first word -> indexes
    std::unordered_map<std::string, std::vector<std::size_t>> stance_first;  // first word -> indexes

    static const Lexicon& get();
};

}  // namespace frontmap
