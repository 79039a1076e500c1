#pragma once
// Date expressions in article text, resolved against the article's date: "on Tuesday" (the latest
// Tuesday on or before the article date), "yesterday", "last week", "a fortnight ago",
// "two days ago", "in September", "last May", "since 2014", "on 24 February 2022",
// "February 24, 2022", "2022-02-24".

#include <optional>
#include <string_view>
#include <vector>

#include "geo/article.hpp"
#include "geo/tokenize.hpp"

namespace frontmap {

enum class DateGranularity { day, week, month, year };

struct DateMention {
    std::size_t tok_begin = 0, tok_end = 0;  // token range [begin, end)
    Date date{};                             // first day of the period it names
    DateGranularity granularity = DateGranularity::day;
    bool since = false;                      // "since 2014": a start, not a point
    bool relative = false;                   // needed the article date
};

// Finds date expressions. Without an article date, absolute ones are still found and relative
// ones are skipped (`unresolved` counts them when given).
std::vector<DateMention> find_dates(std::string_view text, const Tokens& tokens, std::optional<Date> article_date,
                                    std::size_t* unresolved = nullptr);

// Convenience for tests: tokenises `text` and returns the first date found.
std::optional<DateMention> first_date(std::string_view text, std::optional<Date> article_date);

}  // namespace frontmap
