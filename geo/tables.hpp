#pragma once
// The reader's curated tables (data/*.tsv, written by the team), embedded at build time by
// cmake/embed_tables.cmake. Lines starting with '#' are comments.

#include <string_view>

namespace frontmap::tables {

std::string_view actors();
std::string_view continents();
std::string_view force_nouns();
std::string_view given_names();
std::string_view landmarks();
std::string_view not_places();
std::string_view org_words();
std::string_view reader_aliases();
std::string_view stance_verbs();
std::string_view stopwords();
std::string_view titles();

}  // namespace frontmap::tables
