#include "layers/snapshot.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <memory>
#include <numbers>
#include <set>
#include <tuple>

#include <fmt/format.h>

#include "geo/context.hpp"
#include "geo/error.hpp"
#include "geo/gpkg.hpp"
#include "geo/sqlite.hpp"
#include "geo/status.hpp"
#include "layers/dates.hpp"

namespace frontmap::layers {

namespace {

std::uint64_t fnv1a(const std::vector<unsigned char>& bytes) {
    std::uint64_t h = 1469598103934665603ULL;
    for (unsigned char b : bytes) {
        h ^= b;
        h *= 1099511628211ULL;
    }
    return h;
}

struct ControlKey {
    std::string source, party, kind, valid_from;
};

struct ControlRows {
    ControlKey key;
    std::vector<std::vector<unsigned char>> wkb;  // ordered by fid
};

// Every control row's key, read once per Snapshotter (one pass over the table; the geometry is
// read later, only for the rows a date needs), sorted by key then fid.
std::vector<ControlCatalogRow> read_catalog(StoreRows& rows) {
    std::vector<ControlCatalogRow> catalog = rows.control_catalog();
    std::sort(catalog.begin(), catalog.end(), [](const ControlCatalogRow& a, const ControlCatalogRow& b) {
        return std::tie(a.source, a.party, a.kind, a.valid_from, a.fid) <
               std::tie(b.source, b.party, b.kind, b.valid_from, b.fid);
    });
    return catalog;
}

struct ControlPick {
    ControlKey key;
    std::vector<std::int64_t> fids;  // ascending
};

// For each (source, party, kind): the rows with the latest valid_from <= date (and no valid_to
// before it). Ordered by source, party, kind.
std::vector<ControlPick> latest_control(const std::vector<ControlCatalogRow>& catalog, const std::string& date) {
    std::vector<ControlPick> out;
    for (std::size_t i = 0; i < catalog.size();) {
        std::size_t j = i;
        const ControlCatalogRow& first = catalog[i];
        std::string best;
        while (j < catalog.size() && catalog[j].source == first.source && catalog[j].party == first.party &&
               catalog[j].kind == first.kind) {
            const ControlCatalogRow& r = catalog[j];
            if (r.valid_from <= date && (r.valid_to.empty() || r.valid_to >= date)) best = std::max(best, r.valid_from);
            ++j;
        }
        if (!best.empty()) {
            ControlPick pick{{first.source, first.party, first.kind, best}, {}};
            for (std::size_t k = i; k < j; ++k) {
                const ControlCatalogRow& r = catalog[k];
                if (r.valid_from == best && (r.valid_to.empty() || r.valid_to >= date)) pick.fids.push_back(r.fid);
            }
            out.push_back(std::move(pick));
        }
        i = j;
    }
    return out;
}

ControlRows control_rows(StoreRows& rows, const ControlPick& pick) {
    ControlRows out{pick.key, {}};
    for (std::int64_t fid : pick.fids) {
        std::vector<unsigned char> wkb = rows.control_wkb(fid);
        if (!wkb.empty()) out.wkb.push_back(std::move(wkb));
    }
    return out;
}

// Claims with D - window < claim_date <= D, latest per (place, actor, stance), sorted.
std::vector<ClaimRow> active_claims(StoreRows& rows, const std::string& date, int window_days) {
    std::map<std::tuple<std::string, std::string, std::string>, ClaimRow> latest;
    for (ClaimRow& c : rows.claims_between(add_days(date, -window_days), date)) {
        if (c.place_key.empty() || !is_iso_date(c.claim_date)) continue;
        auto key = std::make_tuple(c.place_key, c.actor, c.stance);
        auto it = latest.find(key);
        // Latest, then most confident, then a total order of the rest: the result does not
        // depend on the order the store returns rows in (which differs between drivers).
        const auto rank = [](const ClaimRow& r) {
            return std::tie(r.claim_date, r.confidence, r.article, r.evidence_start, r.evidence_end, r.part,
                            r.attributed_to, r.evidence);
        };
        if (it == latest.end() || rank(c) > rank(it->second)) latest[key] = std::move(c);
    }
    std::vector<ClaimRow> out;
    for (auto& [k, c] : latest) out.push_back(std::move(c));
    return out;  // std::map order: place, actor, stance
}

// A place's row, with its position taken from its geometry when lat/lon are not stored.
std::optional<PlaceRow> place_row(const GeoContext& ctx, StoreRows& rows, const std::string& place_key) {
    std::optional<PlaceRow> p = rows.place(place_key);
    if (p && !p->wkb.empty() && (!std::isfinite(p->pos.lon) || !std::isfinite(p->pos.lat))) {
        GeosGeomPtr g = geos_from_wkb(ctx, p->wkb.data(), p->wkb.size());
        GeosGeomPtr c = ctx.own(GEOSGetCentroid_r(ctx.geos(), g.get()), "centroid");
        double x = NAN, y = NAN;
        if (GEOSisEmpty_r(ctx.geos(), c.get()) == 0 && GEOSGeomGetX_r(ctx.geos(), c.get(), &x) == 1 &&
            GEOSGeomGetY_r(ctx.geos(), c.get(), &y) == 1)
            p->pos = {x, y};
    }
    return p;
}

// How a map names an article: its title, else its source, else its URL, else the name of the
// file it was ingested from (stores of schema 4 on), with its date.
struct ArticleInfo {
    std::string name, published;
};

ArticleInfo article_info(StoreRows& rows, const std::string& sha, std::map<std::string, ArticleInfo>& cache) {
    if (auto it = cache.find(sha); it != cache.end()) return it->second;
    ArticleInfo info;
    if (std::optional<ArticleRow> a = rows.article(sha)) {
        for (const std::string* field : {&a->title, &a->source, &a->url, &a->file}) {
            info.name = *field;
            if (!info.name.empty()) break;
        }
        info.published = a->published;
    }
    return cache[sha] = info;
}

// The base data (base.gpkg), read-only through SQLite when the options name it.
class Base {
public:
    explicit Base(const std::string& path) {
        if (path.empty()) return;
        db_.emplace(sqlite::Db::open_read_only(path, "failed to open base data '" + path + "'", sqlite::Role::input));
        for (const char* table : {"admin1", "places"}) {
            if (!db_->has_table(table)) {
                db_->fail(std::string("it has no '") + table + "' table", "rebuild it with data/fetch");
            }
        }
        admin1_geom_ = gpkg::geometry_column(*db_, "admin1");
        places_geom_ = gpkg::geometry_column(*db_, "places");
        if (admin1_geom_.empty() || places_geom_.empty()) db_->fail("it is not a GeoPackage of the expected layers", "rebuild it with data/fetch");
        places_rtree_ = gpkg::rtree_of(*db_, "places", places_geom_);
        path_ = path;
    }
    bool open() const { return db_.has_value(); }
    const sqlite::Db& db() const { return *db_; }
    const std::string& path() const { return path_; }
    const std::string& admin1_geom() const { return admin1_geom_; }
    const std::string& places_geom() const { return places_geom_; }
    const std::string& places_rtree() const { return places_rtree_; }

private:
    std::optional<sqlite::Db> db_;
    std::string path_, admin1_geom_, places_geom_, places_rtree_;
};

struct Region {
    std::string iso, name;
    std::vector<unsigned char> wkb;
};

// Crimea and Sevastopol from the base admin-1 polygons.
std::vector<Region> pre2022_regions(const Base& base) {
    std::vector<Region> out;
    if (!base.open()) return out;
    const std::string geom = sqlite::quote_ident(base.admin1_geom());
    const std::string tail = geom + " FROM admin1 WHERE iso_3166_2 IN ('UA-43', 'UA-40') ORDER BY rowid";
    std::unique_ptr<sqlite::Stmt> st = base.db().try_prepare("SELECT iso_3166_2, name_en, name, " + tail);
    if (!st) st = std::make_unique<sqlite::Stmt>(base.db().prepare("SELECT iso_3166_2, '', name, " + tail));
    const std::string what = "failed to read base data '" + base.path() + "'";
    while (st->step()) {
        const auto wkb = gpkg::wkb_of(st->blob(3), what);
        if (wkb.empty()) continue;
        std::string name = st->text(1);
        if (name.empty()) name = st->text(2);
        out.push_back({st->text(0), name, {wkb.begin(), wkb.end()}});
    }
    std::sort(out.begin(), out.end(), [](const Region& a, const Region& b) { return a.iso > b.iso; });  // UA-43 first
    return out;
}

std::vector<Neighbour> neighbours(const Base& base, LonLat centre, double radius_km, std::int64_t self_id) {
    std::vector<Neighbour> out;
    if (!base.open()) return out;
    const double dlat = 2 * radius_km / 110.574;
    const double dlon = 2 * radius_km / (111.320 * std::max(0.05, std::cos(centre.lat * std::numbers::pi / 180)));
    const double w = centre.lon - dlon, e = centre.lon + dlon, s = centre.lat - dlat, n = centre.lat + dlat;
    const std::string geom = sqlite::quote_ident(base.places_geom());
    // The R-tree narrows the search (its float bounds are rounded outwards); the exact test is ours.
    const std::string sql =
        base.places_rtree().empty()
            ? "SELECT p.geonames_id, p.population, p." + geom + " FROM places p ORDER BY p.rowid"
            : "SELECT p.geonames_id, p.population, p." + geom + " FROM places p JOIN " +
                  sqlite::quote_ident(base.places_rtree()) +
                  " r ON p.rowid = r.id WHERE r.minx <= ?2 AND r.maxx >= ?1 AND r.miny <= ?4 AND r.maxy >= ?3"
                  " ORDER BY p.rowid";
    sqlite::Stmt st = base.db().prepare(sql);
    if (!base.places_rtree().empty()) st.bind(1, w).bind(2, e).bind(3, s).bind(4, n);
    const std::string what = "failed to read base data '" + base.path() + "'";
    while (st.step()) {
        if (self_id != 0 && st.int64(0) == self_id) continue;
        const std::optional<LonLat> p = gpkg::point_of(gpkg::wkb_of(st.blob(2), what), what);
        if (!p || p->lon < w || p->lon > e || p->lat < s || p->lat > n) continue;
        out.push_back({*p, st.int64(1)});
    }
    return out;
}

// The union of stored polygons. One row is taken as stored (`frontmap import` repaired it; a
// row written by other means that is invalid gets repaired when several rows are merged, and
// GEOS reports a LibraryError for the rest rather than crashing).
GeosGeomPtr union_of(const GeoContext& ctx, const std::vector<std::vector<unsigned char>>& wkbs) {
    if (wkbs.empty()) return geos_empty_multipolygon(ctx);
    if (wkbs.size() == 1) {
        GeosGeomPtr g = geos_from_wkb(ctx, wkbs[0].data(), wkbs[0].size());
        return polygonal_part(ctx, g.get());
    }
    std::vector<GeosGeomPtr> parts;
    for (const auto& w : wkbs) {
        GeosGeomPtr g = geos_from_wkb(ctx, w.data(), w.size());
        parts.push_back(make_valid_polygonal(ctx, g.get()));
    }
    std::vector<GEOSGeometry*> raw;
    for (auto& p : parts) raw.push_back(p.get());
    GEOSGeometry* coll = GEOSGeom_createCollection_r(ctx.geos(), GEOS_GEOMETRYCOLLECTION, raw.data(),
                                                     static_cast<unsigned>(raw.size()));
    if (coll != nullptr) {
        for (auto& p : parts) (void)p.release();
    }
    GeosGeomPtr c = ctx.own(coll, "collection");
    GeosGeomPtr u = ctx.own(GEOSUnaryUnion_r(ctx.geos(), c.get()), "union");
    return polygonal_part(ctx, u.get());
}

GeosGeomPtr clip(const GeoContext& ctx, const GEOSGeometry* g, const std::optional<Extent>& box) {
    if (!box) return geos_clone(ctx, g);
    GeosGeomPtr c = ctx.own(GEOSClipByRect_r(ctx.geos(), g, box->west, box->south, box->east, box->north), "clip");
    return make_valid_polygonal(ctx, c.get());
}

bool envelope_intersects(const GeoContext& ctx, const GEOSGeometry* g, const Extent& box) {
    double minx = 0, miny = 0, maxx = 0, maxy = 0;
    GEOSContextHandle_t h = ctx.geos();
    if (GEOSisEmpty_r(h, g) == 1) return false;
    GEOSGeom_getXMin_r(h, g, &minx);
    GEOSGeom_getYMin_r(h, g, &miny);
    GEOSGeom_getXMax_r(h, g, &maxx);
    GEOSGeom_getYMax_r(h, g, &maxy);
    return !(maxx < box.west || minx > box.east || maxy < box.south || miny > box.north);
}

std::string joined(const std::vector<std::string>& lines) {
    std::string out;
    for (const auto& l : lines) {
        out += l;
        out += '\n';
    }
    return out;
}

void check_date(const std::string& date) {
    if (!is_iso_date(date)) throw InputError("failed to read date '" + date + "'", "expected a real date as YYYY-MM-DD");
}

}  // namespace

std::string SnapshotDigestInputs::text() const { return joined(lines); }

struct Snapshotter::Impl {
    Impl(std::unique_ptr<StoreRows> own, StoreRows& r, SnapshotOptions o)
        : owned(std::move(own)), rows(&r), options(std::move(o)), base(options.base) {
        catalog = read_catalog(r);
        regions = pre2022_regions(base);
    }
    std::unique_ptr<StoreRows> owned;  // null when the caller owns the rows
    StoreRows* rows;
    SnapshotOptions options;
    Base base;
    GeoContext ctx;  // GEOS for every map and digest of this Snapshotter (one per thread)
    std::vector<ControlCatalogRow> catalog;
    std::vector<Region> regions;
    std::map<std::int64_t, std::uint64_t> hashes;  // control row -> content hash of its geometry
};

Snapshotter::Snapshotter(StoreRows& rows, SnapshotOptions options)
    : impl_(std::make_unique<Impl>(nullptr, rows, std::move(options))) {}
Snapshotter::Snapshotter(std::unique_ptr<StoreRows> rows, SnapshotOptions options) {
    StoreRows& r = *rows;
    impl_ = std::make_unique<Impl>(std::move(rows), r, std::move(options));
}
Snapshotter::~Snapshotter() = default;
Snapshotter::Snapshotter(Snapshotter&&) noexcept = default;
Snapshotter& Snapshotter::operator=(Snapshotter&&) noexcept = default;

MapData load_map_data(StoreRows& rows, const std::string& date, std::optional<Extent> extent,
                      const SnapshotOptions& options) {
    check_date(date);
    return Snapshotter(rows, options).map_data(date, extent);
}

SnapshotDigestInputs snapshot_digest_inputs(StoreRows& rows, const std::string& date,
                                            const SnapshotOptions& options) {
    check_date(date);
    return Snapshotter(rows, options).digest_inputs(date);
}

SnapshotDigestInputs Snapshotter::digest_inputs(const std::string& date) {
    StoreRows& store = *impl_->rows;
    const SnapshotOptions& options = impl_->options;
    check_date(date);
    SnapshotDigestInputs out;
    out.lines.push_back("date\t" + date);
    out.lines.push_back(fmt::format("options\twindow={}\tvoronoi={}\tdensity={}\tmin_r={}\tmax_r={}\tbefore_2022={}",
                                    options.claim_window_days, options.voronoi ? 1 : 0,
                                    options.footprint.density_per_km2, options.footprint.min_radius_km,
                                    options.footprint.max_radius_km, options.before_2022_date));
    auto add_control = [&](const char* tag, const std::string& d) {
        for (const auto& pick : latest_control(impl_->catalog, d)) {
            const ControlKey& key = pick.key;
            if (std::string(tag) == "pre2022" && (key.party != "RU" || key.kind != "assessed")) continue;
            std::string line = fmt::format("{}\t{}\t{}\t{}\t{}", tag, key.source, key.party, key.kind, key.valid_from);
            for (std::int64_t fid : pick.fids) {
                auto it = impl_->hashes.find(fid);
                if (it == impl_->hashes.end()) {
                    const ControlRows rows = control_rows(store, ControlPick{key, {fid}});
                    it = impl_->hashes.emplace(fid, rows.wkb.empty() ? 0 : fnv1a(rows.wkb.front())).first;
                }
                line += fmt::format("\t{:016x}", it->second);
            }
            out.lines.push_back(std::move(line));
        }
    };
    add_control("control", date);
    if (options.before_2022_date < date) add_control("pre2022", options.before_2022_date);
    std::set<std::string> place_keys;
    for (const auto& c : active_claims(store, date, options.claim_window_days)) {
        out.lines.push_back(fmt::format("claim\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}", c.place_key, c.actor, c.stance,
                                        c.part, c.claim_date, c.attributed_to, c.article, c.evidence_start,
                                        c.evidence_end));
        place_keys.insert(c.place_key);
    }
    for (const auto& key : place_keys) {
        if (auto p = place_row(impl_->ctx, store, key)) {
            out.lines.push_back(fmt::format("place\t{}\t{}\t{}\t{:.7f}\t{:.7f}\t{}\t{:016x}", p->key, p->name, p->kind,
                                            p->pos.lon, p->pos.lat, p->population, fnv1a(p->wkb)));
        }
    }
    return out;
}

std::vector<Snapshotter::Control> Snapshotter::control(const GeoContext& ctx, const std::string& date,
                                                      bool with_geometry) {
    check_date(date);
    std::vector<Control> out;
    for (const auto& pick : latest_control(impl_->catalog, date)) {
        const ControlKey& key = pick.key;
        Control c{key.source, key.party, key.kind, key.valid_from, days_between(key.valid_from, date), nullptr};
        if (with_geometry) c.geometry = union_of(ctx, control_rows(*impl_->rows, pick).wkb);
        out.push_back(std::move(c));
    }
    return out;
}

MapData Snapshotter::map_data(const std::string& date, std::optional<Extent> extent) {
    StoreRows& store = *impl_->rows;
    const SnapshotOptions& options = impl_->options;
    const Base& base = impl_->base;
    check_date(date);
    if (extent && !extent->valid()) {
        throw InputError(fmt::format("failed to use extent '{},{},{},{}'", extent->west, extent->south, extent->east,
                                     extent->north),
                         "expected west < east and south < north inside -180..180, -90..90");
    }
    const std::optional<Extent> box = extent ? std::optional<Extent>(extent->expanded(options.extent_margin)) : std::nullopt;
    const GeoContext& ctx = impl_->ctx;
    GEOSContextHandle_t h = ctx.geos();
    MapData map;
    map.date = date;
    std::set<std::string> control_sources;

    // 1. Control layers.
    std::vector<GeosGeomPtr> assessed_ru;
    for (const auto& pick : latest_control(impl_->catalog, date)) {
        const ControlKey& key = pick.key;
        ControlRows rows = control_rows(store, pick);
        if (rows.wkb.empty()) continue;
        GeosGeomPtr whole = union_of(ctx, rows.wkb);
        GeosGeomPtr shown = clip(ctx, whole.get(), box);
        map.control.push_back({key.source, key.party, key.kind, key.valid_from, days_between(key.valid_from, date),
                               to_multipolygon(ctx, shown.get())});
        control_sources.insert(key.source);
        if (key.party == "RU" && key.kind == "assessed") assessed_ru.push_back(std::move(whole));
    }
    GeosGeomPtr assessed;
    if (assessed_ru.size() == 1) {
        assessed = std::move(assessed_ru.front());
    } else {
        std::vector<std::vector<unsigned char>> wkbs;
        for (const auto& g : assessed_ru) wkbs.push_back(geos_to_wkb(ctx, g.get()));
        assessed = union_of(ctx, wkbs);
    }
    GeosPreparedPtr assessed_prep(GEOSPrepare_r(h, assessed.get()), GeosPreparedDeleter{h});

    // 2. Held before 2022: Crimea and Sevastopol from the base, pre-2022 control records.
    std::vector<std::vector<unsigned char>> pre2022_parts;
    std::map<std::string, std::size_t> region_area_index;  // place_key -> index in map.areas
    for (const auto& region : impl_->regions) {
        GeosGeomPtr g = geos_from_wkb(ctx, region.wkb.data(), region.wkb.size());
        GeosGeomPtr valid = make_valid_polygonal(ctx, g.get());
        pre2022_parts.push_back(region.wkb);
        if (box && !envelope_intersects(ctx, valid.get(), *box)) continue;
        ClaimArea a;
        a.place_key = "iso:" + region.iso;
        a.name = region.name;
        a.status = Status::held_ru_before_2022;
        a.area = to_multipolygon(ctx, valid.get());
        region_area_index[a.place_key] = map.areas.size();
        map.areas.push_back(std::move(a));
    }
    if (options.before_2022_date < date) {
        for (const auto& pick : latest_control(impl_->catalog, options.before_2022_date)) {
            const ControlKey& key = pick.key;
            if (key.party != "RU" || key.kind != "assessed") continue;
            ControlRows rows = control_rows(store, pick);
            if (rows.wkb.empty()) continue;
            GeosGeomPtr whole = union_of(ctx, rows.wkb);
            pre2022_parts.push_back(geos_to_wkb(ctx, whole.get()));
            GeosGeomPtr shown = clip(ctx, whole.get(), box);
            if (GEOSisEmpty_r(h, shown.get()) == 1) continue;
            ClaimArea a;
            a.place_key = "control:" + key.source + "@" + key.valid_from;
            a.name = "held before 24 February 2022 (" + key.source + ", " + key.valid_from + ")";
            a.status = Status::held_ru_before_2022;
            a.area = to_multipolygon(ctx, shown.get());
            map.areas.push_back(std::move(a));
            control_sources.insert(key.source);
        }
    }
    GeosGeomPtr pre2022 = union_of(ctx, pre2022_parts);
    GeosPreparedPtr pre2022_prep(GEOSPrepare_r(h, pre2022.get()), GeosPreparedDeleter{h});

    // 3. Claims, grouped by place (ordered by place key).
    std::map<std::string, ArticleInfo> articles;
    std::set<std::string> article_sources;                      // of the places on the map
    std::map<std::string, std::set<std::string>> place_articles;  // place_key -> its articles
    std::map<std::string, std::vector<ClaimSummary>> by_place;
    for (const auto& c : active_claims(store, date, options.claim_window_days)) {
        ArticleInfo info = article_info(store, c.article, articles);
        const std::string name = info.name.empty() ? "article " + c.article.substr(0, 12) : info.name;
        place_articles[c.place_key].insert(info.published.empty() ? name : name + ", " + info.published);
        by_place[c.place_key].push_back(
            {c.actor, c.stance, c.part, c.claim_date, c.attributed_to, name, c.evidence});
    }

    // 4. Areas and statuses.
    std::vector<ClaimArea> overlays;
    for (auto& [place_key, claims] : by_place) {
        if (auto it = region_area_index.find(place_key); it != region_area_index.end()) {
            map.areas[it->second].claims = claims;
            article_sources.insert(place_articles[place_key].begin(), place_articles[place_key].end());
            continue;
        }
        std::optional<PlaceRow> place = place_row(ctx, store, place_key);
        if (!place || !std::isfinite(place->pos.lon) || !std::isfinite(place->pos.lat)) continue;
        if (box && !box->contains(place->pos)) continue;

        const StatusContext sc{contains_point(ctx, assessed_prep.get(), place->pos),
                               contains_point(ctx, pre2022_prep.get(), place->pos)};
        const std::optional<PlaceStatus> status = place_status(claims, sc);
        if (!status) continue;

        GeosGeomPtr area;
        const bool is_point = place->wkb.empty() ||
                              GEOSGeomTypeId_r(h, geos_from_wkb(ctx, place->wkb.data(), place->wkb.size()).get()) == GEOS_POINT;
        if (is_point) {
            std::vector<Neighbour> near;
            if (options.voronoi) {
                near = neighbours(base, place->pos, footprint_radius_km(place->population, options.footprint),
                                  place->geonames_id);
            }
            area = settlement_area(ctx, place->pos, place->population, near, options.footprint);
        } else {
            GeosGeomPtr g = geos_from_wkb(ctx, place->wkb.data(), place->wkb.size());
            area = make_valid_polygonal(ctx, g.get());
        }

        ClaimArea a;
        a.place_key = place_key;
        a.name = place->name;
        a.status = status->status;
        a.claims = claims;
        if (is_point) a.centre = place->pos;
        if (!status->held_part.empty()) {
            if (auto part = parse_part(status->held_part)) {
                GeosGeomPtr held = area_part(ctx, area.get(), place->pos, *part);
                if (GEOSisEmpty_r(h, held.get()) == 0) {
                    a.held_part = to_multipolygon(ctx, held.get());
                    a.held_by = status->held_by;
                }
            }
        }
        GeosGeomPtr shown;
        if (status->status == Status::claimed_ru && GEOSisEmpty_r(h, assessed.get()) == 0) {
            GeosGeomPtr outside = ctx.own(GEOSDifference_r(h, area.get(), assessed.get()), "claim outside assessed control");
            shown = make_valid_polygonal(ctx, outside.get());
            if (GEOSisEmpty_r(h, shown.get()) == 1) {
                a.status = Status::assessed_ru;
                shown = std::move(area);
            }
        } else {
            shown = std::move(area);
        }
        a.area = to_multipolygon(ctx, shown.get());
        for (Status s : status->overlays) {
            ClaimArea o = a;
            o.status = s;
            o.held_part.reset();
            o.held_by.clear();
            o.area = to_multipolygon(ctx, shown.get());
            overlays.push_back(std::move(o));
        }
        if (is_point) {
            Settlement s;
            s.geonames_id = place->geonames_id;
            s.name = place->name;
            s.pos = place->pos;
            s.population = place->population;
            s.status = a.status;
            s.priority = a.status == Status::disputed ? 2 : 1;
            map.settlements.push_back(std::move(s));
        }
        map.areas.push_back(std::move(a));
        article_sources.insert(place_articles[place_key].begin(), place_articles[place_key].end());
    }
    for (auto& o : overlays) map.areas.push_back(std::move(o));

    for (const auto& s : control_sources) map.sources.push_back(s);
    for (const auto& s : article_sources) map.sources.push_back(s);
    return map;
}

}  // namespace frontmap::layers
