// The layer store: open or create a GeoPackage or a PostGIS schema through GDAL/OGR, check that
// it is a frontmap store, migrate it to the current schema, and wrap writes in transactions.

#include "layers/store.hpp"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <cctype>
#include <utility>
#include <system_error>

#include <cpl_error.h>
#include <cpl_string.h>

#include "geo/error.hpp"
#include "layers/migrations.hpp"
#include "layers/rows.hpp"

namespace frontmap::layers {

namespace fs = std::filesystem;

namespace {

// Where the value of `key=` sits in a libpq/GDAL connection string ("PG:k=v k='v w' ..."):
// {offset, length}, or {npos, 0} when the key is absent.
std::pair<std::size_t, std::size_t> conninfo_value(const std::string& url, const std::string& key) {
    auto lower = [](char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); };
    for (std::size_t at = 0; at + key.size() <= url.size(); ++at) {
        if (at > 0 && url[at - 1] != ' ' && url[at - 1] != '\t' && url[at - 1] != ':') continue;
        bool same = true;
        for (std::size_t i = 0; i < key.size() && same; ++i) same = lower(url[at + i]) == key[i];
        if (!same) continue;
        std::size_t p = at + key.size();
        while (p < url.size() && (url[p] == ' ' || url[p] == '\t')) ++p;
        if (p >= url.size() || url[p] != '=') continue;
        ++p;
        while (p < url.size() && (url[p] == ' ' || url[p] == '\t')) ++p;
        std::size_t end = p;
        if (p < url.size() && url[p] == '\'') {
            end = url.find('\'', p + 1);
            end = end == std::string::npos ? url.size() : end + 1;
        } else {
            while (end < url.size() && url[end] != ' ' && url[end] != '\t') ++end;
        }
        return {p, end - p};
    }
    return {std::string::npos, 0};
}

// The URL as we show it in messages and `store info`: without a password.
std::string redact(const std::string& url) {
    std::string out = url;
    if (const auto [at, len] = conninfo_value(out, "password"); at != std::string::npos) out.replace(at, len, "***");
    return out;
}

// The value of active_schema=... in a PG connection string, or "" when absent.
std::string active_schema(const std::string& url) {
    const auto [at, len] = conninfo_value(url, "active_schema");
    if (at == std::string::npos) return {};
    std::string value = url.substr(at, len);
    if (value.size() >= 2 && value.front() == '\'' && value.back() == '\'') value = value.substr(1, value.size() - 2);
    return value;
}

std::string open_what(const std::string& url) { return "failed to open store '" + redact(url) + "'"; }

DatasetPtr open_gpkg(const std::string& path, Store::Mode mode, bool& created) {
    const std::string what = open_what(path);
    std::error_code ec;
    const bool exists = fs::exists(path, ec);
    if (!exists) {
        if (mode != Store::Mode::open_or_create)
            throw StoreError(what, "no such file", "create it with 'frontmap store init --store " + path + "'");
        const fs::path parent = fs::path(path).parent_path();
        if (!parent.empty() && !fs::is_directory(parent, ec))
            throw StoreError(what, "the folder '" + parent.string() + "' does not exist", "create the folder first");
        GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("GPKG");
        if (driver == nullptr) throw StoreError(what, "this GDAL has no GPKG driver");
        CPLErrorReset();
        DatasetPtr ds(driver->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
        if (!ds) {
            std::string why = detail::gdal_reason("GDAL could not create it");
            fs::remove(path, ec);
            throw StoreError("failed to create store '" + path + "'", why);
        }
        created = true;
        return ds;
    }

    // Cheap structural checks first: GDAL happily opens some damaged files and fails later, mid-query.
    detail::check_sqlite_file(path, what);
    const char* const drivers[] = {"GPKG", nullptr};
    const unsigned flags = GDAL_OF_VECTOR | GDAL_OF_VERBOSE_ERROR |
                           (mode == Store::Mode::read_only ? GDAL_OF_READONLY : GDAL_OF_UPDATE);
    CPLErrorReset();
    DatasetPtr ds(GDALDataset::Open(path.c_str(), flags, drivers, nullptr, nullptr));
    if (!ds) throw StoreError(what, "not a GeoPackage or corrupt: " + detail::gdal_reason("GDAL cannot open it"));
    return ds;
}

DatasetPtr open_pg(const std::string& url, Store::Mode mode) {
    const std::string what = open_what(url);
    const char* const drivers[] = {"PostgreSQL", nullptr};
    // LIST_ALL_TABLES: also see tables without geometry, so a foreign schema is recognised.
    const char* const options[] = {"LIST_ALL_TABLES=YES", nullptr};
    const unsigned flags = GDAL_OF_VECTOR | GDAL_OF_VERBOSE_ERROR |
                           (mode == Store::Mode::read_only ? GDAL_OF_READONLY : GDAL_OF_UPDATE);
    CPLErrorReset();
    DatasetPtr ds(GDALDataset::Open(url.c_str(), flags, drivers, options, nullptr));
    if (!ds)
        throw StoreError(what, detail::gdal_reason("cannot connect"),
                         "check the connection string and that the server is running");

    auto has_row = [&](const std::string& sql) {
        CPLErrorReset();
        OGRLayer* rs = ds->ExecuteSQL(sql.c_str(), nullptr, nullptr);
        if (rs == nullptr) throw StoreError(what, detail::gdal_reason("query failed: " + sql));
        FeaturePtr f(rs->GetNextFeature());
        ds->ReleaseResultSet(rs);
        return f != nullptr;
    };
    if (!has_row("SELECT extversion FROM pg_extension WHERE extname = 'postgis'"))
        throw StoreError(what, "the PostGIS extension is not installed in this database",
                         "run 'CREATE EXTENSION postgis;' in it as a superuser");
    if (const std::string schema = active_schema(url); !schema.empty()) {
        if (!has_row("SELECT 1 FROM pg_namespace WHERE nspname = " + sql_quote(schema)))
            throw StoreError(what, "the schema '" + schema + "' does not exist",
                             "create it with 'CREATE SCHEMA " + schema + ";'");
    }
    return ds;
}

// Our tables' names as GDAL lists them (PG: tables of other schemas carry a "schema." prefix).
std::vector<std::string> own_tables(GDALDataset& ds, bool pg) {
    std::vector<std::string> names;
    for (int i = 0; i < ds.GetLayerCount(); ++i) {
        OGRLayer* layer = ds.GetLayer(i);
        if (layer == nullptr) continue;
        std::string name = layer->GetName();
        if (pg && name.find('.') != std::string::npos) continue;
        names.push_back(std::move(name));
    }
    return names;
}

// The schema version recorded in the store; 0 for a store without any table yet.
int read_version(GDALDataset& ds, bool pg, const std::string& url) {
    const std::string what = open_what(url);
    CPLErrorReset();
    OGRLayer* layer = ds.GetLayerByName("schema_version");
    if (layer == nullptr) {
        const std::vector<std::string> others = own_tables(ds, pg);
        if (CPLGetLastErrorType() >= CE_Failure)
            throw StoreError(what, "the store is unreadable: " + detail::gdal_reason("GDAL error"));
        if (others.empty()) return 0;
        std::string list;
        for (std::size_t i = 0; i < others.size() && i < 5; ++i) list += (i ? ", " : "") + others[i];
        if (others.size() > 5) list += ", ...";
        throw StoreError(what, "not a frontmap store: it has other tables (" + list + ") but no schema_version",
                         pg ? "use an empty schema (active_schema=... in the connection string)"
                            : "use a new file for the frontmap store");
    }
    const int field = layer->GetLayerDefn()->GetFieldIndex("version");
    if (field < 0) throw StoreError(what, "not a frontmap store: its schema_version table has no 'version' column");
    int version = 0;
    layer->ResetReading();
    CPLErrorReset();
    for (FeaturePtr f(layer->GetNextFeature()); f; f.reset(layer->GetNextFeature()))
        version = std::max(version, f->GetFieldAsInteger(field));
    if (CPLGetLastErrorType() >= CE_Failure)
        throw StoreError(what, "the store is corrupt: " + detail::gdal_reason("cannot read schema_version"));
    detail::check_schema_version(version, what);
    for (const std::string& table : detail::table_names()) {
        if (ds.GetLayerByName(table.c_str()) == nullptr)
            throw StoreError(what, "the store is damaged: table '" + table + "' is missing");
    }
    return version;
}

void record_version(GDALDataset& ds, const detail::Migration& m) {
    OGRLayer* layer = ds.GetLayerByName("schema_version");
    if (layer == nullptr) throw StoreError("failed to record the schema version", "no schema_version table");
    FeaturePtr f(OGRFeature::CreateFeature(layer->GetLayerDefn()));
    f->SetField("version", m.version);
    f->SetField("name", m.name);
    CPLErrorReset();
    if (layer->CreateFeature(f.get()) != OGRERR_NONE)
        throw StoreError("failed to record the schema version", detail::gdal_reason("GDAL refused the row"));
}

// PG: serialise migrations of one schema across processes (parallel ingests on a new store).
// The lock ends with the transaction. Returns the version committed meanwhile by another process.
int lock_and_reread(GDALDataset& ds, const std::string& url) {
    CPLErrorReset();
    OGRLayer* rs = ds.ExecuteSQL(
        "SELECT pg_advisory_xact_lock(hashtextextended('frontmap store ' || current_schema(), 0)) IS NULL",
        nullptr, nullptr);
    if (rs == nullptr) throw StoreError("failed to lock the schema", detail::gdal_reason("GDAL refused"));
    FeaturePtr row(rs->GetNextFeature());  // make sure the query ran, not just its cursor
    ds.ReleaseResultSet(rs);
    if (!row || CPLGetLastErrorType() >= CE_Failure)
        throw StoreError("failed to lock the schema", detail::gdal_reason("GDAL refused"));
    return read_version(ds, true, url);
}

int migrate(GDALDataset& ds, const std::string& url, bool pg, int from, int target) {
    int version = from;
    for (const detail::Migration& m : detail::migrations()) {
        if (m.version <= version || m.version > target) continue;
        const std::string what = "failed to migrate store '" + redact(url) + "' to schema version " +
                                 std::to_string(m.version) + " (" + m.name + ")";
        CPLErrorReset();
        if (ds.StartTransaction(FALSE) != OGRERR_NONE)
            throw StoreError(what, detail::gdal_reason("cannot start a transaction"));
        try {
            if (pg) {
                if (const int now = lock_and_reread(ds, url); now >= m.version) {
                    CPLErrorReset();
                    if (ds.CommitTransaction() != OGRERR_NONE)
                        throw StoreError("failed to commit", detail::gdal_reason("GDAL refused"));
                    version = now;
                    continue;
                }
            }
            m.apply(ds);
            record_version(ds, m);
            CPLErrorReset();
            if (ds.CommitTransaction() != OGRERR_NONE)
                throw StoreError("failed to commit", detail::gdal_reason("GDAL refused"));
        } catch (const Error& e) {
            ds.RollbackTransaction();
            throw StoreError(what, e.what(), e.hint());
        }
        version = m.version;
    }
    return version;
}

}  // namespace

int current_schema_version() { return detail::migrations().back().version; }

const std::vector<std::string>& store_tables() { return detail::table_names(); }

Store Store::open(const std::string& url, Mode mode, int target_version) {
    ensure_gdal();
    if (url.empty()) throw StoreError("failed to open the store", "no store given", "pass --store PATH or PG:...");
    if (target_version < 1 || target_version > current_schema_version())
        throw StoreError(open_what(url), "no schema version " + std::to_string(target_version));

    const bool pg = is_pg_url(url);
    bool created = false;
    DatasetPtr ds = pg ? open_pg(url, mode) : open_gpkg(url, mode, created);
    try {
        if (!pg) {
            // Wait for a concurrent writer (a parallel ingest) instead of failing at once. The
            // journal stays the default rollback journal: one self-contained file, no -wal/-shm.
            detail::execute_sql(*ds, "PRAGMA busy_timeout = 10000");
        }
        int version = read_version(*ds, pg, url);
        if (version == 0 && mode != Mode::open_or_create)
            throw StoreError(open_what(url), "not a frontmap store: it has no tables yet",
                             "create it with 'frontmap store init'");
        if (mode != Mode::read_only && version < target_version) {
            version = migrate(*ds, url, pg, version, target_version);
            // Reopen after migrating: drivers treat tables created in this session specially
            // (GDAL's PG driver writes to them with COPY, which reports errors only at commit),
            // and every write must behave the same on a new store as on an old one.
            ds.reset();
            created = false;  // migrated and committed: a good store now, keep it
            ds = pg ? open_pg(url, mode) : open_gpkg(url, mode, created);
            if (!pg) detail::execute_sql(*ds, "PRAGMA busy_timeout = 10000");
            version = read_version(*ds, pg, url);
        }
        return Store(url, std::move(ds), version);
    } catch (...) {
        if (created) {
            // Never leave a half-made store behind: the file is ours, remove it.
            ds.reset();
            std::error_code ec;
            fs::remove(url, ec);
            fs::remove(url + "-journal", ec);
        }
        throw;
    }
}

Store::Store(std::string url, DatasetPtr ds, int version)
    : url_(std::move(url)), ds_(std::move(ds)), version_(version) {}

Store::Store(Store&&) noexcept = default;
Store& Store::operator=(Store&&) noexcept = default;
Store::~Store() = default;

bool Store::is_postgis() const noexcept {
    return ds_ && ds_->GetDriver() != nullptr && EQUAL(ds_->GetDriver()->GetDescription(), "PostgreSQL");
}

OGRLayer& Store::layer(const std::string& table) {
    CPLErrorReset();
    OGRLayer* l = ds_->GetLayerByName(table.c_str());
    if (l == nullptr)
        throw StoreError("failed to open table '" + table + "' of store '" + redact(url_) + "'",
                         detail::gdal_reason("no such table"));
    return *l;
}

StoreInfo Store::info() {
    StoreInfo out;
    out.url = redact(url_);
    out.driver = ds_->GetDriver() != nullptr ? ds_->GetDriver()->GetDescription() : "";
    out.schema_version = version_;
    for (const std::string& table : detail::table_names()) {
        CPLErrorReset();
        const GIntBig n = layer(table).GetFeatureCount(TRUE);
        if (n < 0 || CPLGetLastErrorType() >= CE_Failure)
            throw StoreError("failed to count the rows of '" + table + "' in store '" + out.url + "'",
                             detail::gdal_reason("GDAL error"));
        out.tables.push_back({table, static_cast<std::int64_t>(n)});
    }
    return out;
}

Transaction::Transaction(Store& store) : store_(&store) {
    const std::string what = "failed to start a transaction on store '" + redact(store.url_) + "'";
    if (store.in_transaction_) throw StoreError(what, "another transaction is open on this store");
    CPLErrorReset();
    if (store.ds_->StartTransaction(FALSE) != OGRERR_NONE)
        throw StoreError(what, detail::gdal_reason("GDAL refused"));
    store.in_transaction_ = true;
}

void Transaction::commit() {
    const std::string what = "failed to commit to store '" + redact(store_->url_) + "'";
    if (done_) throw StoreError(what, "the transaction has already ended");
    done_ = true;
    store_->in_transaction_ = false;
    CPLErrorReset();
    if (store_->ds_->CommitTransaction() != OGRERR_NONE) {
        std::string why = detail::gdal_reason("GDAL refused");
        store_->ds_->RollbackTransaction();
        throw StoreError(what, why, "nothing was written");
    }
}

Transaction::~Transaction() {
    if (done_) return;
    try {
        store_->in_transaction_ = false;
        store_->ds_->RollbackTransaction();
    } catch (...) {
        // A destructor reports nothing: the rollback is best effort, as in SQLite and libpq.
    }
}

}  // namespace frontmap::layers
