#pragma once
// A small gazetteer in base.gpkg's `names` schema, written by tests and fuzz targets that must
// run without the real base data (a dozen rows with real GeoNames / Natural Earth facts).

#include <sqlite3.h>

#include <span>
#include <stdexcept>
#include <string>

#include "geo/normalize.hpp"

namespace frontmap::test {

struct GazetteerRow {
    const char* name;
    const char* kind;
    long long gid;
    const char* iso;
    const char* country;
    const char* admin1;
    const char* fc;
    long long pop;
    double lat, lon;
    const char* source;
};

// Writes a names table with `rows` (and its key index) into a new SQLite file at `path`.
inline void write_fake_gazetteer(const std::string& path, std::span<const GazetteerRow> rows) {
    sqlite3* db = nullptr;
    if (sqlite3_open(path.c_str(), &db) != SQLITE_OK) {
        sqlite3_close(db);
        throw std::runtime_error("cannot create " + path);
    }
    sqlite3_exec(db,
                 "CREATE TABLE names(key TEXT, name TEXT, kind TEXT, geonames_id INTEGER, iso TEXT, country TEXT,"
                 " admin1_iso TEXT, feature_code TEXT, population INTEGER, lat REAL, lon REAL, source TEXT);"
                 "CREATE INDEX names_key_idx ON names(key);",
                 nullptr, nullptr, nullptr);
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(db, "INSERT INTO names VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", -1, &st, nullptr);
    auto text_or_null = [&](int i, const char* v) {
        if (v != nullptr) sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC);
        else sqlite3_bind_null(st, i);
    };
    for (const GazetteerRow& r : rows) {
        const std::string key = normalize_key(r.name);
        sqlite3_bind_text(st, 1, key.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 2, r.name, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, r.kind, -1, SQLITE_STATIC);
        if (r.gid != 0) sqlite3_bind_int64(st, 4, r.gid);
        else sqlite3_bind_null(st, 4);
        text_or_null(5, r.iso);
        sqlite3_bind_text(st, 6, r.country, -1, SQLITE_STATIC);
        text_or_null(7, r.admin1);
        text_or_null(8, r.fc);
        sqlite3_bind_int64(st, 9, r.pop);
        sqlite3_bind_double(st, 10, r.lat);
        sqlite3_bind_double(st, 11, r.lon);
        text_or_null(12, r.source);
        sqlite3_step(st);
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
}

}  // namespace frontmap::test
