#include "geo/article.hpp"

#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "geo/error.hpp"

namespace frontmap {

std::optional<Date> parse_iso_date(std::string_view s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
    auto num = [&](std::size_t from, std::size_t len) -> int {
        int v = 0;
        for (std::size_t i = from; i < from + len; ++i) {
            if (s[i] < '0' || s[i] > '9') return -1;
            v = v * 10 + (s[i] - '0');
        }
        return v;
    };
    int y = num(0, 4), m = num(5, 2), d = num(8, 2);
    if (y < 0 || m < 0 || d < 0) return std::nullopt;
    Date date{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(m)},
              std::chrono::day{static_cast<unsigned>(d)}};
    if (!date.ok()) return std::nullopt;
    return date;
}

std::string format_date(const Date& d) {
    return fmt::format("{:04d}-{:02d}-{:02d}", static_cast<int>(d.year()),
                       static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
}

bool valid_utf8(std::string_view s, std::size_t* bad_at) {
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    std::size_t n = s.size(), i = 0;
    while (i < n) {
        unsigned char c = p[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
        std::size_t len = 0;
        unsigned int cp = 0;
        if (c >= 0xC2 && c <= 0xDF) {
            len = 2;
            cp = c & 0x1Fu;
        } else if (c >= 0xE0 && c <= 0xEF) {
            len = 3;
            cp = c & 0x0Fu;
        } else if (c >= 0xF0 && c <= 0xF4) {
            len = 4;
            cp = c & 0x07u;
        } else {
            if (bad_at) *bad_at = i;
            return false;
        }
        if (i + len > n) {
            if (bad_at) *bad_at = i;
            return false;
        }
        for (std::size_t k = 1; k < len; ++k) {
            if ((p[i + k] & 0xC0u) != 0x80u) {
                if (bad_at) *bad_at = i;
                return false;
            }
            cp = (cp << 6) | (p[i + k] & 0x3Fu);
        }
        if ((len == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
            (len == 4 && (cp < 0x10000 || cp > 0x10FFFF))) {
            if (bad_at) *bad_at = i;
            return false;
        }
        i += len;
    }
    return true;
}

namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
    if (s.size() >= 2 && ((s.front() == '"' && s.back() == '"') || (s.front() == '\'' && s.back() == '\''))) {
        s.remove_prefix(1);
        s.remove_suffix(1);
    }
    return s;
}

}  // namespace

Article parse_article(std::string text, const std::string& name) {
    const std::string what = fmt::format("failed to read article '{}'", name);
    if (text.size() > kMaxArticleBytes)
        throw InputError(what, fmt::format("the file is {} bytes, more than the {} MB an article may have",
                                           text.size(), kMaxArticleBytes / (1024 * 1024)),
                         "split it into articles");
    // Skip a UTF-8 byte order mark by blanking nothing: offsets stay file offsets.
    std::size_t start = 0;
    if (text.size() >= 3 && text.compare(0, 3, "\xEF\xBB\xBF") == 0) start = 3;
    bool blank = true;
    for (std::size_t i = start; i < text.size() && blank; ++i) {
        char c = text[i];
        if (c != ' ' && c != '\n' && c != '\r' && c != '\t') blank = false;
    }
    if (blank) throw InputError(what, "the file is empty");
    if (text.find('\0') != std::string::npos)
        throw InputError(what, "it is a binary file (it contains NUL bytes), not UTF-8 text");
    std::size_t bad = 0;
    if (!valid_utf8(text, &bad))
        throw InputError(what, fmt::format("invalid UTF-8 at byte {}", bad), "convert it to UTF-8 first");

    Article a;
    a.body_start = start;
    // Front matter: the first line is exactly "---", closed by the next "---" line.
    std::string_view v(text);
    auto line_at = [&](std::size_t pos, std::size_t& next) {
        std::size_t e = v.find('\n', pos);
        next = e == std::string_view::npos ? v.size() : e + 1;
        std::string_view l = v.substr(pos, (e == std::string_view::npos ? v.size() : e) - pos);
        if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
        return l;
    };
    std::size_t next = 0;
    if (line_at(start, next) == "---") {
        std::size_t pos = next;
        bool closed = false;
        std::string date_text;
        while (pos < v.size()) {
            std::string_view l = line_at(pos, next);
            if (l == "---") {
                closed = true;
                pos = next;
                break;
            }
            std::size_t colon = l.find(':');
            if (colon != std::string_view::npos) {
                std::string_view key = trim(l.substr(0, colon)), value = trim(l.substr(colon + 1));
                if (key == "date") date_text = std::string(value);
                else if (key == "source") a.source = std::string(value);
                else if (key == "url") a.url = std::string(value);
                else if (key == "title") a.title = std::string(value);
            }
            pos = next;
        }
        if (closed) {
            a.body_start = pos;
            if (!date_text.empty()) {
                // Accept "2025-12-02" and "2025-12-02T10:00:00Z".
                a.date = parse_iso_date(std::string_view(date_text).substr(0, 10));
                if (!a.date)
                    throw InputError(what, fmt::format("front matter date '{}' is not YYYY-MM-DD", date_text));
            }
        }
    }
    a.text = std::move(text);
    return a;
}

Article load_article(const std::filesystem::path& path) {
    const std::string name = path.string();
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec))
        throw InputError(fmt::format("failed to read article '{}'", name), "it is a directory");
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError(fmt::format("failed to open article '{}'", name), "no such file or not readable");
    auto size = std::filesystem::file_size(path, ec);
    if (!ec && size > kMaxArticleBytes)
        throw InputError(fmt::format("failed to read article '{}'", name),
                         fmt::format("the file is {} bytes, more than the {} MB an article may have", size,
                                     kMaxArticleBytes / (1024 * 1024)),
                         "split it into articles");
    std::ostringstream ss;
    ss << in.rdbuf();
    return parse_article(std::move(ss).str(), name);
}

}  // namespace frontmap
