#include <gtest/gtest.h>

#include "geo/dates.hpp"

using namespace frontmap;

namespace {
const Date kTue = *parse_iso_date("2025-12-02");  // a Tuesday

std::string resolve(const std::string& text, std::optional<Date> ref = kTue) {
    auto m = first_date(text, ref);
    return m ? format_date(m->date) : std::string("none");
}
}  // namespace

TEST(Dates, IsoParsing) {
    EXPECT_TRUE(parse_iso_date("2024-02-29"));
    EXPECT_FALSE(parse_iso_date("2023-02-29"));
    EXPECT_FALSE(parse_iso_date("2023-13-01"));
    EXPECT_FALSE(parse_iso_date("20231301"));
    EXPECT_EQ(format_date(*parse_iso_date("2022-02-24")), "2022-02-24");
}

TEST(Dates, Weekdays) {
    EXPECT_EQ(resolve("Talks took place on Tuesday."), "2025-12-02");  // same day
    EXPECT_EQ(resolve("He arrived on Monday."), "2025-12-01");
    EXPECT_EQ(resolve("The strike on Wednesday hit a depot."), "2025-11-26");
    EXPECT_EQ(resolve("Before Tuesday's meeting he spoke."), "2025-12-02");
    EXPECT_EQ(resolve("It happened last Tuesday."), "2025-11-25");
    EXPECT_EQ(resolve("on Sunday"), "2025-11-30");
}

TEST(Dates, RelativeSpans) {
    EXPECT_EQ(resolve("Troops withdrew yesterday."), "2025-12-01");
    EXPECT_EQ(resolve("The town fell two days ago."), "2025-11-30");
    EXPECT_EQ(resolve("The town fell 3 days ago."), "2025-11-29");
    EXPECT_EQ(resolve("claimed it a fortnight ago"), "2025-11-18");
    EXPECT_EQ(resolve("as recently as last week"), "2025-11-25");
    EXPECT_EQ(resolve("a week ago"), "2025-11-25");
    EXPECT_EQ(resolve("over the weekend"), "2025-11-29");
    EXPECT_EQ(resolve("last month"), "2025-11-01");
    EXPECT_EQ(resolve("last year"), "2024-01-01");
    EXPECT_EQ(resolve("a couple of days ago"), "2025-11-30");
}

TEST(Dates, Months) {
    EXPECT_EQ(resolve("She was freed in September."), "2025-09-01");
    EXPECT_EQ(resolve("last May the offensive began"), "2025-05-01");
    EXPECT_EQ(resolve("since March"), "2025-03-01");
    // a month later in the year than the article date is last year's
    auto ref = parse_iso_date("2025-02-10");
    EXPECT_EQ(resolve("in September", ref), "2024-09-01");
    EXPECT_EQ(resolve("last February", ref), "2024-02-01");
    EXPECT_EQ(resolve("you may go"), "none");  // the verb "may"
}

TEST(Dates, Absolute) {
    EXPECT_EQ(resolve("on 24 February 2022"), "2022-02-24");
    EXPECT_EQ(resolve("on February 24, 2022"), "2022-02-24");
    EXPECT_EQ(resolve("on 24th February 2022"), "2022-02-24");
    EXPECT_EQ(resolve("on 2022-02-24"), "2022-02-24");
    EXPECT_EQ(resolve("on 5 December"), "2024-12-05");  // after the article date: last year's
    EXPECT_EQ(resolve("on 1 December"), "2025-12-01");
    auto s = first_date("since 2014", kTue);
    ASSERT_TRUE(s);
    EXPECT_TRUE(s->since);
    EXPECT_EQ(format_date(s->date), "2014-01-01");
    EXPECT_EQ(s->granularity, DateGranularity::year);
    EXPECT_EQ(resolve("dates back to 2014, when"), "2014-01-01");
    EXPECT_EQ(resolve("more than 14,000 civilians"), "none");
}

TEST(Dates, NoArticleDate) {
    EXPECT_EQ(resolve("on Tuesday", std::nullopt), "none");
    EXPECT_EQ(resolve("on 24 February 2022", std::nullopt), "2022-02-24");
    std::size_t unresolved = 0;
    std::string text = "On Tuesday and two days ago";
    auto tk = tokenize(text);
    find_dates(text, tk, std::nullopt, &unresolved);
    EXPECT_EQ(unresolved, 2u);
}
