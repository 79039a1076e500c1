#include "render/base_layers.hpp"

#include <algorithm>
#include <filesystem>
#include <map>
#include <tuple>
#include <utility>

#include <fmt/format.h>

#include "geo/error.hpp"
#include "geo/normalize.hpp"
#include "geo/geometry.hpp"
#include "geo/gpkg.hpp"
#include "geo/sqlite.hpp"
#include "render/geometry.hpp"

namespace frontmap::render {

namespace {

// One layer of base.gpkg: its table, geometry column and R-tree (when it has one).
struct BaseTable {
    std::string table, geom, rtree;
};

BaseTable need_table(const sqlite::Db& db, const std::string& table) {
    if (!db.has_table(table)) db.fail("no layer '" + table + "'", "rebuild it with data/fetch");
    BaseTable t{table, gpkg::geometry_column(db, table), {}};
    if (t.geom.empty()) db.fail("the layer '" + table + "' has no geometry", "rebuild it with data/fetch");
    t.rtree = gpkg::rtree_of(db, table, t.geom);
    return t;
}

// The regions of a layer that meet `box` (through the R-tree: its bounds may be a little
// larger than the geometry's, which only costs drawing a polygon that merely comes near the
// canvas), ordered by code, then row.
std::vector<BaseRegion> read_regions(const sqlite::Db& db, const BaseTable& t, const char* iso_field, const Extent& box,
                                     const std::string& where, const std::string& what) {
    const std::string geom = "t." + sqlite::quote_ident(t.geom);
    std::string sql = fmt::format("SELECT t.{}, t.name, {}, t.rowid FROM {} t", iso_field, geom, sqlite::quote_ident(t.table));
    std::string cond = where;
    if (!t.rtree.empty()) {
        sql += " JOIN " + sqlite::quote_ident(t.rtree) + " r ON t.rowid = r.id";
        const std::string in_box = fmt::format("r.minx <= {} AND r.maxx >= {} AND r.miny <= {} AND r.maxy >= {}",
                                               box.east, box.west, box.north, box.south);
        cond = cond.empty() ? in_box : "(" + cond + ") AND " + in_box;
    }
    if (!cond.empty()) sql += " WHERE " + cond;
    // No ORDER BY: SQLite would copy every row, geometry blobs and all, through a temporary
    // b-tree (it doubled the time of this read). The order is made below.
    sqlite::Stmt st = db.prepare(sql);
    std::vector<std::pair<std::int64_t, BaseRegion>> rows;
    while (st.step()) {
        BaseRegion r{st.text(0), st.text(1), gpkg::polygons_of(gpkg::wkb_of(st.blob(2), what), what)};
        if (r.geom.empty()) continue;
        if (t.rtree.empty() && !bounds_of(r.geom).intersects(box)) continue;
        rows.emplace_back(st.int64(3), std::move(r));
    }
    // Deterministic order whatever the file's row order: by code, then row.
    std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) {
        return std::tie(a.second.iso, a.first) < std::tie(b.second.iso, b.first);
    });
    std::vector<BaseRegion> out;
    out.reserve(rows.size());
    for (auto& [id, r] : rows) out.push_back(std::move(r));
    return out;
}

void read_places(const sqlite::Db& db, const std::string& what, const BaseQuery& q, BaseData& out) {
    const BaseTable places = need_table(db, "places");
    if (q.max_places <= 0) return;
    const Extent& b = q.box;
    // The GeoPackage R-tree gives the places in the box; SQLite sorts them by population.
    const std::string in_box =
        places.rtree.empty()
            ? std::string(" WHERE 1")
            : fmt::format(" JOIN {} r ON p.rowid = r.id WHERE r.minx <= {} AND r.maxx >= {} AND r.miny <= {} AND r.maxy >= {}",
                          sqlite::quote_ident(places.rtree), b.east, b.west, b.north, b.south);
    const std::string sql = fmt::format(
        "SELECT p.geonames_id, p.name, p.country, p.population, p.{} FROM places p{} AND p.population >= {} "
        "ORDER BY p.population DESC, p.geonames_id{}",
        sqlite::quote_ident(places.geom), in_box, q.min_population,
        places.rtree.empty() ? std::string() : fmt::format(" LIMIT {}", q.max_places));
    sqlite::Stmt st = db.prepare(sql);
    while (st.step() && out.places.size() < static_cast<std::size_t>(q.max_places)) {
        const std::optional<LonLat> pos = gpkg::point_of(gpkg::wkb_of(st.blob(4), what), what);
        if (!pos) continue;
        // Without an R-tree the box test is ours.
        if (places.rtree.empty() && (pos->lon < b.west || pos->lon > b.east || pos->lat < b.south || pos->lat > b.north))
            continue;
        BasePlace p;
        p.geonames_id = st.int64(0);
        p.name = st.text(1);
        p.country = st.text(2);
        p.population = st.int64(3);
        p.pos = *pos;
        out.places.push_back(std::move(p));
    }
    if (q.lang == "en" || out.places.empty()) return;

    // Cyrillic names from the names table (variants of the same GeoNames id).
    std::string ids;
    std::map<std::int64_t, BasePlace*> by_id;
    for (auto& p : out.places) {
        ids += (ids.empty() ? "" : ",") + std::to_string(p.geonames_id);
        by_id[p.geonames_id] = &p;
    }
    std::unique_ptr<sqlite::Stmt> names = db.try_prepare(
        "SELECT geonames_id, name FROM names WHERE kind = 'city' AND geonames_id IN (" + ids + ") ORDER BY geonames_id, name");
    if (!names) return;  // an older base without names: Latin names only
    struct Cyr {
        std::string uk, ru, either_long, either_short;
    };
    std::map<std::int64_t, Cyr> cyr;
    // Only variants that spell the same name are candidates: the names table also holds
    // historical names (Ворошиловград for Luhansk), other languages' forms (Kalmyk "Донецк ош")
    // and Belarusian ones, which must never label a Ukrainian map. normalize_key transliterates
    // Cyrillic, so Донецьк, Донецк and Donetsk meet in one key and Ворошиловград does not.
    std::map<std::int64_t, std::string> latin_key;
    for (const auto& p : out.places) latin_key[p.geonames_id] = normalize_key(p.name);
    while (names->step()) {
        auto it = by_id.find(names->int64(0));
        if (it == by_id.end()) continue;
        std::string name = names->text(1);
        const char lang = cyrillic_language(name);
        if (lang == 0 || normalize_key(name) != latin_key[it->first]) continue;
        Cyr& c = cyr[it->first];
        // The shortest variant of each kind wins, deterministically (rows are ordered by name).
        auto take = [&](std::string& slot) {
            if (slot.empty() || name.size() < slot.size()) slot = name;
        };
        if (lang == 'u') take(c.uk);
        if (lang == 'r') take(c.ru);
        if (lang == 'c') {
            take(c.either_short);
            if (c.either_long.empty() || name.size() > c.either_long.size()) c.either_long = name;
        }
    }
    for (auto& [id, c] : cyr) {
        BasePlace& p = *by_id[id];
        // Spellings both languages could write: Ukrainian adds soft signs (Донецьк, Краматорськ)
        // where Russian has none (Донецк, Краматорск), so the longer one is likelier Ukrainian.
        p.name_uk = !c.uk.empty() ? c.uk : c.either_long;
        p.name_ru = !c.ru.empty() ? c.ru : c.either_short;
    }
}

}  // namespace

char cyrillic_language(const std::string& s) {
    bool cyr = false, uk = false, ru = false, other = false;
    for (std::size_t i = 0; i + 1 < s.size(); ++i) {
        unsigned char a = static_cast<unsigned char>(s[i]), b = static_cast<unsigned char>(s[i + 1]);
        if (a != 0xD0 && a != 0xD1 && a != 0xD2) continue;
        cyr = true;
        // Ukrainian only: ї Ї є Є ґ Ґ; і І is Ukrainian or Belarusian.
        if ((a == 0xD1 && (b == 0x96 || b == 0x97 || b == 0x94)) || (a == 0xD0 && (b == 0x86 || b == 0x87 || b == 0x84)) ||
            (a == 0xD2 && (b == 0x91 || b == 0x90)))
            uk = true;
        // Russian (not Ukrainian): ы Ы э Э ъ Ъ ё Ё
        if ((a == 0xD1 && (b == 0x8B || b == 0x8D || b == 0x8A || b == 0x91)) ||
            (a == 0xD0 && (b == 0xAB || b == 0xAD || b == 0xAA || b == 0x81)))
            ru = true;
        // Belarusian ў Ў, Serbian/Macedonian ј љ њ ћ џ ѓ ќ ѕ: neither language.
        if ((a == 0xD1 && (b == 0x9E || b == 0x98 || b == 0x99 || b == 0x9A || b == 0x9B || b == 0x9F || b == 0x93 ||
                           b == 0x9C || b == 0x95)) ||
            (a == 0xD0 && b == 0x8E))
            other = true;
    }
    if (!cyr || other || (uk && ru)) return 0;
    if (uk) return 'u';
    if (ru) return 'r';
    return 'c';  // Cyrillic that either language could spell this way
}

BaseData load_base(const std::string& path, const BaseQuery& q) {
    const std::string what = "failed to open base data '" + path + "'";
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) {
        throw InputError(what, "no such file", "run data/fetch first, or give --base PATH (or set FRONTMAP_BASE)");
    }
    const sqlite::Db db = sqlite::Db::open_read_only(path, what, sqlite::Role::input);
    const std::string read_what = "failed to read base data '" + path + "'";
    BaseData out;
    const BaseTable countries = need_table(db, "countries");
    const BaseTable admin1 = need_table(db, "admin1");
    out.countries = read_regions(db, countries, "iso_a2", q.box, "", read_what);
    out.admin1 = read_regions(db, admin1, "iso_3166_2", q.box, "t.iso_3166_2 IS NULL OR t.iso_3166_2 NOT LIKE 'UA-%'",
                              read_what);
    // Every Ukrainian region, found through the R-tree by Ukraine's box (a LIKE alone would scan
    // the whole world's admin-1 table, geometry blobs and all).
    const Extent ukraine_box{22.0, 44.0, 40.5, 52.5};
    out.ukraine = read_regions(db, admin1, "iso_3166_2", ukraine_box, "t.iso_3166_2 LIKE 'UA-%'", read_what);
    read_places(db, read_what, q, out);
    GeoContext geo;
    out.ukraine_union = union_regions(geo, out.ukraine);
    return out;
}

}  // namespace frontmap::render
