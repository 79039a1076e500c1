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
#include "geo/status.hpp"
#include "layers/control.hpp"

namespace frontmap::layers {

namespace {

std::string str(const OGRFeature& f, const char* field) {
    const int i = f.GetFieldIndex(field);
    if (i < 0 || !f.IsFieldSetAndNotNull(i)) return {};
    return f.GetFieldAsString(i);
}
std::int64_t int64(const OGRFeature& f, const char* field) {
    const int i = f.GetFieldIndex(field);
    if (i < 0 || !f.IsFieldSetAndNotNull(i)) return 0;
    return f.GetFieldAsInteger64(i);
}
double real(const OGRFeature& f, const char* field, double fallback = NAN) {
    const int i = f.GetFieldIndex(field);
    if (i < 0 || !f.IsFieldSetAndNotNull(i)) return fallback;
    return f.GetFieldAsDouble(i);
}

std::vector<unsigned char> wkb_of(const OGRGeometry& g) {
    std::vector<unsigned char> wkb(static_cast<std::size_t>(g.WkbSize()));
    g.exportToWkb(wkbNDR, wkb.data(), wkbVariantIso);
    return wkb;
}

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
// read later, only for the rows a date needs).
struct CatalogRow {
    GIntBig fid = 0;
    std::string source, party, kind, valid_from, valid_to;
};

std::vector<CatalogRow> read_catalog(Store& store) {
    OGRLayer& control = store.layer("control");
    control.SetAttributeFilter(nullptr);
    control.SetSpatialFilter(nullptr);
    const char* ignored[] = {"OGR_GEOMETRY", nullptr};
    control.SetIgnoredFields(ignored);
    std::vector<CatalogRow> rows;
    control.ResetReading();
    for (auto& f : control) {
        rows.push_back({f->GetFID(), str(*f, "source"), str(*f, "party"), str(*f, "kind"), str(*f, "valid_from"),
                        str(*f, "valid_to")});
    }
    control.SetIgnoredFields(nullptr);
    std::sort(rows.begin(), rows.end(), [](const CatalogRow& a, const CatalogRow& b) {
        return std::tie(a.source, a.party, a.kind, a.valid_from, a.fid) <
               std::tie(b.source, b.party, b.kind, b.valid_from, b.fid);
    });
    return rows;
}

struct ControlPick {
    ControlKey key;
    std::vector<GIntBig> fids;  // ascending
};

// For each (source, party, kind): the rows with the latest valid_from <= date (and no valid_to
// before it). Ordered by source, party, kind.
std::vector<ControlPick> latest_control(const std::vector<CatalogRow>& catalog, const std::string& date) {
    std::vector<ControlPick> out;
    for (std::size_t i = 0; i < catalog.size();) {
        std::size_t j = i;
        const CatalogRow& first = catalog[i];
        std::string best;
        while (j < catalog.size() && catalog[j].source == first.source && catalog[j].party == first.party &&
               catalog[j].kind == first.kind) {
            const CatalogRow& r = catalog[j];
            if (r.valid_from <= date && (r.valid_to.empty() || r.valid_to >= date)) best = std::max(best, r.valid_from);
            ++j;
        }
        if (!best.empty()) {
            ControlPick pick{{first.source, first.party, first.kind, best}, {}};
            for (std::size_t k = i; k < j; ++k) {
                const CatalogRow& r = catalog[k];
                if (r.valid_from == best && (r.valid_to.empty() || r.valid_to >= date)) pick.fids.push_back(r.fid);
            }
            out.push_back(std::move(pick));
        }
        i = j;
    }
    return out;
}

ControlRows control_rows(Store& store, const ControlPick& pick) {
    OGRLayer& control = store.layer("control");
    ControlRows out{pick.key, {}};
    for (GIntBig fid : pick.fids) {
        FeaturePtr f(control.GetFeature(fid));
        if (!f) throw StoreError("failed to read control row " + std::to_string(fid), last_gdal_error("it vanished"));
        if (const OGRGeometry* g = f->GetGeometryRef(); g != nullptr && !g->IsEmpty()) out.wkb.push_back(wkb_of(*g));
    }
    return out;
}

struct ClaimRow {
    std::string article, place_key, actor, stance, part, claim_date, attributed_to, evidence;
    std::int64_t evidence_start = 0, evidence_end = 0;
    double confidence = 0;
};

// Claims with D - window < claim_date <= D, latest per (place, actor, stance), sorted.
std::vector<ClaimRow> active_claims(Store& store, const std::string& date, int window_days) {
    const std::string from = add_days(date, -window_days);
    OGRLayer& claims = store.layer("claims");
    claims.SetAttributeFilter(("claim_date <= " + sql_quote(date) + " AND claim_date > " + sql_quote(from)).c_str());
    claims.ResetReading();
    std::map<std::tuple<std::string, std::string, std::string>, ClaimRow> latest;
    for (auto& f : claims) {
        ClaimRow c{str(*f, "article_sha256"), str(*f, "place_key"), str(*f, "actor"), str(*f, "stance"),
                   str(*f, "part"), str(*f, "claim_date"), str(*f, "attributed_to"), str(*f, "evidence_text"),
                   int64(*f, "evidence_start"), int64(*f, "evidence_end"), real(*f, "confidence", 0.0)};
        if (c.place_key.empty() || !is_iso_date(c.claim_date)) continue;
        auto key = std::make_tuple(c.place_key, c.actor, c.stance);
        auto it = latest.find(key);
        const auto rank = [](const ClaimRow& r) { return std::make_tuple(r.claim_date, r.confidence, r.article); };
        if (it == latest.end() || rank(c) > rank(it->second)) latest[key] = std::move(c);
    }
    claims.SetAttributeFilter(nullptr);
    std::vector<ClaimRow> out;
    for (auto& [k, c] : latest) out.push_back(std::move(c));
    return out;  // std::map order: place, actor, stance
}

struct PlaceRow {
    std::string key, name, kind, iso, country;
    std::int64_t geonames_id = 0, population = 0;
    LonLat pos{NAN, NAN};
    std::vector<unsigned char> wkb;  // point or polygon
};

std::optional<PlaceRow> place_row(Store& store, const std::string& place_key) {
    OGRLayer& places = store.layer("places");
    places.SetAttributeFilter(("place_key = " + sql_quote(place_key)).c_str());
    places.ResetReading();
    std::optional<PlaceRow> out;
    for (auto& f : places) {
        PlaceRow p{place_key, str(*f, "name"), str(*f, "kind"), str(*f, "iso"), str(*f, "country"),
                   int64(*f, "geonames_id"), int64(*f, "population"), {real(*f, "lon"), real(*f, "lat")}, {}};
        if (const OGRGeometry* g = f->GetGeometryRef(); g != nullptr && !g->IsEmpty()) {
            p.wkb = wkb_of(*g);
            if (!std::isfinite(p.pos.lon) || !std::isfinite(p.pos.lat)) {
                OGRPoint c;
                if (g->Centroid(&c) == OGRERR_NONE) p.pos = {c.getX(), c.getY()};
            }
        }
        out = std::move(p);
        break;
    }
    places.SetAttributeFilter(nullptr);
    return out;
}

// How a map names an article: its title, else its source, else its URL, else the name of the
// file it was ingested from (stores of schema 4 on), with its date.
struct ArticleInfo {
    std::string name, published;
};

ArticleInfo article_info(Store& store, const std::string& sha, std::map<std::string, ArticleInfo>& cache) {
    if (auto it = cache.find(sha); it != cache.end()) return it->second;
    OGRLayer& articles = store.layer("articles");
    articles.SetAttributeFilter(("sha256 = " + sql_quote(sha)).c_str());
    articles.ResetReading();
    ArticleInfo info;
    for (auto& f : articles) {
        for (const char* field : {"title", "source", "url", "file"}) {
            info.name = str(*f, field);
            if (!info.name.empty()) break;
        }
        info.published = str(*f, "published");
        break;
    }
    articles.SetAttributeFilter(nullptr);
    return cache[sha] = info;
}

// The base data, opened read-only when the options name it.
class Base {
public:
    explicit Base(const std::string& path) {
        if (path.empty()) return;
        if (!std::filesystem::exists(path)) {
            throw InputError("failed to open base data '" + path + "'", "no such file", "run data/fetch first");
        }
        ds_.reset(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr));
        if (!ds_) throw InputError("failed to open base data '" + path + "'", last_gdal_error("not a GeoPackage"));
    }
    OGRLayer* layer(const char* name) { return ds_ ? ds_->GetLayerByName(name) : nullptr; }

private:
    DatasetPtr ds_;
};

struct Region {
    std::string iso, name;
    std::vector<unsigned char> wkb;
};

// Crimea and Sevastopol from the base admin-1 polygons.
std::vector<Region> pre2022_regions(Base& base) {
    std::vector<Region> out;
    OGRLayer* admin1 = base.layer("admin1");
    if (admin1 == nullptr) return out;
    admin1->SetAttributeFilter("iso_3166_2 IN ('UA-43', 'UA-40')");
    admin1->ResetReading();
    for (auto& f : *admin1) {
        const OGRGeometry* g = f->GetGeometryRef();
        if (g == nullptr || g->IsEmpty()) continue;
        std::string name = str(*f, "name_en");
        if (name.empty()) name = str(*f, "name");
        out.push_back({str(*f, "iso_3166_2"), name, wkb_of(*g)});
    }
    admin1->SetAttributeFilter(nullptr);
    std::sort(out.begin(), out.end(), [](const Region& a, const Region& b) { return a.iso > b.iso; });  // UA-43 first
    return out;
}

std::vector<Neighbour> neighbours(Base& base, LonLat centre, double radius_km, std::int64_t self_id) {
    std::vector<Neighbour> out;
    OGRLayer* places = base.layer("places");
    if (places == nullptr) return out;
    const double dlat = 2 * radius_km / 110.574;
    const double dlon = 2 * radius_km / (111.320 * std::max(0.05, std::cos(centre.lat * std::numbers::pi / 180)));
    places->SetSpatialFilterRect(centre.lon - dlon, centre.lat - dlat, centre.lon + dlon, centre.lat + dlat);
    places->SetAttributeFilter(nullptr);
    places->ResetReading();
    for (auto& f : *places) {
        if (self_id != 0 && int64(*f, "geonames_id") == self_id) continue;
        const OGRGeometry* g = f->GetGeometryRef();
        if (g == nullptr || wkbFlatten(g->getGeometryType()) != wkbPoint) continue;
        const auto* p = g->toPoint();
        out.push_back({{p->getX(), p->getY()}, int64(*f, "population")});
    }
    places->SetSpatialFilter(nullptr);
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
    Impl(Store& s, SnapshotOptions o) : store(&s), options(std::move(o)), base(options.base) {
        catalog = read_catalog(s);
        regions = pre2022_regions(base);
    }
    Store* store;
    SnapshotOptions options;
    Base base;
    std::vector<CatalogRow> catalog;
    std::vector<Region> regions;
    std::map<GIntBig, std::uint64_t> hashes;  // control row -> content hash of its geometry
};

Snapshotter::Snapshotter(Store& store, SnapshotOptions options)
    : impl_(std::make_unique<Impl>(store, std::move(options))) {}
Snapshotter::~Snapshotter() = default;
Snapshotter::Snapshotter(Snapshotter&&) noexcept = default;
Snapshotter& Snapshotter::operator=(Snapshotter&&) noexcept = default;

MapData load_map_data(Store& store, const std::string& date, std::optional<Extent> extent,
                      const SnapshotOptions& options) {
    check_date(date);
    return Snapshotter(store, options).map_data(date, extent);
}

SnapshotDigestInputs snapshot_digest_inputs(Store& store, const std::string& date, const SnapshotOptions& options) {
    check_date(date);
    return Snapshotter(store, options).digest_inputs(date);
}

SnapshotDigestInputs Snapshotter::digest_inputs(const std::string& date) {
    Store& store = *impl_->store;
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
            for (GIntBig fid : pick.fids) {
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
        if (auto p = place_row(store, key)) {
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
        if (with_geometry) c.geometry = union_of(ctx, control_rows(*impl_->store, pick).wkb);
        out.push_back(std::move(c));
    }
    return out;
}

MapData Snapshotter::map_data(const std::string& date, std::optional<Extent> extent) {
    Store& store = *impl_->store;
    const SnapshotOptions& options = impl_->options;
    Base& base = impl_->base;
    check_date(date);
    if (extent && !extent->valid()) {
        throw InputError(fmt::format("failed to use extent '{},{},{},{}'", extent->west, extent->south, extent->east,
                                     extent->north),
                         "expected west < east and south < north inside -180..180, -90..90");
    }
    const std::optional<Extent> box = extent ? std::optional<Extent>(extent->expanded(options.extent_margin)) : std::nullopt;
    GeoContext ctx;
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
        std::optional<PlaceRow> place = place_row(store, place_key);
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
