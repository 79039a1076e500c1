#pragma once
// Dates as the store keeps them: YYYY-MM-DD, proleptic Gregorian.

#include <string>

namespace frontmap::layers {

bool is_iso_date(const std::string& s);
// Days from a to b (b - a). Both must be valid dates.
int days_between(const std::string& a, const std::string& b);
std::string add_days(const std::string& date, int days);

}  // namespace frontmap::layers
