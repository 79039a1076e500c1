// The store's rows from a GeoPackage file through SQLite (layers/rows.hpp). No GDAL here: this
// file is linked into the render module, which must not load it.

#include <array>
#include <cctype>
#include <filesystem>
#include <fstream>

#include "geo/error.hpp"
#include "geo/gpkg.hpp"
#include "geo/sqlite.hpp"
#include "layers/rows.hpp"

namespace frontmap::layers {

namespace fs = std::filesystem;

void detail::check_sqlite_file(const std::string& path, const std::string& what) {
    std::error_code ec;
    if (fs::is_directory(path, ec)) throw StoreError(what, "it is a folder, not a GeoPackage file");
    const auto size = fs::file_size(path, ec);
    if (ec) throw StoreError(what, ec.message());
    if (size == 0) throw StoreError(what, "the file is empty, not a GeoPackage", "remove it or pick another --store");

    std::array<unsigned char, 100> h{};
    std::ifstream in(path, std::ios::binary);
    if (!in) throw StoreError(what, "cannot read the file");
    in.read(reinterpret_cast<char*>(h.data()), h.size());
    static const char magic[] = "SQLite format 3";  // followed by a NUL: 16 bytes
    if (in.gcount() < 100 || !std::equal(magic, magic + 16, h.begin()))
        throw StoreError(what, "not a GeoPackage (not an SQLite database)",
                         "--store takes a frontmap GeoPackage or a PG: connection string");

    auto be32 = [&](std::size_t at) {
        return (std::uint32_t(h[at]) << 24) | (std::uint32_t(h[at + 1]) << 16) | (std::uint32_t(h[at + 2]) << 8) |
               std::uint32_t(h[at + 3]);
    };
    std::uint32_t page_size = (std::uint32_t(h[16]) << 8) | h[17];
    if (page_size == 1) page_size = 65536;
    if (page_size < 512 || (page_size & (page_size - 1)) != 0)
        throw StoreError(what, "the file is corrupt (bad SQLite page size)");
    // The in-header page count is valid when the change counter matches "version-valid-for".
    const std::uint32_t pages = be32(28);
    if (pages != 0 && be32(24) == be32(92) && std::uintmax_t(pages) * page_size > size)
        throw StoreError(what,
                         "the file is truncated (" + std::to_string(size) + " bytes, its header says " +
                             std::to_string(std::uintmax_t(pages) * page_size) + ")",
                         "restore it from a backup");
}

void detail::check_schema_version(int version, const std::string& what) {
    if (version <= 0) throw StoreError(what, "not a frontmap store: its schema_version table is empty");
    if (version > schema_version_latest)
        throw StoreError(what,
                         "the store has schema version " + std::to_string(version) +
                             ", this frontmap knows versions up to " + std::to_string(schema_version_latest),
                         "upgrade frontmap");
}

namespace {

class GpkgRows final : public StoreRows {
public:
    explicit GpkgRows(const std::string& path)
        : what_("failed to open store '" + path + "'"),
          db_(open(path, what_)),
          control_geometry_(db_.prepare("SELECT geometry FROM control WHERE fid = ?1")),
          claims_(db_.prepare("SELECT article_sha256, place_key, actor, stance, part, claim_date, attributed_to, "
                              "evidence_text, evidence_start, evidence_end, confidence FROM claims "
                              "WHERE claim_date <= ?2 AND claim_date > ?1 ORDER BY fid")),
          place_(db_.prepare("SELECT name, kind, iso, country, geonames_id, population, lon, lat, geometry "
                             "FROM places WHERE place_key = ?1 ORDER BY fid LIMIT 1")),
          // Stores before schema 4 have no articles.file.
          article_(prepare_article()) {}

    std::vector<ControlCatalogRow> control_catalog() override {
        sqlite::Stmt st = db_.prepare("SELECT fid, source, party, kind, valid_from, valid_to FROM control");
        std::vector<ControlCatalogRow> rows;
        while (st.step()) rows.push_back({st.int64(0), st.text(1), st.text(2), st.text(3), st.text(4), st.text(5)});
        return rows;
    }

    std::vector<unsigned char> control_wkb(std::int64_t fid) override {
        control_geometry_.reset();
        control_geometry_.bind(1, fid);
        if (!control_geometry_.step())
            throw StoreError("failed to read control row " + std::to_string(fid), "it vanished");
        const auto wkb = gpkg::wkb_of(control_geometry_.blob(0), "failed to read control row " + std::to_string(fid));
        return {wkb.begin(), wkb.end()};
    }

    std::vector<ClaimRow> claims_between(const std::string& after, const std::string& until) override {
        claims_.reset();
        claims_.bind(1, after).bind(2, until);
        std::vector<ClaimRow> out;
        while (claims_.step()) {
            out.push_back({claims_.text(0), claims_.text(1), claims_.text(2), claims_.text(3), claims_.text(4),
                           claims_.text(5), claims_.text(6), claims_.text(7), claims_.int64(8), claims_.int64(9),
                           claims_.real(10, 0.0)});
        }
        return out;
    }

    std::optional<PlaceRow> place(const std::string& place_key) override {
        place_.reset();
        place_.bind(1, place_key);
        if (!place_.step()) return std::nullopt;
        PlaceRow p{place_key,        place_.text(0),  place_.text(1),  place_.text(2), place_.text(3),
                   place_.int64(4),  place_.int64(5), {place_.real(6, NAN), place_.real(7, NAN)}, {}};
        const auto wkb = gpkg::wkb_of(place_.blob(8), "failed to read place '" + place_key + "'");
        p.wkb.assign(wkb.begin(), wkb.end());
        return p;
    }

    std::optional<ArticleRow> article(const std::string& sha256) override {
        article_.reset();
        article_.bind(1, sha256);
        if (!article_.step()) return std::nullopt;
        return ArticleRow{article_.text(0), article_.text(1), article_.text(2), article_.text(3), article_.text(4)};
    }

private:
    static sqlite::Db open(const std::string& path, const std::string& what) {
        std::error_code ec;
        if (!fs::exists(path, ec))
            throw StoreError(what, "no such file", "create it with 'frontmap store init --store " + path + "'");
        detail::check_sqlite_file(path, what);
        sqlite::Db db = sqlite::Db::open_read_only(path, what, sqlite::Role::store);
        if (!db.has_table("schema_version")) {
            if (!db.has_table("gpkg_contents")) db.fail("not a frontmap store: it has no tables yet", "create it with 'frontmap store init'");
            db.fail("not a frontmap store: it has other tables but no schema_version",
                    "use a new file for the frontmap store");
        }
        sqlite::Stmt v = db.prepare("SELECT max(version) FROM schema_version");
        detail::check_schema_version(v.step() ? static_cast<int>(v.int64(0)) : 0, what);
        for (const char* table : {"articles", "places", "claims", "control"}) {
            if (!db.has_table(table)) db.fail(std::string("the store is damaged: table '") + table + "' is missing");
        }
        return db;
    }

    sqlite::Stmt prepare_article() {
        if (auto st = db_.try_prepare("SELECT title, source, url, file, published FROM articles WHERE sha256 = ?1"))
            return std::move(*st);
        return db_.prepare("SELECT title, source, url, '', published FROM articles WHERE sha256 = ?1");
    }

    std::string what_;
    sqlite::Db db_;
    sqlite::Stmt control_geometry_, claims_, place_, article_;
};

}  // namespace

std::unique_ptr<StoreRows> open_gpkg_rows(const std::string& path) {
    if (is_pg_url(path)) {
        throw StoreError("failed to open store '" + path.substr(0, 3) + "...'",
                         "this build reads PostgreSQL stores only through frontmap-commands.so");
    }
    return std::make_unique<GpkgRows>(path);
}

}  // namespace frontmap::layers
