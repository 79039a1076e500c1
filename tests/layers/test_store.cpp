// The layer store against both back ends: every test runs on a fresh GeoPackage file and on a
// fresh PostgreSQL schema (FRONTMAP_TEST_PG, see tests/pg/pg-start.sh).

#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <atomic>
#include <random>
#include <thread>
#include <vector>
#include <string>

#include <cpl_error.h>

#include "geo/error.hpp"
#include "layers/store.hpp"
#include "support/test_support.hpp"

namespace fs = std::filesystem;
using frontmap::StoreError;
using frontmap::layers::current_schema_version;
using frontmap::layers::DatasetPtr;
using frontmap::layers::FeaturePtr;
using frontmap::layers::Store;
using frontmap::layers::Transaction;

namespace {

enum class Backend { gpkg, pg };

// Readable test parameter in gtest and ctest output.
void PrintTo(Backend b, std::ostream* os) { *os << (b == Backend::pg ? "PostGIS" : "GeoPackage"); }

std::string pg_base() {
    const char* env = std::getenv("FRONTMAP_TEST_PG");
    return env != nullptr ? env : "";
}

bool pg_required() {
    const char* env = std::getenv("FRONTMAP_REQUIRE_PG");
    return env != nullptr && std::string(env) == "1";
}

// A raw GDAL connection, for setting up and inspecting stores behind the Store's back.
DatasetPtr open_raw(const std::string& url) {
    frontmap::layers::ensure_gdal();
    DatasetPtr ds(GDALDataset::Open(url.c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE, nullptr, nullptr, nullptr));
    if (!ds) throw std::runtime_error("cannot open " + url + ": " + CPLGetLastErrorMsg());
    return ds;
}

void exec(GDALDataset& ds, const std::string& sql) {
    CPLErrorReset();
    OGRLayer* rs = ds.ExecuteSQL(sql.c_str(), nullptr, nullptr);
    if (rs != nullptr) ds.ReleaseResultSet(rs);
    if (CPLGetLastErrorType() >= CE_Failure) throw std::runtime_error(sql + ": " + CPLGetLastErrorMsg());
}

// Number of rows a query returns.
long long query_rows(GDALDataset& ds, const std::string& sql) {
    CPLErrorReset();
    OGRLayer* rs = ds.ExecuteSQL(sql.c_str(), nullptr, nullptr);
    if (rs == nullptr) throw std::runtime_error(sql + ": " + CPLGetLastErrorMsg());
    long long n = 0;
    for (FeaturePtr f(rs->GetNextFeature()); f; f.reset(rs->GetNextFeature())) ++n;
    ds.ReleaseResultSet(rs);
    return n;
}

std::int64_t rows(Store& store, const std::string& table) {
    for (const auto& t : store.info().tables)
        if (t.table == table) return t.rows;
    return -1;
}

OGRErr add_article(Store& store, const std::string& sha) {
    OGRLayer& layer = store.layer("articles");
    FeaturePtr f(OGRFeature::CreateFeature(layer.GetLayerDefn()));
    f->SetField("sha256", sha.c_str());
    f->SetField("source", "test");
    f->SetField("published", "2025-11-20");
    CPLErrorReset();
    return layer.CreateFeature(f.get());
}

class StoreTest : public ::testing::TestWithParam<Backend> {
protected:
    void SetUp() override {
        frontmap::layers::ensure_gdal();
        const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
        std::string name = std::string(info->test_suite_name()) + "_" + info->name();
        for (char& c : name) c = std::isalnum(static_cast<unsigned char>(c)) ? std::tolower(c) : '_';
        if (GetParam() == Backend::pg) {
            base_ = pg_base();
            if (base_.empty()) {
                if (pg_required()) FAIL() << "FRONTMAP_REQUIRE_PG=1 but FRONTMAP_TEST_PG is unset";
                GTEST_SKIP() << "no PostgreSQL: set FRONTMAP_TEST_PG (tests/pg/pg-start.sh prints it)";
            }
            // One schema per test (and process), so tests never see each other's tables.
            schema_ = "t" + std::to_string(::getpid()) + "_" + name;
            if (schema_.size() > 60) schema_.resize(60);
            auto admin = open_raw(base_);
            exec(*admin, "DROP SCHEMA IF EXISTS " + schema_ + " CASCADE");
            exec(*admin, "CREATE SCHEMA " + schema_);
            url_ = base_ + " active_schema=" + schema_;
        } else {
            dir_ = frontmap::test::scratch_dir(name);
            url_ = (dir_ / "store.gpkg").string();
        }
    }

    void TearDown() override {
        if (!schema_.empty()) {
            auto admin = open_raw(base_);
            exec(*admin, "DROP SCHEMA IF EXISTS " + schema_ + " CASCADE");
        }
    }

    bool pg() const { return GetParam() == Backend::pg; }

    bool has_index(Store& store, const std::string& index) {
        const std::string sql =
            pg() ? "SELECT indexname FROM pg_indexes WHERE schemaname = '" + schema_ + "' AND indexname = '" + index + "'"
                 : "SELECT name FROM sqlite_master WHERE type = 'index' AND name = '" + index + "'";
        return query_rows(store.dataset(), sql) == 1;
    }

    std::string base_, schema_, url_;
    fs::path dir_;
};


TEST_P(StoreTest, CreatesEveryTableAtTheCurrentVersion) {
    Store store = Store::open(url_);
    EXPECT_EQ(store.schema_version(), current_schema_version());
    EXPECT_EQ(store.schema_version(), 4);
    EXPECT_EQ(store.is_postgis(), pg());
    const auto info = store.info();
    EXPECT_EQ(info.driver, pg() ? "PostgreSQL" : "GPKG");
    EXPECT_EQ(info.schema_version, 4);
    ASSERT_EQ(info.tables.size(), 6u);
    for (const auto& t : info.tables) {
        EXPECT_EQ(t.rows, t.table == "schema_version" ? 4 : 0) << t.table;
        EXPECT_NO_THROW(store.layer(t.table));
    }
    EXPECT_EQ(store.layer("control").GetGeomType(), wkbMultiPolygon);
    EXPECT_EQ(std::string(store.layer("control").GetGeometryColumn()), "geometry");
    EXPECT_EQ(store.layer("articles").GetLayerDefn()->GetGeomFieldCount(), 0);
    EXPECT_TRUE(has_index(store, "claims_place_key_idx"));
    EXPECT_TRUE(has_index(store, "control_keys_idx"));
    EXPECT_THROW(store.layer("no_such_table"), StoreError);
}

TEST_P(StoreTest, ReopenKeepsCommittedRows) {
    {
        Store store = Store::open(url_);
        Transaction t(store);
        ASSERT_EQ(add_article(store, "aa11"), OGRERR_NONE);
        ASSERT_EQ(add_article(store, "bb22"), OGRERR_NONE);
        t.commit();
    }
    Store again = Store::open(url_, Store::Mode::open_existing);
    EXPECT_EQ(again.schema_version(), 4);
    EXPECT_EQ(rows(again, "articles"), 2);
    EXPECT_EQ(rows(again, "schema_version"), 4);
    Store ro = Store::open(url_, Store::Mode::read_only);
    EXPECT_EQ(rows(ro, "articles"), 2);
}

TEST_P(StoreTest, MigratesAVersion1StoreToTheCurrentVersion) {
    {
        Store old = Store::open(url_, Store::Mode::open_or_create, 1);
        EXPECT_EQ(old.schema_version(), 1);
        EXPECT_EQ(rows(old, "schema_version"), 1);
        EXPECT_FALSE(has_index(old, "claims_place_key_idx"));
    }
    {
        Store ro = Store::open(url_, Store::Mode::read_only);  // read-only never migrates
        EXPECT_EQ(ro.schema_version(), 1);
    }
    Store store = Store::open(url_);
    EXPECT_EQ(store.schema_version(), 4);
    EXPECT_EQ(rows(store, "schema_version"), 4);
    for (const char* ix : {"claims_place_key_idx", "claims_claim_date_idx", "control_valid_from_idx",
                           "control_source_idx", "mentions_article_sha256_idx", "control_keys_idx"})
        EXPECT_TRUE(has_index(store, ix)) << ix;
    EXPECT_GE(store.layer("articles").GetLayerDefn()->GetFieldIndex("file"), 0) << "migration 4";
}

TEST_P(StoreTest, AFailedMigrationLeavesTheStoreAsItWas) {
    {
        Store old = Store::open(url_, Store::Mode::open_or_create, 1);
        // Sabotage migration 2: its second index needs claims.claim_date.
        OGRLayer& claims = old.layer("claims");
        ASSERT_EQ(claims.DeleteField(claims.GetLayerDefn()->GetFieldIndex("claim_date")), OGRERR_NONE);
    }
    try {
        Store::open(url_);
        FAIL() << "migration 2 should have failed";
    } catch (const StoreError& e) {
        EXPECT_NE(std::string(e.what()).find("schema version 2"), std::string::npos) << e.what();
    }
    Store ro = Store::open(url_, Store::Mode::read_only);
    EXPECT_EQ(ro.schema_version(), 1);
    EXPECT_EQ(rows(ro, "schema_version"), 1);
    EXPECT_FALSE(has_index(ro, "claims_place_key_idx"));  // made before the failure, rolled back
}

TEST_P(StoreTest, RejectsAStoreThatIsNotFrontmaps) {
    if (pg()) {
        auto raw = open_raw(url_);
        exec(*raw, "CREATE TABLE roads (id integer, name text)");
    } else {
        GDALDriver* gpkg = GetGDALDriverManager()->GetDriverByName("GPKG");
        DatasetPtr ds(gpkg->Create(url_.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
        ASSERT_TRUE(ds);
        OGRLayer* roads = ds->CreateLayer("roads", nullptr, wkbLineString, nullptr);
        ASSERT_NE(roads, nullptr);
        OGRFieldDefn name("name", OFTString);
        ASSERT_EQ(roads->CreateField(&name), OGRERR_NONE);
    }
    try {
        Store::open(url_);
        FAIL() << "a foreign store was accepted";
    } catch (const StoreError& e) {
        EXPECT_NE(std::string(e.what()).find("not a frontmap store"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("roads"), std::string::npos) << e.what();
    }
    if (!pg()) {
        EXPECT_TRUE(fs::exists(url_));  // someone else's file is left alone
    }
}

TEST_P(StoreTest, RejectsANewerSchema) {
    {
        Store store = Store::open(url_);
        OGRLayer& versions = store.layer("schema_version");
        versions.ResetReading();
        for (FeaturePtr f(versions.GetNextFeature()); f; f.reset(versions.GetNextFeature())) {
            if (f->GetFieldAsInteger("version") != 2) continue;
            f->SetField("version", 99);
            ASSERT_EQ(versions.SetFeature(f.get()), OGRERR_NONE);
        }
    }
    for (auto mode : {Store::Mode::open_or_create, Store::Mode::read_only}) {
        try {
            Store::open(url_, mode);
            FAIL() << "a store from the future was accepted";
        } catch (const StoreError& e) {
            EXPECT_EQ(e.hint(), "upgrade frontmap");
            EXPECT_NE(e.reason().find("99"), std::string::npos) << e.what();
        }
    }
}

TEST_P(StoreTest, AFailedWriteInsideATransactionRollsBack) {
    Store store = Store::open(url_);
    {
        Transaction t(store);
        ASSERT_EQ(add_article(store, "cc33"), OGRERR_NONE);
        EXPECT_THROW(Transaction{store}, StoreError);           // one at a time
        EXPECT_NE(add_article(store, "cc33"), OGRERR_NONE);     // unique sha256: the write fails
        // no commit: the destructor rolls back
    }
    EXPECT_EQ(rows(store, "articles"), 0);
    try {
        Transaction t(store);
        ASSERT_EQ(add_article(store, "dd44"), OGRERR_NONE);
        throw std::runtime_error("ingest failed half-way");
    } catch (const std::runtime_error&) {
    }
    EXPECT_EQ(rows(store, "articles"), 0);
    {
        Transaction t(store);  // the store is still usable
        ASSERT_EQ(add_article(store, "ee55"), OGRERR_NONE);
        t.commit();
        EXPECT_THROW(t.commit(), StoreError);
    }
    EXPECT_EQ(rows(store, "articles"), 1);
    Store again = Store::open(url_);
    EXPECT_EQ(rows(again, "articles"), 1);
}

// PostGIS only: several processes may share one database; a GeoPackage is made by one process.
class PgStoreTest : public StoreTest {};
INSTANTIATE_TEST_SUITE_P(Backends, PgStoreTest, ::testing::Values(Backend::pg),
                         [](const auto&) { return std::string("PostGIS"); });

TEST_P(PgStoreTest, ConcurrentFirstOpensAllSucceed) {    // Several ingests starting at once on a new schema: one migrates, the others wait for it.
    std::vector<std::thread> threads;
    std::atomic<int> ok{0};
    std::vector<std::string> errors(4);
    for (int i = 0; i < 4; ++i) {
        threads.emplace_back([&, i] {
            try {
                Store s = Store::open(url_);
                if (s.schema_version() == current_schema_version()) ++ok;
            } catch (const std::exception& e) {
                errors[i] = e.what();
            }
        });
    }
    for (auto& t : threads) t.join();
    EXPECT_EQ(ok.load(), 4) << errors[0] << errors[1] << errors[2] << errors[3];
    Store store = Store::open(url_);
    EXPECT_EQ(rows(store, "schema_version"), 4);
}

TEST_P(PgStoreTest, InfoAndErrorsNeverShowThePassword) {
    // The test server trusts local connections, so it ignores the password.
    Store store = Store::open(url_ + " password='hunter 2'");
    EXPECT_EQ(store.info().url.find("hunter"), std::string::npos) << store.info().url;
    EXPECT_NE(store.info().url.find("password=***"), std::string::npos) << store.info().url;
    try {
        Store::open(base_ + " password=hunter2 active_schema=" + schema_ + "_missing");
        FAIL();
    } catch (const StoreError& e) {
        EXPECT_EQ(std::string(e.what()).find("hunter2"), std::string::npos) << e.what();
    }
}

TEST_P(StoreTest, OpenExistingNeedsAStore) {
    if (pg()) {
        EXPECT_THROW(Store::open(url_, Store::Mode::open_existing), StoreError);  // empty schema
        EXPECT_THROW(Store::open(base_ + " active_schema=" + schema_ + "_missing"), StoreError);
    } else {
        EXPECT_THROW(Store::open(url_, Store::Mode::open_existing), StoreError);
        EXPECT_THROW(Store::open(url_, Store::Mode::read_only), StoreError);
        EXPECT_FALSE(fs::exists(url_));
        const fs::path nested = dir_ / "missing" / "store.gpkg";
        try {
            Store::open(nested.string());
            FAIL();
        } catch (const StoreError& e) {
            EXPECT_NE(e.reason().find("does not exist"), std::string::npos) << e.what();
        }
        EXPECT_FALSE(fs::exists(nested.parent_path()));
    }
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreTest, ::testing::Values(Backend::gpkg, Backend::pg),
                         [](const auto& info) { return info.param == Backend::pg ? "PostGIS" : "GPKG"; });

TEST(PostgisStore, RefusesADatabaseWithoutPostgis) {
    const std::string base = pg_base();
    if (base.empty()) {
        if (pg_required()) FAIL() << "FRONTMAP_REQUIRE_PG=1 but FRONTMAP_TEST_PG is unset";
        GTEST_SKIP() << "no PostgreSQL: set FRONTMAP_TEST_PG (tests/pg/pg-start.sh prints it)";
    }
    const std::string db = "fm_nopostgis_" + std::to_string(::getpid());
    // FRONTMAP_TEST_PG as pg-start.sh prints it: "PG:dbname=NAME host=...".
    const auto at = base.find("dbname="), end = base.find(' ', at);
    ASSERT_NE(at, std::string::npos) << base;
    const std::string url = base.substr(0, at) + "dbname=" + db + (end == std::string::npos ? "" : base.substr(end));
    {
        auto admin = open_raw(base);
        exec(*admin, "DROP DATABASE IF EXISTS " + db);
        exec(*admin, "CREATE DATABASE " + db);
    }
    try {
        Store::open(url);
        ADD_FAILURE() << "a database without PostGIS was accepted";
    } catch (const StoreError& e) {
        EXPECT_NE(e.reason().find("PostGIS"), std::string::npos) << e.what();
        EXPECT_NE(e.hint().find("CREATE EXTENSION postgis"), std::string::npos) << e.hint();
    }
    auto admin = open_raw(base);
    exec(*admin, "DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
}

TEST(PostgisStore, AnUnreachableServerIsAStoreError) {
    // Needs no server: nothing listens on port 1.
    try {
        Store::open("PG:dbname=x host=127.0.0.1 port=1 user=x connect_timeout=2");
        FAIL() << "opened a store on port 1";
    } catch (const StoreError& e) {
        EXPECT_EQ(std::string(e.what()).find('\n'), std::string::npos) << e.what();  // one line
    }
}

// Files only: a PostgreSQL store has no file to damage.
class GpkgStoreTest : public ::testing::Test {
protected:
    void SetUp() override {
        const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
        frontmap::layers::ensure_gdal();
        dir_ = frontmap::test::scratch_dir(std::string("gpkg_") + info->name());
        url_ = (dir_ / "store.gpkg").string();
    }
    std::string url_;
    fs::path dir_;
};

TEST_F(GpkgStoreTest, AnEmptyGeoPackageIsMigratedFromZero) {
    {
        GDALDriver* gpkg = GetGDALDriverManager()->GetDriverByName("GPKG");
        DatasetPtr ds(gpkg->Create(url_.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
        ASSERT_TRUE(ds);
    }
    Store store = Store::open(url_);
    EXPECT_EQ(store.schema_version(), 4);
}

TEST_F(GpkgStoreTest, RejectsRandomBytes) {
    std::mt19937 rng(42);
    std::string bytes(8192, '\0');
    for (char& c : bytes) c = static_cast<char>(rng());
    for (const std::string& content : {bytes, std::string("not a store\n"), std::string()}) {
        std::ofstream(url_, std::ios::binary | std::ios::trunc) << content;
        try {
            Store::open(url_);
            FAIL() << "random bytes accepted";
        } catch (const StoreError& e) {
            EXPECT_NE(e.context().find(url_), std::string::npos) << e.what();
            EXPECT_FALSE(e.reason().empty());
        }
        EXPECT_EQ(frontmap::test::read_file(url_), content);  // untouched
    }
}

TEST_F(GpkgStoreTest, RejectsATruncatedFile) {
    {
        Store store = Store::open(url_);
        Transaction t(store);
        for (int i = 0; i < 500; ++i) ASSERT_EQ(add_article(store, "sha" + std::to_string(i)), OGRERR_NONE);
        t.commit();
    }
    const std::string whole = frontmap::test::read_file(url_);
    const fs::path cut = dir_ / "cut.gpkg";
    for (std::size_t size : {std::size_t(50), std::size_t(100), std::size_t(1000), std::size_t(4096),
                             whole.size() / 2, whole.size() - 4096, whole.size() - 1}) {
        std::ofstream(cut, std::ios::binary | std::ios::trunc) << whole.substr(0, size);
        try {
            Store s = Store::open(cut.string());
            s.info();
            FAIL() << "a file cut at " << size << " of " << whole.size() << " bytes was accepted";
        } catch (const StoreError& e) {
            EXPECT_NE(e.context().find("cut.gpkg"), std::string::npos) << e.what();
        }
    }
}

}  // namespace

namespace {

TEST_F(GpkgStoreTest, RejectsAPlainSqliteDatabase) {
    {
        GDALDriver* sqlite = GetGDALDriverManager()->GetDriverByName("SQLite");
        ASSERT_NE(sqlite, nullptr);
        DatasetPtr ds(sqlite->Create(url_.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
        ASSERT_TRUE(ds);
        ASSERT_NE(ds->CreateLayer("notes", nullptr, wkbNone, nullptr), nullptr);
    }
    const std::string before = frontmap::test::read_file(url_);
    try {
        Store::open(url_);
        FAIL() << "a plain SQLite database was accepted";
    } catch (const StoreError& e) {
        EXPECT_NE(e.reason().find("not a GeoPackage"), std::string::npos) << e.what();
    }
    EXPECT_EQ(frontmap::test::read_file(url_), before);
}

}  // namespace
