// libFuzzer target for the article reader (STYLE 11): front matter, UTF-8 handling,
// tokenizing, recognition, resolution, claims and dates must never crash, hang or trip a
// sanitizer on any bytes. Bad input may only end in frontmap::Error (a clear message).
//
// The reader runs against a small gazetteer written once to a temporary folder (a few real
// rows in base.gpkg's `names` schema), so the target needs no base data.

#include <sqlite3.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

#include "geo/error.hpp"
#include "geo/normalize.hpp"
#include "geo/reader.hpp"

namespace {

struct Row {
    const char* name;
    const char* kind;
    long long gid;
    const char* iso;
    const char* country;
    const char* admin1;
    const char* feature_code;
    long long population;
    double lat, lon;
};

const Row kRows[] = {
    {"Pokrovsk", "city", 704422, nullptr, "UA", "UA-14", "PPLA2", 60127, 48.28198, 37.17585},
    {"Pokrovsk", "city", 2017824, nullptr, "RU", "RU-SA", "PPL", 9763, 61.47768, 129.13699},
    {"Donetsk", "city", 709717, nullptr, "UA", "UA-14", "PPLA", 901645, 48.023, 37.80224},
    {"Donets'k", "region", 709716, "UA-14", "UA", "UA-14", "ADM1", 0, 48.145, 37.7933},
    {"Kupiansk", "city", 703656, nullptr, "UA", "UA-63", "PPLA2", 27169, 49.71003, 37.61581},
    {"Kharkiv", "city", 706483, nullptr, "UA", "UA-63", "PPLA", 1433886, 49.98081, 36.25272},
    {"Харків", "city", 706483, nullptr, "UA", "UA-63", "PPLA", 1433886, 49.98081, 36.25272},
    {"Ukraine", "country", 0, "UA", "UA", nullptr, nullptr, 0, 49.0, 32.0},
    {"Russia", "country", 0, "RU", "RU", nullptr, nullptr, 0, 60.0, 90.0},
};

std::string make_gazetteer() {
    const auto dir = std::filesystem::temp_directory_path() / ("frontmap-fuzz-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    const std::string path = (dir / "base.gpkg").string();
    std::filesystem::remove(path);
    sqlite3* db = nullptr;
    if (sqlite3_open(path.c_str(), &db) != SQLITE_OK) std::abort();
    sqlite3_exec(db,
                 "CREATE TABLE names(key TEXT, name TEXT, kind TEXT, geonames_id INTEGER, iso TEXT, country TEXT,"
                 " admin1_iso TEXT, feature_code TEXT, population INTEGER, lat REAL, lon REAL, source TEXT);"
                 "CREATE INDEX names_key_idx ON names(key);",
                 nullptr, nullptr, nullptr);
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(db, "INSERT INTO names VALUES (?,?,?,?,?,?,?,?,?,?,?,'name')", -1, &st, nullptr);
    for (const Row& r : kRows) {
        const std::string key = frontmap::normalize_key(r.name);
        sqlite3_bind_text(st, 1, key.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 2, r.name, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, r.kind, -1, SQLITE_STATIC);
        if (r.gid != 0) sqlite3_bind_int64(st, 4, r.gid);
        else sqlite3_bind_null(st, 4);
        if (r.iso != nullptr) sqlite3_bind_text(st, 5, r.iso, -1, SQLITE_STATIC);
        else sqlite3_bind_null(st, 5);
        sqlite3_bind_text(st, 6, r.country, -1, SQLITE_STATIC);
        if (r.admin1 != nullptr) sqlite3_bind_text(st, 7, r.admin1, -1, SQLITE_STATIC);
        else sqlite3_bind_null(st, 7);
        if (r.feature_code != nullptr) sqlite3_bind_text(st, 8, r.feature_code, -1, SQLITE_STATIC);
        else sqlite3_bind_null(st, 8);
        sqlite3_bind_int64(st, 9, r.population);
        sqlite3_bind_double(st, 10, r.lat);
        sqlite3_bind_double(st, 11, r.lon);
        sqlite3_step(st);
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
    return path;
}

frontmap::Gazetteer& gazetteer() {
    static std::unique_ptr<frontmap::Gazetteer> gaz = frontmap::Gazetteer::open(make_gazetteer());
    return *gaz;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    try {
        frontmap::Article a = frontmap::parse_article(std::string(reinterpret_cast<const char*>(data), size), "fuzz");
        if (!a.date) a.date = frontmap::parse_iso_date("2025-12-02");
        frontmap::Reader reader(gazetteer());
        const frontmap::Extraction x = reader.read(a);
        (void)frontmap::to_json(x, "").dump();
    } catch (const frontmap::Error&) {
        // A clear error is a correct answer to bad input.
    }
    return 0;
}
