#include "geo/gazetteer.hpp"

#include <algorithm>
#include <charconv>
#include <filesystem>

#include <fmt/format.h>
#include <sqlite3.h>

#include "geo/error.hpp"
#include "geo/fast_key.hpp"
#include "geo/normalize.hpp"
#include "geo/tables.hpp"

namespace frontmap {

const char* to_string(PlaceKind k) {
    switch (k) {
        case PlaceKind::city: return "city";
        case PlaceKind::region: return "region";
        case PlaceKind::country: return "country";
        case PlaceKind::continent: return "continent";
        case PlaceKind::landmark: return "landmark";
    }
    return "city";
}

std::string Place::place_key() const {
    if (kind == PlaceKind::city && geonames_id != 0) return fmt::format("gn:{}", geonames_id);
    if ((kind == PlaceKind::region || kind == PlaceKind::country) && !iso.empty()) return "iso:" + iso;
    if (kind == PlaceKind::continent && geonames_id != 0) return fmt::format("gn:{}", geonames_id);
    std::string slug = fast_key(name);
    std::replace(slug.begin(), slug.end(), ' ', '-');
    if (kind == PlaceKind::landmark) return "lm:" + slug;
    if (geonames_id != 0) return fmt::format("gn:{}", geonames_id);
    return "nm:" + slug;
}

int edit_distance(std::string_view a, std::string_view b, int limit) {
    const int n = static_cast<int>(a.size()), m = static_cast<int>(b.size());
    if (std::abs(n - m) > limit) return limit + 1;
    std::vector<int> prev(static_cast<std::size_t>(m + 1)), cur(static_cast<std::size_t>(m + 1));
    for (int j = 0; j <= m; ++j) prev[static_cast<std::size_t>(j)] = j;
    for (int i = 1; i <= n; ++i) {
        cur[0] = i;
        int best = cur[0];
        for (int j = 1; j <= m; ++j) {
            int cost = a[static_cast<std::size_t>(i - 1)] == b[static_cast<std::size_t>(j - 1)] ? 0 : 1;
            cur[static_cast<std::size_t>(j)] = std::min({prev[static_cast<std::size_t>(j)] + 1,
                                                         cur[static_cast<std::size_t>(j - 1)] + 1,
                                                         prev[static_cast<std::size_t>(j - 1)] + cost});
            best = std::min(best, cur[static_cast<std::size_t>(j)]);
        }
        if (best > limit) return limit + 1;
        std::swap(prev, cur);
    }
    return prev[static_cast<std::size_t>(m)];
}

std::vector<std::vector<std::string_view>> table_rows(std::string_view tsv) {
    std::vector<std::vector<std::string_view>> rows;
    std::size_t pos = 0;
    while (pos < tsv.size()) {
        std::size_t e = tsv.find('\n', pos);
        if (e == std::string_view::npos) e = tsv.size();
        std::string_view line = tsv.substr(pos, e - pos);
        pos = e + 1;
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (line.empty() || line.front() == '#') continue;
        std::vector<std::string_view> fields;
        std::size_t f = 0;
        while (true) {
            std::size_t t = line.find('\t', f);
            fields.push_back(line.substr(f, t == std::string_view::npos ? std::string_view::npos : t - f));
            if (t == std::string_view::npos) break;
            f = t + 1;
        }
        rows.push_back(std::move(fields));
    }
    return rows;
}

namespace {

PlaceKind kind_of(std::string_view s) {
    if (s == "region") return PlaceKind::region;
    if (s == "country") return PlaceKind::country;
    if (s == "continent") return PlaceKind::continent;
    if (s == "landmark") return PlaceKind::landmark;
    return PlaceKind::city;
}

NameSource source_of(std::string_view s) {
    if (s == "ascii") return NameSource::ascii;
    if (s == "alt") return NameSource::alt;
    return NameSource::name;
}

std::string col_text(sqlite3_stmt* st, int i) {
    const unsigned char* t = sqlite3_column_text(st, i);
    return t ? std::string(reinterpret_cast<const char*>(t)) : std::string();
}

double to_double(std::string_view s) {
    try {
        return std::stod(std::string(s));
    } catch (const std::exception&) {
        return 0.0;
    }
}

std::string entity_id(const Place& p) {
    if (p.kind == PlaceKind::city) return fmt::format("c{}", p.geonames_id);
    return fmt::format("{}:{}:{}", static_cast<int>(p.kind), p.iso, p.iso.empty() ? p.name : std::string());
}

// Keeps one Place per entity, the one found under the best name source.
void merge_into(std::vector<Place>& v, Place p) {
    const std::string id = entity_id(p);
    for (auto& q : v) {
        if (entity_id(q) == id) {
            if (q.geonames_id == 0) q.geonames_id = p.geonames_id;
            if (static_cast<int>(p.source) < static_cast<int>(q.source)) {
                q.source = p.source;
                q.name = p.name;  // the name under the best source ("Pishchane", not "Піщане")
            }
            return;
        }
    }
    v.push_back(std::move(p));
}

}  // namespace

Gazetteer::Gazetteer(sqlite3* db) : db_(db) {}

Gazetteer::~Gazetteer() {
    sqlite3_finalize(by_key_);
    sqlite3_finalize(by_prefix_);
    sqlite3_finalize(by_id_);
    sqlite3_finalize(type_by_iso_);
    sqlite3_close(db_);
}

std::unique_ptr<Gazetteer> Gazetteer::open(const std::string& path) {
    const std::string what = fmt::format("failed to open gazetteer '{}'", path);
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec))
        throw InputError(what, "no such file", "run data/fetch first, or pass --base / set FRONTMAP_BASE");
    sqlite3* db = nullptr;
    int rc = sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
        std::string why = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
        sqlite3_close(db);
        throw InputError(what, why);
    }
    std::unique_ptr<Gazetteer> g(new Gazetteer(db));
    const char* sql_key =
        "SELECT name, kind, geonames_id, iso, country, admin1_iso, feature_code, population, lat, lon, source "
        "FROM names WHERE key = ?1";
    if (sqlite3_prepare_v3(db, sql_key, -1, SQLITE_PREPARE_PERSISTENT, &g->by_key_, nullptr) != SQLITE_OK)
        throw InputError(what, fmt::format("it has no usable names table ({})", sqlite3_errmsg(db)),
                         "rebuild it with data/fetch");
    const char* sql_prefix = "SELECT DISTINCT key FROM names WHERE key >= ?1 AND key < ?2";
    if (sqlite3_prepare_v3(db, sql_prefix, -1, SQLITE_PREPARE_PERSISTENT, &g->by_prefix_, nullptr) != SQLITE_OK)
        throw InputError(what, sqlite3_errmsg(db));
    if (sqlite3_prepare_v3(db, "SELECT name FROM places WHERE geonames_id = ?1", -1, SQLITE_PREPARE_PERSISTENT,
                           &g->by_id_, nullptr) != SQLITE_OK)
        g->by_id_ = nullptr;
    // A region's Natural Earth type is read only when two regions share a name (admin1 rows keep
    // their geometry before type_en, so reading it costs the geometry).
    if (sqlite3_prepare_v3(db, "SELECT type_en FROM admin1 WHERE iso_3166_2 = ?1 LIMIT 1", -1,
                           SQLITE_PREPARE_PERSISTENT, &g->type_by_iso_, nullptr) != SQLITE_OK)
        g->type_by_iso_ = nullptr;
    g->load_extra();
    return g;
}

void Gazetteer::load_extra() {
    for (std::string_view table : {tables::reader_aliases(), tables::continents(), tables::landmarks()}) {
        for (const auto& r : table_rows(table)) {
            if (r.size() < 8) continue;
            Place p;
            p.kind = kind_of(r[1]);
            p.name = std::string(r[2]);
            p.iso = std::string(r[3]);
            p.country = std::string(r[4]);
            if (!r[5].empty()) std::from_chars(r[5].data(), r[5].data() + r[5].size(), p.geonames_id);
            p.lat = to_double(r[6]);
            p.lon = to_double(r[7]);
            p.source = NameSource::alias;
            if (p.kind == PlaceKind::region) p.admin1 = p.iso;
            extra_[fast_key(r[0])].push_back(std::move(p));
        }
    }
}

const std::vector<Place>& Gazetteer::lookup(const std::string& key) {
    if (auto it = cache_.find(key); it != cache_.end()) return it->second;
    std::vector<Place> out;
    ++queries_;
    sqlite3_reset(by_key_);
    sqlite3_bind_text(by_key_, 1, key.data(), static_cast<int>(key.size()), SQLITE_TRANSIENT);
    int rc;
    while ((rc = sqlite3_step(by_key_)) == SQLITE_ROW) {
        Place p;
        p.name = col_text(by_key_, 0);
        p.kind = kind_of(col_text(by_key_, 1));
        p.geonames_id = sqlite3_column_int64(by_key_, 2);
        p.iso = col_text(by_key_, 3);
        p.country = col_text(by_key_, 4);
        p.admin1 = col_text(by_key_, 5);
        p.feature_code = col_text(by_key_, 6);
        p.population = sqlite3_column_int64(by_key_, 7);
        p.lat = sqlite3_column_double(by_key_, 8);
        p.lon = sqlite3_column_double(by_key_, 9);
        p.source = source_of(col_text(by_key_, 10));
        if (p.kind == PlaceKind::region && p.admin1.empty()) p.admin1 = p.iso;
        merge_into(out, std::move(p));
    }
    if (rc != SQLITE_DONE)
        throw InputError("failed to query 'names'", sqlite3_errmsg(db_), "the base data may be corrupt");
    sqlite3_reset(by_key_);
    if (auto it = extra_.find(key); it != extra_.end()) {
        for (const Place& p : it->second) {
            // An alias for a country or region the table already has only adds its ids.
            bool merged = false;
            for (auto& q : out) {
                if (q.kind == p.kind && !p.iso.empty() && q.iso == p.iso) {
                    if (q.geonames_id == 0) q.geonames_id = p.geonames_id;
                    if (p.kind == PlaceKind::country) q.name = p.name;
                    merged = true;
                }
            }
            if (!merged) out.push_back(p);
        }
    }
    return cache_.emplace(key, std::move(out)).first->second;
}

std::string Gazetteer::region_type(const std::string& iso) {
    if (type_by_iso_ == nullptr || iso.empty()) return {};
    if (auto it = types_by_iso_.find(iso); it != types_by_iso_.end()) return it->second;
    ++queries_;
    sqlite3_reset(type_by_iso_);
    sqlite3_bind_text(type_by_iso_, 1, iso.data(), static_cast<int>(iso.size()), SQLITE_TRANSIENT);
    std::string type;
    if (sqlite3_step(type_by_iso_) == SQLITE_ROW) type = col_text(type_by_iso_, 0);
    sqlite3_reset(type_by_iso_);
    types_by_iso_.emplace(iso, type);
    return type;
}

std::string Gazetteer::canonical_name(std::int64_t geonames_id) {
    if (by_id_ == nullptr || geonames_id == 0) return {};
    if (auto it = names_by_id_.find(geonames_id); it != names_by_id_.end()) return it->second;
    ++queries_;
    sqlite3_reset(by_id_);
    sqlite3_bind_int64(by_id_, 1, geonames_id);
    std::string name;
    if (sqlite3_step(by_id_) == SQLITE_ROW) name = col_text(by_id_, 0);
    sqlite3_reset(by_id_);
    names_by_id_.emplace(geonames_id, name);
    return name;
}

std::vector<FuzzyHit> Gazetteer::fuzzy(const std::string& key, int max_distance) {
    std::vector<FuzzyHit> hits;
    if (key.size() < 4) return hits;
    std::string lo = key.substr(0, 2), hi = lo;
    hi.back() = static_cast<char>(hi.back() + 1);
    ++queries_;
    sqlite3_reset(by_prefix_);
    sqlite3_bind_text(by_prefix_, 1, lo.data(), static_cast<int>(lo.size()), SQLITE_TRANSIENT);
    sqlite3_bind_text(by_prefix_, 2, hi.data(), static_cast<int>(hi.size()), SQLITE_TRANSIENT);
    int rc;
    while ((rc = sqlite3_step(by_prefix_)) == SQLITE_ROW) {
        const unsigned char* t = sqlite3_column_text(by_prefix_, 0);
        if (!t) continue;
        std::string_view k(reinterpret_cast<const char*>(t));
        if (k == key || k.find(' ') != std::string_view::npos) continue;
        int d = edit_distance(key, k, max_distance);
        if (d <= max_distance) hits.push_back({std::string(k), d});
    }
    sqlite3_reset(by_prefix_);
    std::sort(hits.begin(), hits.end(), [](const FuzzyHit& a, const FuzzyHit& b) {
        return a.distance != b.distance ? a.distance < b.distance : a.key < b.key;
    });
    return hits;
}

}  // namespace frontmap
