// The store's rows through OGR (layers/rows.hpp), for PostGIS stores; store_rows() picks the
// SQLite reader for GeoPackage stores.

#include <cmath>
#include <map>
#include <optional>
#include <utility>

#include "geo/error.hpp"
#include "layers/rows.hpp"
#include "layers/store.hpp"

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
double real(const OGRFeature& f, const char* field, double fallback) {
    const int i = f.GetFieldIndex(field);
    if (i < 0 || !f.IsFieldSetAndNotNull(i)) return fallback;
    return f.GetFieldAsDouble(i);
}

std::vector<unsigned char> wkb_of(const OGRGeometry* g) {
    if (g == nullptr || g->IsEmpty()) return {};
    std::vector<unsigned char> wkb(static_cast<std::size_t>(g->WkbSize()));
    g->exportToWkb(wkbNDR, wkb.data(), wkbVariantIso);
    return wkb;
}

// Resets a layer's filters when a read ends, however it ends.
struct FilterReset {
    OGRLayer& layer;
    ~FilterReset() {
        layer.SetAttributeFilter(nullptr);
        layer.SetIgnoredFields(nullptr);
    }
};

// The rows of a Store the caller keeps open, or of one opened for them (owned).
class OgrRows final : public StoreRows {
public:
    explicit OgrRows(Store& store) : store_(store) {}
    explicit OgrRows(Store&& owned) : owned_(std::move(owned)), store_(*owned_) {}
    OgrRows(const OgrRows&) = delete;  // store_ may refer to owned_
    OgrRows& operator=(const OgrRows&) = delete;

    std::vector<ControlCatalogRow> control_catalog() override {
        OGRLayer& control = store_.layer("control");
        FilterReset reset{control};
        control.SetAttributeFilter(nullptr);
        control.SetSpatialFilter(nullptr);
        const char* ignored[] = {"OGR_GEOMETRY", nullptr};
        control.SetIgnoredFields(ignored);
        std::vector<ControlCatalogRow> rows;
        control.ResetReading();
        for (auto& f : control) {
            rows.push_back({f->GetFID(), str(*f, "source"), str(*f, "party"), str(*f, "kind"), str(*f, "valid_from"),
                            str(*f, "valid_to")});
        }
        return rows;
    }

    std::vector<unsigned char> control_wkb(std::int64_t fid) override {
        FeaturePtr f(store_.layer("control").GetFeature(fid));
        if (!f) throw StoreError("failed to read control row " + std::to_string(fid), last_gdal_error("it vanished"));
        return wkb_of(f->GetGeometryRef());
    }

    std::vector<ClaimRow> claims_between(const std::string& after, const std::string& until) override {
        OGRLayer& claims = store_.layer("claims");
        FilterReset reset{claims};
        claims.SetAttributeFilter(("claim_date <= " + sql_quote(until) + " AND claim_date > " + sql_quote(after)).c_str());
        claims.ResetReading();
        std::vector<ClaimRow> out;
        for (auto& f : claims) {
            out.push_back({str(*f, "article_sha256"), str(*f, "place_key"), str(*f, "actor"), str(*f, "stance"),
                           str(*f, "part"), str(*f, "claim_date"), str(*f, "attributed_to"), str(*f, "evidence_text"),
                           int64(*f, "evidence_start"), int64(*f, "evidence_end"), real(*f, "confidence", 0.0)});
        }
        return out;
    }

    std::optional<PlaceRow> place(const std::string& place_key) override {
        FeaturePtr f = first_where("places", "place_key = " + sql_quote(place_key));
        if (!f) return std::nullopt;
        return PlaceRow{place_key,
                        str(*f, "name"),
                        str(*f, "kind"),
                        str(*f, "iso"),
                        str(*f, "country"),
                        int64(*f, "geonames_id"),
                        int64(*f, "population"),
                        {real(*f, "lon", NAN), real(*f, "lat", NAN)},
                        wkb_of(f->GetGeometryRef())};
    }

    std::optional<ArticleRow> article(const std::string& sha256) override {
        FeaturePtr f = first_where("articles", "sha256 = " + sql_quote(sha256));
        if (!f) return std::nullopt;
        return ArticleRow{str(*f, "title"), str(*f, "source"), str(*f, "url"), str(*f, "file"), str(*f, "published")};
    }

private:
    // The first row of a table matching an attribute filter, or null.
    FeaturePtr first_where(const char* table, const std::string& filter) {
        OGRLayer& layer = store_.layer(table);
        FilterReset reset{layer};
        layer.SetAttributeFilter(filter.c_str());
        layer.ResetReading();
        return FeaturePtr(layer.GetNextFeature());
    }

    std::optional<Store> owned_;
    Store& store_;
};

}  // namespace

std::unique_ptr<StoreRows> ogr_rows(Store& store) { return std::make_unique<OgrRows>(store); }

std::unique_ptr<StoreRows> store_rows(Store& store) {
    if (store.is_postgis()) return std::make_unique<OgrRows>(store);
    return open_gpkg_rows(store.url());
}

std::unique_ptr<StoreRows> open_store_rows(const std::string& url) {
    if (is_pg_url(url)) return std::make_unique<OgrRows>(Store::open(url, Store::Mode::read_only));
    return open_gpkg_rows(url);
}

}  // namespace frontmap::layers
