#include "geo/sqlite.hpp"

#include <cmath>
#include <filesystem>
#include <utility>

#include <sqlite3.h>

#include "geo/error.hpp"

namespace frontmap::sqlite {

struct Connection {
    sqlite3* db = nullptr;
    std::string what;
    Role role = Role::input;
    Connection(std::string w, Role r) : what(std::move(w)), role(r) {}
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;
    ~Connection() { sqlite3_close(db); }
    [[noreturn]] void fail(const std::string& why, const std::string& hint = {}) const {
        if (role == Role::store) throw StoreError(what, why, hint);
        throw InputError(what, why, hint);
    }
};

Db::Db(std::unique_ptr<Connection> c) : c_(std::move(c)) {}
Db::Db(Db&&) noexcept = default;
Db& Db::operator=(Db&&) noexcept = default;
Db::~Db() = default;

void Db::fail(const std::string& why, const std::string& hint) const { c_->fail(why, hint); }

Db Db::open_read_only(const std::string& path, std::string what, Role role) {
    auto c = std::make_unique<Connection>(std::move(what), role);
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) c->fail("no such file");
    const int rc = sqlite3_open_v2(path.c_str(), &c->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) c->fail(c->db != nullptr ? sqlite3_errmsg(c->db) : sqlite3_errstr(rc));
    sqlite3* db = c->db;
    Db out(std::move(c));
    // Wait for a writer that holds the file (a concurrent ingest) instead of failing at once.
    sqlite3_busy_timeout(db, 10000);
    // A file that is not SQLite fails only at the first read: check now, with a clear reason.
    char* err = nullptr;
    if (sqlite3_exec(db, "SELECT count(*) FROM sqlite_master", nullptr, nullptr, &err) != SQLITE_OK) {
        std::string why = err != nullptr ? err : "unreadable";
        sqlite3_free(err);
        out.fail("not a GeoPackage or corrupt: " + why);
    }
    return out;
}

Stmt Db::prepare(std::string_view sql) const {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(c_->db, sql.data(), static_cast<int>(sql.size()), &st, nullptr) != SQLITE_OK) {
        sqlite3_finalize(st);
        fail(std::string("cannot read it: ") + sqlite3_errmsg(c_->db));
    }
    return Stmt(c_.get(), st);
}

std::unique_ptr<Stmt> Db::try_prepare(std::string_view sql) const {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(c_->db, sql.data(), static_cast<int>(sql.size()), &st, nullptr) != SQLITE_OK) {
        sqlite3_finalize(st);
        return nullptr;
    }
    return std::unique_ptr<Stmt>(new Stmt(c_.get(), st));
}

bool Db::has_table(std::string_view name) const {
    Stmt st = prepare("SELECT 1 FROM sqlite_master WHERE type IN ('table', 'view') AND name = ?1");
    st.bind(1, name);
    return st.step();
}

Stmt::Stmt(Stmt&& o) noexcept : c_(o.c_), st_(std::exchange(o.st_, nullptr)) {}

Stmt& Stmt::operator=(Stmt&& o) noexcept {
    if (this != &o) {
        sqlite3_finalize(st_);
        c_ = o.c_;
        st_ = std::exchange(o.st_, nullptr);
    }
    return *this;
}

Stmt::~Stmt() { sqlite3_finalize(st_); }

Stmt& Stmt::bind(int i, std::string_view text) {
    sqlite3_bind_text(st_, i, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
    return *this;
}
Stmt& Stmt::bind(int i, std::int64_t v) {
    sqlite3_bind_int64(st_, i, v);
    return *this;
}
Stmt& Stmt::bind(int i, double v) {
    sqlite3_bind_double(st_, i, v);
    return *this;
}

bool Stmt::step() {
    const int rc = sqlite3_step(st_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    c_->fail(std::string("cannot read it: ") + sqlite3_errmsg(sqlite3_db_handle(st_)));
}

void Stmt::reset() {
    sqlite3_reset(st_);
    sqlite3_clear_bindings(st_);
}

bool Stmt::is_null(int col) const { return sqlite3_column_type(st_, col) == SQLITE_NULL; }

std::string Stmt::text(int col) const {
    const unsigned char* t = sqlite3_column_text(st_, col);
    if (t == nullptr) return {};
    return {reinterpret_cast<const char*>(t), static_cast<std::size_t>(sqlite3_column_bytes(st_, col))};
}

std::int64_t Stmt::int64(int col) const { return sqlite3_column_int64(st_, col); }

double Stmt::real(int col, double null_value) const {
    return is_null(col) ? null_value : sqlite3_column_double(st_, col);
}

std::span<const unsigned char> Stmt::blob(int col) const {
    const void* p = sqlite3_column_blob(st_, col);
    if (p == nullptr) return {};
    return {static_cast<const unsigned char*>(p), static_cast<std::size_t>(sqlite3_column_bytes(st_, col))};
}

std::string quote_ident(std::string_view name) {
    std::string out = "\"";
    for (char c : name) {
        out += c;
        if (c == '"') out += '"';
    }
    return out + "\"";
}

}  // namespace frontmap::sqlite
