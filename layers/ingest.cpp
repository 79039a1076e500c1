#include "layers/ingest.hpp"

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <ctime>
#include <map>
#include <set>

#include <fmt/format.h>

#include "geo/error.hpp"
#include "geo/normalize.hpp"
#include "geo/sha256.hpp"
#include "layers/handles.hpp"

namespace frontmap::layers {

namespace {

// True when some row of `layer` has `field` = value. Leaves the layer unfiltered.
bool exists(OGRLayer& layer, const char* field, const std::string& value) {
    std::string filter = fmt::format("{} = {}", field, sql_quote(value));
    if (layer.SetAttributeFilter(filter.c_str()) != OGRERR_NONE) {
        layer.SetAttributeFilter(nullptr);
        throw StoreError(fmt::format("failed to query '{}'", layer.GetName()),
                         last_gdal_error("the attribute filter was refused"));
    }
    layer.ResetReading();
    FeaturePtr f(layer.GetNextFeature());
    layer.SetAttributeFilter(nullptr);
    layer.ResetReading();
    return f != nullptr;
}

void create(OGRLayer& layer, OGRFeature& f) {
    if (layer.CreateFeature(&f) != OGRERR_NONE)
        throw StoreError(fmt::format("failed to write to '{}'", layer.GetName()),
                         last_gdal_error("GDAL refused the row"));
}

std::string utc_now() {
    std::time_t now = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&now, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

void set_or_null(OGRFeature& f, const char* field, const std::string& v) {
    if (v.empty()) f.SetFieldNull(f.GetFieldIndex(field));
    else f.SetField(field, v.c_str());
}

PlaceKind kind_from(const std::string& s) {
    if (s == "region") return PlaceKind::region;
    if (s == "country") return PlaceKind::country;
    if (s == "continent") return PlaceKind::continent;
    if (s == "landmark") return PlaceKind::landmark;
    return PlaceKind::city;
}

std::string str(OGRFeature& f, const char* field) {
    int i = f.GetFieldIndex(field);
    if (i < 0 || !f.IsFieldSetAndNotNull(i)) return {};
    return f.GetFieldAsString(i);
}

}  // namespace

IngestResult ingest(Store& store, const Article& article, const Extraction& x, const IngestOptions& options) {
    ensure_gdal();
    IngestResult r;
    r.sha256 = sha256_hex(article.text);
    auto stage = [&](std::string_view s) {
        if (options.after_stage) options.after_stage(s);
    };
    OGRLayer& articles = store.layer("articles");
    OGRLayer& places = store.layer("places");
    OGRLayer& mentions = store.layer("mentions");
    OGRLayer& claims = store.layer("claims");
    Transaction tx(store);
    if (exists(articles, "sha256", r.sha256)) return r;  // nothing to add; the transaction rolls back

    {
        FeaturePtr f(OGRFeature::CreateFeature(articles.GetLayerDefn()));
        f->SetField("sha256", r.sha256.c_str());
        set_or_null(*f, "source", options.source.empty() ? article.source : options.source);
        set_or_null(*f, "url", options.url.empty() ? article.url : options.url);
        set_or_null(*f, "title", article.title);
        if (f->GetFieldIndex("file") >= 0) set_or_null(*f, "file", options.file);
        set_or_null(*f, "published", x.date ? format_date(*x.date) : std::string());
        f->SetField("ingested_at", utc_now().c_str());
        create(articles, *f);
    }
    stage("article");

    std::map<std::string, const Place*> referenced;
    for (const auto& m : x.mentions) referenced.emplace(m.place.place_key(), &m.place);
    for (const auto& c : x.claims) referenced.emplace(c.place.place_key(), &c.place);
    for (const auto& [key, p] : referenced) {
        if (exists(places, "place_key", key)) continue;
        FeaturePtr f(OGRFeature::CreateFeature(places.GetLayerDefn()));
        f->SetField("place_key", key.c_str());
        if (p->geonames_id != 0) f->SetField("geonames_id", static_cast<GIntBig>(p->geonames_id));
        set_or_null(*f, "iso", p->kind == PlaceKind::region || p->kind == PlaceKind::country ? p->iso : std::string());
        f->SetField("name", p->name.c_str());
        f->SetField("kind", to_string(p->kind));
        set_or_null(*f, "country", p->country);
        set_or_null(*f, "admin1", p->admin1);
        f->SetField("population", static_cast<GIntBig>(p->population));
        f->SetField("lat", p->lat);
        f->SetField("lon", p->lon);
        // A representative point for every kind: region polygons stay in base.gpkg (admin1).
        OGRPoint pt(p->lon, p->lat);
        f->SetGeometry(&pt);
        create(places, *f);
        ++r.new_places;
    }
    stage("places");

    for (const auto& m : x.mentions) {
        FeaturePtr f(OGRFeature::CreateFeature(mentions.GetLayerDefn()));
        f->SetField("article_sha256", r.sha256.c_str());
        f->SetField("start", static_cast<int>(m.start));
        f->SetField("end_", static_cast<int>(m.end));
        f->SetField("byte_start", static_cast<int>(m.byte_start));
        f->SetField("byte_end", static_cast<int>(m.byte_end));
        f->SetField("surface", m.surface.c_str());
        f->SetField("place_key", m.place.place_key().c_str());
        f->SetField("score", m.score);
        create(mentions, *f);
        ++r.mentions;
    }
    stage("mentions");

    for (const auto& c : x.claims) {
        FeaturePtr f(OGRFeature::CreateFeature(claims.GetLayerDefn()));
        f->SetField("article_sha256", r.sha256.c_str());
        f->SetField("place_key", c.place.place_key().c_str());
        f->SetField("actor", c.actor.c_str());
        f->SetField("stance", c.stance.c_str());
        set_or_null(*f, "part", c.part);
        set_or_null(*f, "claim_date", c.claim_date ? format_date(*c.claim_date) : std::string());
        set_or_null(*f, "attributed_to", c.attributed_to);
        f->SetField("evidence_start", static_cast<int>(c.evidence_start));
        f->SetField("evidence_end", static_cast<int>(c.evidence_end));
        f->SetField("evidence_text", c.evidence_text.c_str());
        f->SetField("confidence", c.confidence);
        create(claims, *f);
        ++r.claims;
    }
    stage("claims");
    tx.commit();
    r.added = true;
    return r;
}

namespace {

std::map<std::string, Place> load_places(Store& store) {
    std::map<std::string, Place> out;
    OGRLayer& places = store.layer("places");
    places.SetAttributeFilter(nullptr);
    places.ResetReading();
    while (FeaturePtr f{places.GetNextFeature()}) {
        Place p;
        p.name = str(*f, "name");
        p.kind = kind_from(str(*f, "kind"));
        int gi = f->GetFieldIndex("geonames_id");
        if (gi >= 0 && f->IsFieldSetAndNotNull(gi)) p.geonames_id = f->GetFieldAsInteger64(gi);
        p.iso = str(*f, "iso");
        p.country = str(*f, "country");
        p.admin1 = str(*f, "admin1");
        int pi = f->GetFieldIndex("population");
        if (pi >= 0 && f->IsFieldSetAndNotNull(pi)) p.population = f->GetFieldAsInteger64(pi);
        p.lat = f->GetFieldAsDouble("lat");
        p.lon = f->GetFieldAsDouble("lon");
        out.emplace(str(*f, "place_key"), std::move(p));
    }
    return out;
}

}  // namespace

std::vector<StoredClaim> read_claims(Store& store, std::optional<Date> active_on, int window_days,
                                     const std::string& place) {
    ensure_gdal();
    auto places = load_places(store);
    const std::string want = place.empty() ? std::string() : normalize_key(place);
    std::vector<StoredClaim> all;
    OGRLayer& claims = store.layer("claims");
    claims.SetAttributeFilter(nullptr);
    claims.ResetReading();
    while (FeaturePtr f{claims.GetNextFeature()}) {
        StoredClaim sc;
        sc.article_sha256 = str(*f, "article_sha256");
        std::string key = str(*f, "place_key");
        auto it = places.find(key);
        if (it != places.end()) sc.claim.place = it->second;
        else sc.claim.place.name = key;
        if (!want.empty() && normalize_key(sc.claim.place.name) != want && key != place) continue;
        sc.claim.actor = str(*f, "actor");
        sc.claim.stance = str(*f, "stance");
        sc.claim.part = str(*f, "part");
        sc.claim.claim_date = parse_iso_date(str(*f, "claim_date"));
        sc.claim.attributed_to = str(*f, "attributed_to");
        sc.claim.evidence_start = static_cast<std::uint32_t>(f->GetFieldAsInteger("evidence_start"));
        sc.claim.evidence_end = static_cast<std::uint32_t>(f->GetFieldAsInteger("evidence_end"));
        sc.claim.evidence_text = str(*f, "evidence_text");
        sc.claim.confidence = f->GetFieldAsDouble("confidence");
        if (active_on) {
            if (!sc.claim.claim_date || *sc.claim.claim_date > *active_on) continue;
            auto age = (std::chrono::sys_days{*active_on} - std::chrono::sys_days{*sc.claim.claim_date}).count();
            if (age > window_days) continue;
        }
        all.push_back(std::move(sc));
    }
    std::stable_sort(all.begin(), all.end(), [](const StoredClaim& a, const StoredClaim& b) {
        if (a.claim.claim_date != b.claim.claim_date) {
            if (!a.claim.claim_date) return true;
            if (!b.claim.claim_date) return false;
            return *a.claim.claim_date < *b.claim.claim_date;
        }
        return a.claim.place.name < b.claim.place.name;
    });
    if (!active_on) return all;
    // The latest per place, actor, stance and part.
    std::map<std::string, std::size_t> latest;
    for (std::size_t i = 0; i < all.size(); ++i) {
        const Claim& c = all[i].claim;
        latest[c.place.place_key() + "|" + c.actor + "|" + c.stance + "|" + c.part] = i;
    }
    std::set<std::size_t> keep;
    for (const auto& [k, i] : latest) keep.insert(i);
    std::vector<StoredClaim> out;
    for (std::size_t i : keep) out.push_back(std::move(all[i]));
    return out;
}

std::vector<StoredPlace> read_places(Store& store) {
    ensure_gdal();
    auto places = load_places(store);
    std::map<std::string, StoredPlace> by_key;
    for (auto& [k, p] : places) by_key[k].place = p;
    for (const char* table : {"mentions", "claims"}) {
        OGRLayer& layer = store.layer(table);
        layer.SetAttributeFilter(nullptr);
        layer.ResetReading();
        while (FeaturePtr f{layer.GetNextFeature()}) {
            auto it = by_key.find(str(*f, "place_key"));
            if (it == by_key.end()) continue;
            if (std::string_view(table) == "mentions") ++it->second.mentions;
            else ++it->second.claims;
        }
    }
    std::vector<StoredPlace> out;
    for (auto& [k, sp] : by_key) out.push_back(std::move(sp));
    std::stable_sort(out.begin(), out.end(), [](const StoredPlace& a, const StoredPlace& b) {
        return a.mentions != b.mentions ? a.mentions > b.mentions : a.place.name < b.place.name;
    });
    return out;
}

}  // namespace frontmap::layers
