#pragma once
// An article as frontmap reads it: UTF-8 text, optionally opened by front matter
// ("---" lines with date:, source:, url:, title:), validated before anything looks at it.

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace frontmap {

using Date = std::chrono::year_month_day;

// "YYYY-MM-DD" -> Date; nullopt when malformed or not a real calendar day.
std::optional<Date> parse_iso_date(std::string_view s);
std::string format_date(const Date& d);

struct Article {
    std::string text;            // the whole file, front matter included (offsets count from 0)
    std::size_t body_start = 0;  // byte offset where the body begins (after front matter)
    std::optional<Date> date;    // from front matter, or set by the caller (--date wins)
    std::string source, url, title;
};

// Largest article frontmap reads; larger files are refused with a clear error.
inline constexpr std::size_t kMaxArticleBytes = 4u * 1024u * 1024u;

// Validates (non-empty, no NUL bytes, valid UTF-8, size limit) and parses front matter.
// `name` is used in error messages. Throws InputError.
Article parse_article(std::string text, const std::string& name);
Article load_article(const std::filesystem::path& path);

// True when `s` is well-formed UTF-8 (no overlongs, no surrogates); `bad_at` gets the offset
// of the first bad byte otherwise.
bool valid_utf8(std::string_view s, std::size_t* bad_at = nullptr);

}  // namespace frontmap
