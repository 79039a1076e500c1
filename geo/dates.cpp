#include "geo/dates.hpp"

#include <array>
#include <charconv>
#include <string>

namespace frontmap {
namespace {

using namespace std::chrono;

int month_of(std::string_view w) {
    static const std::array<std::string_view, 12> kFull = {"january", "february", "march",     "april",
                                                          "may",     "june",     "july",      "august",
                                                          "september", "october", "november", "december"};
    static const std::array<std::string_view, 12> kShort = {"jan", "feb", "mar", "apr", "may", "jun",
                                                           "jul", "aug", "sep", "oct", "nov", "dec"};
    for (std::size_t i = 0; i < 12; ++i)
        if (w == kFull[i] || w == kShort[i] || (i == 8 && w == "sept")) return static_cast<int>(i) + 1;
    return 0;
}

int weekday_of(std::string_view w) {  // 0 = Sunday, like std::chrono::weekday
    static const std::array<std::string_view, 7> kDays = {"sunday", "monday", "tuesday", "wednesday",
                                                          "thursday", "friday", "saturday"};
    for (std::size_t i = 0; i < 7; ++i)
        if (w == kDays[i]) return static_cast<int>(i);
    return -1;
}

int small_number(std::string_view w) {
    static const std::array<std::string_view, 13> kWords = {"zero", "one", "two",   "three", "four",
                                                            "five", "six", "seven", "eight", "nine",
                                                            "ten",  "eleven", "twelve"};
    for (std::size_t i = 0; i < kWords.size(); ++i)
        if (w == kWords[i]) return static_cast<int>(i);
    if (w == "a" || w == "an") return 1;
    if (w == "several" || w == "few") return 3;
    int v = 0;
    if (!w.empty() && w.size() <= 3) {
        auto r = std::from_chars(w.data(), w.data() + w.size(), v);
        if (r.ec == std::errc() && r.ptr == w.data() + w.size()) return v;
    }
    return -1;
}

int int_token(const Token& t, int lo, int hi) {
    if (!t.word || !t.number) return -1;
    int v = 0;
    auto r = std::from_chars(t.lower.data(), t.lower.data() + t.lower.size(), v);
    if (r.ec != std::errc()) return -1;
    // allow ordinals "24th"
    std::string_view rest(r.ptr, static_cast<std::size_t>(t.lower.data() + t.lower.size() - r.ptr));
    if (!rest.empty() && rest != "st" && rest != "nd" && rest != "rd" && rest != "th") return -1;
    return v >= lo && v <= hi ? v : -1;
}

Date latest_month_on_or_before(const Date& ref, int month, bool strictly_before) {
    int y = static_cast<int>(ref.year());
    int m = static_cast<int>(static_cast<unsigned>(ref.month()));
    if (month > m || (strictly_before && month == m)) --y;
    return year{y} / static_cast<unsigned>(month) / 1;
}

// "24 February" with no year: that day in the reference year, or the year before when it would
// lie after the reference date.
Date latest_day_on_or_before(const Date& ref, int month, int day) {
    Date cand = year{static_cast<int>(ref.year())} / static_cast<unsigned>(month) / static_cast<unsigned>(day);
    if (cand > ref) cand = year{static_cast<int>(ref.year()) - 1} / static_cast<unsigned>(month) / static_cast<unsigned>(day);
    return cand;
}

Date add_days(const Date& d, int days) { return year_month_day{sys_days{d} + std::chrono::days{days}}; }

}  // namespace

std::vector<DateMention> find_dates(std::string_view text, const Tokens& tokens, std::optional<Date> ref,
                                    std::size_t* unresolved) {
    (void)text;
    std::vector<DateMention> out;
    const auto& t = tokens.tokens;
    const std::size_t n = t.size();
    auto w = [&](std::size_t i) -> std::string_view {
        return i < n && t[i].word ? std::string_view(t[i].lower) : std::string_view();
    };
    auto p = [&](std::size_t i) -> std::string_view { return i < n && !t[i].word ? std::string_view(t[i].lower) : std::string_view(); };
    std::size_t skipped = 0;
    for (std::size_t i = 0; i < n; ++i) {
        if (!t[i].word) continue;
        DateMention m;
        m.tok_begin = i;
        bool found = false;
        std::string_view a = w(i);
        // Absolute: "24 February 2022", "24 February", "February 24, 2022", "February 24", "February 2022"
        if (int day = int_token(t[i], 1, 31); day > 0 && month_of(w(i + 1)) > 0) {
            if (int mon = month_of(w(i + 1)); mon > 0 && w(i + 1).size() >= 3) {
                int yr = int_token(t.size() > i + 2 ? t[i + 2] : t[i], 1900, 2199);
                if (i + 2 < n && yr > 0) {
                    m.date = year{yr} / static_cast<unsigned>(mon) / static_cast<unsigned>(day);
                    m.tok_end = i + 3;
                    found = m.date.ok();
                } else if (ref) {
                    m.date = latest_day_on_or_before(*ref, mon, day);
                    m.tok_end = i + 2;
                    m.relative = true;
                    found = m.date.ok();
                } else {
                    ++skipped;
                }
            }
        } else if (int mon = month_of(a); mon > 0 && a.size() >= 3 && (t[i].upper || a.size() > 3)) {
            // "May" is also a verb: require capital letter (all month tokens are capitalised in English).
            if (!t[i].upper) continue;
            if (int day = i + 1 < n ? int_token(t[i + 1], 1, 31) : -1; day > 0) {
                std::size_t j = i + 2;
                if (p(j) == ",") ++j;
                int yr = j < n ? int_token(t[j], 1900, 2199) : -1;
                if (yr > 0) {
                    m.date = year{yr} / static_cast<unsigned>(mon) / static_cast<unsigned>(day);
                    m.tok_end = j + 1;
                    found = m.date.ok();
                } else if (ref) {
                    m.date = latest_day_on_or_before(*ref, mon, day);
                    m.tok_end = i + 2;
                    m.relative = true;
                    found = m.date.ok();
                } else {
                    ++skipped;
                }
            } else if (int yr = i + 1 < n ? int_token(t[i + 1], 1900, 2199) : -1; yr > 0) {
                m.date = year{yr} / static_cast<unsigned>(mon) / 1;
                m.granularity = DateGranularity::month;
                m.tok_end = i + 2;
                found = true;
            } else {
                // "in September", "last May", "since March", "early/mid/late November"
                std::string_view before = i > 0 ? w(i - 1) : std::string_view();
                if (before == "mid" && i > 1) before = w(i - 2);
                bool last = before == "last";
                bool cue = last || before == "in" || before == "since" || before == "early" || before == "late" ||
                           before == "mid" || before == "of" || before == "until" || before == "by" ||
                           before == "from" || before == "this" || before == "during";
                if (cue && ref) {
                    m.date = latest_month_on_or_before(*ref, mon, last);
                    m.granularity = DateGranularity::month;
                    m.tok_end = i + 1;
                    if (last || before == "this") m.tok_begin = i - 1;
                    m.since = before == "since";
                    m.relative = true;
                    found = true;
                } else if (cue) {
                    ++skipped;
                }
            }
        } else if (int yr = int_token(t[i], 1900, 2199); yr > 0 && t[i].lower.size() == 4) {
            std::string_view before = i > 0 ? w(i - 1) : std::string_view();
            if (before == "since" || before == "in" || before == "to" || before == "from" || before == "of" ||
                before == "until" || before == "by" || before == "early" || before == "late" || before == "mid" ||
                before == "summer" || before == "spring" || before == "autumn" || before == "winter" || before == "fall") {
                m.date = year{yr} / 1 / 1;
                m.granularity = DateGranularity::year;
                m.tok_end = i + 1;
                m.since = before == "since";
                found = true;
                // ISO date written with hyphens is tokenised as 2022 02 24 (hyphen_before set)
            }
            if (i + 2 < n && t[i + 1].hyphen_before && t[i + 2].hyphen_before) {
                if (auto d = parse_iso_date(text.substr(t[i].b0, t[i + 2].b1 - t[i].b0))) {
                    m.date = *d;
                    m.granularity = DateGranularity::day;
                    m.tok_end = i + 3;
                    found = true;
                }
            }
        } else if (int wd = weekday_of(a); wd >= 0) {
            // "on Tuesday", "Tuesday's talks", "last Tuesday": the latest such day on or before.
            if (ref) {
                unsigned rd = weekday{sys_days{*ref}}.c_encoding();
                int back = (static_cast<int>(rd) - wd + 7) % 7;
                if (w(i - 1 < n ? i - 1 : n) == "last" && i > 0) {
                    if (back == 0) back = 7;
                    m.tok_begin = i - 1;
                }
                m.date = add_days(*ref, -back);
                m.tok_end = i + 1;
                m.relative = true;
                found = true;
            } else {
                ++skipped;
            }
        } else if (a == "yesterday" || a == "today" || a == "tonight" || a == "tomorrow") {
            if (ref) {
                m.date = add_days(*ref, a == "yesterday" ? -1 : (a == "tomorrow" ? 1 : 0));
                m.tok_end = i + 1;
                m.relative = true;
                found = true;
            } else {
                ++skipped;
            }
        } else if ((a == "last" || a == "this" || a == "past" || a == "previous") &&
                   (w(i + 1) == "week" || w(i + 1) == "month" || w(i + 1) == "year" || w(i + 1) == "weekend" ||
                    w(i + 1) == "night" || w(i + 1) == "fortnight")) {
            if (ref) {
                std::string_view unit = w(i + 1);
                bool prev = a != "this";
                m.relative = true;
                m.tok_end = i + 2;
                found = true;
                if (unit == "week") {
                    m.date = add_days(*ref, prev ? -7 : 0);
                    m.granularity = DateGranularity::week;
                } else if (unit == "fortnight") {
                    m.date = add_days(*ref, -14);
                    m.granularity = DateGranularity::week;
                } else if (unit == "night") {
                    m.date = add_days(*ref, prev ? -1 : 0);
                } else if (unit == "weekend") {
                    unsigned rd = weekday{sys_days{*ref}}.c_encoding();
                    int back = (static_cast<int>(rd) - 6 + 7) % 7;  // latest Saturday
                    m.date = add_days(*ref, -back);
                } else if (unit == "month") {
                    year_month ym{ref->year(), ref->month()};
                    if (prev) ym -= months{1};
                    m.date = ym / 1;
                    m.granularity = DateGranularity::month;
                } else {
                    m.date = (prev ? ref->year() - years{1} : ref->year()) / 1 / 1;
                    m.granularity = DateGranularity::year;
                }
            } else {
                ++skipped;
            }
        } else if (a == "the" && w(i + 1) == "weekend" && i > 0 && (w(i - 1) == "over" || w(i - 1) == "at")) {
            if (ref) {
                unsigned rd = weekday{sys_days{*ref}}.c_encoding();
                int back = (static_cast<int>(rd) - 6 + 7) % 7;
                if (back == 0 && rd != 6) back = 7;
                m.date = add_days(*ref, -back);
                m.tok_end = i + 2;
                m.relative = true;
                found = true;
            }
        } else {
            // "<N> days/weeks/months/years ago", "a fortnight ago", "a couple of days ago"
            std::size_t j = i;
            int count = small_number(a);
            if (a == "a" && w(i + 1) == "couple" && w(i + 2) == "of") {
                count = 2;
                j = i + 2;
            }
            if (count >= 0) {
                std::string_view unit = w(j + 1);
                if (w(j + 2) == "ago") {
                    int days = -1;
                    DateGranularity g = DateGranularity::day;
                    if (unit == "day" || unit == "days") days = count;
                    else if (unit == "week" || unit == "weeks") days = 7 * count, g = DateGranularity::week;
                    else if (unit == "fortnight" || unit == "fortnights") days = 14 * count, g = DateGranularity::week;
                    else if (unit == "month" || unit == "months") days = 30 * count, g = DateGranularity::month;
                    else if (unit == "year" || unit == "years") days = 365 * count, g = DateGranularity::year;
                    if (days >= 0) {
                        if (ref) {
                            m.date = add_days(*ref, -days);
                            if (unit.substr(0, 4) == "year") m.date = (ref->year() - years{count}) / ref->month() / ref->day();
                            if (!m.date.ok()) m.date = year_month_day_last{m.date.year(), month_day_last{m.date.month()}};
                            m.granularity = g;
                            m.tok_end = j + 3;
                            m.relative = true;
                            found = true;
                        } else {
                            ++skipped;
                        }
                    }
                }
            }
        }
        if (found && m.date.ok()) {
            out.push_back(m);
            i = m.tok_end - 1;
        }
    }
    if (unresolved) *unresolved = skipped;
    return out;
}

std::optional<DateMention> first_date(std::string_view text, std::optional<Date> article_date) {
    Tokens tk = tokenize(text);
    auto v = find_dates(text, tk, article_date);
    if (v.empty()) return std::nullopt;
    return v.front();
}

}  // namespace frontmap
