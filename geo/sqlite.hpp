#pragma once
// Read-only SQLite access without GDAL, for the GeoPackage files a map reads (the store and
// base.gpkg): opening them through OGR costs ~20 ms per file and GDAL's ~110 libraries ~50 ms
// of loading, more than drawing the map. Writes, PostGIS and imports stay with OGR (layers/).

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace frontmap::sqlite {

// Which frontmap error a failure becomes: a store is a StoreError, base data an InputError.
enum class Role { store, input };

class Stmt;
struct Connection;  // the sqlite3 handle and how to report its errors

// A Db may move; its statements keep working (they point at the Connection, which does not).
class Db {
public:
    // Opens `path` read-only. `what` starts every error line ("failed to open store 'x'").
    static Db open_read_only(const std::string& path, std::string what, Role role);

    Db(Db&&) noexcept;
    Db& operator=(Db&&) noexcept;
    ~Db();

    // A prepared statement; a syntax error or a missing table or column throws.
    Stmt prepare(std::string_view sql) const;
    // A prepared statement, or nothing when SQLite refuses it (an optional table or column).
    std::unique_ptr<Stmt> try_prepare(std::string_view sql) const;
    bool has_table(std::string_view name) const;

    [[noreturn]] void fail(const std::string& why, const std::string& hint = {}) const;

private:
    explicit Db(std::unique_ptr<Connection> c);
    std::unique_ptr<Connection> c_;
};

// One prepared statement: bind (1-based), step, read columns (0-based). NULL reads as "" / 0 /
// the fallback.
class Stmt {
public:
    Stmt(Stmt&&) noexcept;
    Stmt& operator=(Stmt&&) noexcept;
    ~Stmt();

    Stmt& bind(int i, std::string_view text);
    Stmt& bind(int i, std::int64_t v);
    Stmt& bind(int i, double v);
    bool step();  // true: a row is ready; false: done. Errors throw.
    void reset();

    bool is_null(int col) const;
    std::string text(int col) const;
    std::int64_t int64(int col) const;
    double real(int col, double null_value) const;
    std::span<const unsigned char> blob(int col) const;

private:
    friend class Db;
    Stmt(const Connection* c, sqlite3_stmt* st) : c_(c), st_(st) {}
    const Connection* c_ = nullptr;
    sqlite3_stmt* st_ = nullptr;
};

// A name as an SQL identifier ("rtree_places_geom"), quotes doubled.
std::string quote_ident(std::string_view name);

}  // namespace frontmap::sqlite
