#pragma once
// The gazetteer: the `names` table of base.gpkg (one row per normalised name variant and
// entity; schema in the common brief), queried with prepared SQLite statements so nothing
// large is loaded at start-up, plus the team's small tables (continents, landmarks, extra
// aliases) embedded in the binary. Lookups are cached per Gazetteer.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace frontmap {

enum class PlaceKind { city, region, country, continent, landmark };
enum class NameSource { name, ascii, alt, alias };

const char* to_string(PlaceKind k);

struct Place {
    std::string name;
    PlaceKind kind = PlaceKind::city;
    std::int64_t geonames_id = 0;  // 0: none
    std::string iso;               // ISO 3166-2 for regions, alpha-2 for countries
    std::string country;           // alpha-2
    std::string admin1;            // ISO 3166-2 of the containing region (cities)
    std::string feature_code;
    std::int64_t population = 0;
    double lat = 0, lon = 0;
    NameSource source = NameSource::name;

    // Stable identity used by the store: "gn:703656", "iso:UA-43", "iso:US", "lm:moscow-kremlin".
    std::string place_key() const;
};

struct FuzzyHit {
    std::string key;
    int distance = 0;
};

class Gazetteer {
public:
    // Opens base.gpkg (read-only). Throws Error when it is missing or has no `names` table.
    static std::unique_ptr<Gazetteer> open(const std::string& path);
    ~Gazetteer();
    Gazetteer(const Gazetteer&) = delete;
    Gazetteer& operator=(const Gazetteer&) = delete;

    // Every entity with this normalised key (one Place per entity, best name source kept).
    const std::vector<Place>& lookup(const std::string& key);
    // Keys within `max_distance` edits of `key` sharing its first two letters (bounded fuzzy).
    std::vector<FuzzyHit> fuzzy(const std::string& key, int max_distance);

    // The GeoNames name of a populated place (base.gpkg `places`), or "" when unknown; the
    // variant a lookup matched may be in another script ("Піщане" for Pishchane).
    std::string canonical_name(std::int64_t geonames_id);
    // A region's Natural Earth type_en ("Region", "Federal City", "Municipality"), "" if unknown.
    std::string region_type(const std::string& iso);

    std::size_t queries() const noexcept { return queries_; }

private:
    explicit Gazetteer(sqlite3* db);
    void load_extra();
    sqlite3* db_ = nullptr;
    sqlite3_stmt* by_key_ = nullptr;
    sqlite3_stmt* by_prefix_ = nullptr;
    sqlite3_stmt* by_id_ = nullptr;  // optional: null when base.gpkg has no places table
    std::unordered_map<std::int64_t, std::string> names_by_id_;
    sqlite3_stmt* type_by_iso_ = nullptr;  // optional
    std::unordered_map<std::string, std::string> types_by_iso_;
    std::unordered_map<std::string, std::vector<Place>> cache_;
    std::unordered_map<std::string, std::vector<Place>> extra_;
    std::size_t queries_ = 0;
};

// Levenshtein distance, giving up (returning limit + 1) once it exceeds `limit`.
int edit_distance(std::string_view a, std::string_view b, int limit);

// Splits a table (embedded TSV) into non-comment, non-empty lines of tab-separated fields.
std::vector<std::vector<std::string_view>> table_rows(std::string_view tsv);

}  // namespace frontmap
