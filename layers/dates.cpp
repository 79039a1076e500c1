#include "layers/dates.hpp"

#include <cctype>
#include <chrono>
#include <optional>

#include <fmt/format.h>

#include "geo/error.hpp"

namespace frontmap::layers {

namespace {

std::optional<std::chrono::year_month_day> parse_date(const std::string& s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
    for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
        if (!std::isdigit(static_cast<unsigned char>(s[i]))) return std::nullopt;
    }
    const std::chrono::year_month_day ymd{std::chrono::year(std::stoi(s.substr(0, 4))),
                                          std::chrono::month(static_cast<unsigned>(std::stoi(s.substr(5, 2)))),
                                          std::chrono::day(static_cast<unsigned>(std::stoi(s.substr(8, 2))))};
    if (!ymd.ok()) return std::nullopt;
    return ymd;
}

std::string format_date(std::chrono::year_month_day ymd) {
    return fmt::format("{:04d}-{:02d}-{:02d}", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                       static_cast<unsigned>(ymd.day()));
}

}  // namespace

bool is_iso_date(const std::string& s) { return parse_date(s).has_value(); }

int days_between(const std::string& a, const std::string& b) {
    auto da = parse_date(a), db = parse_date(b);
    if (!da || !db) throw InputError("failed to compare dates '" + a + "' and '" + b + "'", "expected YYYY-MM-DD");
    return static_cast<int>((std::chrono::sys_days(*db) - std::chrono::sys_days(*da)).count());
}

std::string add_days(const std::string& date, int days) {
    auto d = parse_date(date);
    if (!d) throw InputError("failed to read date '" + date + "'", "expected YYYY-MM-DD");
    return format_date(std::chrono::year_month_day(std::chrono::sys_days(*d) + std::chrono::days(days)));
}

}  // namespace frontmap::layers
