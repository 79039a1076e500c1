#include "layers/basedata.hpp"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <climits>
#include <exception>
#include <charconv>
#include <chrono>
#include <cmath>
#include <fstream>
#include <string_view>
#include <system_error>
#include <thread>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include <cpl_conv.h>
#include <cpl_error.h>
#include <cpl_string.h>
#include <cpl_vsi.h>
#include <ogr_api.h>
#include <ogr_spatialref.h>
#include <unicode/locid.h>
#include <unicode/region.h>
#include <unicode/unistr.h>

#include "geo/error.hpp"
#include "geo/normalize.hpp"
#include "layers/handles.hpp"

namespace frontmap::layers {

namespace fs = std::filesystem;

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t0) {
    return std::chrono::duration<double>(Clock::now() - t0).count();
}

std::string fixed1(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", v);
    return buf;
}

bool ends_with_ci(const std::string& s, std::string_view suffix) {
    if (s.size() < suffix.size()) return false;
    return EQUAL(s.c_str() + s.size() - suffix.size(), std::string(suffix).c_str());
}

// Natural Earth writes "-99" (and sometimes "") where a code is unknown: both become null.
bool is_null_code(const std::string& s) { return s.empty() || s == "-99" || s == "-1"; }

// ---------------------------------------------------------------------------------------------
// The names table is collected in memory (about a million rows) and written last, in one
// transaction, so that region and country rows, city rows and alias rows share one writer.

enum class Kind : std::uint8_t { city, region, country };
enum class Source : std::uint8_t { name, ascii, alt };

const char* kind_name(Kind k) {
    switch (k) {
        case Kind::city: return "city";
        case Kind::region: return "region";
        case Kind::country: return "country";
    }
    return "city";
}

const char* source_name(Source s) {
    switch (s) {
        case Source::name: return "name";
        case Source::ascii: return "ascii";
        case Source::alt: return "alt";
    }
    return "name";
}

struct Entity {
    Kind kind = Kind::city;
    std::int64_t geonames_id = 0;  // 0: null
    std::string iso;
    std::string country;
    std::string admin1_iso;
    std::string feature_code;
    std::int64_t population = 0;
    double lat = 0.0;
    double lon = 0.0;
    std::size_t first_row = 0;  // this entity's rows in NameTable::rows, before aliases
};

struct NameRow {
    std::string key;
    std::string name;
    std::uint32_t entity = 0;
    Source source = Source::name;
};

class NameTable {
public:
    std::uint32_t begin_entity(Entity e) {
        e.first_row = rows.size();
        entities.push_back(std::move(e));
        return static_cast<std::uint32_t>(entities.size() - 1);
    }
    // Adds one variant of the current (last) entity unless its key is empty or already there.
    void add(std::string_view name, Source source) {
        add_variant(rows, entities.back().first_row, static_cast<std::uint32_t>(entities.size() - 1), name, source);
    }
    // The same on any row vector whose rows from `first` on belong to entity `id` (thread-safe:
    // it touches only `out`).
    static void add_variant(std::vector<NameRow>& out, std::size_t first, std::uint32_t id, std::string_view name,
                            Source source) {
        std::string trimmed = trim(name);
        if (trimmed.empty()) return;
        std::string key = normalize_key(trimmed);
        if (!has_letter(key)) return;
        for (std::size_t i = first; i < out.size(); ++i)
            if (out[i].key == key) return;
        out.push_back(NameRow{std::move(key), std::move(trimmed), id, source});
    }
    // Appends rows made elsewhere for the entities from `first_entity` on, in entity order.
    void append(std::uint32_t first_entity, std::vector<NameRow>&& made) {
        std::uint32_t current = first_entity;
        entities[current].first_row = rows.size();
        for (NameRow& r : made) {
            while (current < r.entity) entities[++current].first_row = rows.size();
            rows.push_back(std::move(r));
        }
        while (current + 1 < entities.size()) entities[++current].first_row = rows.size();
    }
    // Adds an alias row to any entity; false when that entity already has the key.
    bool add_alias(std::uint32_t id, std::string_view name) {
        std::string trimmed = trim(name);
        std::string key = normalize_key(trimmed);
        if (!has_letter(key)) return false;
        const Entity& e = entities[id];
        const std::size_t end = id + 1 < entities.size() ? entities[id + 1].first_row : base_rows_;
        for (std::size_t i = e.first_row; i < end; ++i)
            if (rows[i].key == key) return false;
        if (!alias_seen_.insert(std::to_string(id) + '\x1f' + key).second) return false;
        rows.push_back(NameRow{std::move(key), std::move(trimmed), id, Source::alt});
        return true;
    }
    // Call once every entity has its own names, before the first add_alias().
    void seal() { base_rows_ = rows.size(); }

    std::vector<Entity> entities;
    std::vector<NameRow> rows;

    // A key without a letter ("11", a postcode among GeoNames' alternate names) would match
    // every number in an article: such variants are left out.
    static bool has_letter(const std::string& key) {
        return std::any_of(key.begin(), key.end(), [](char c) { return c >= 'a' && c <= 'z'; });
    }

private:
    static std::string trim(std::string_view s) {
        while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
        while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
        return std::string(s);
    }
    std::size_t base_rows_ = 0;
    std::unordered_set<std::string> alias_seen_;
};

// ---------------------------------------------------------------------------------------------
// Output: a temporary GeoPackage next to OUT, renamed at the end, removed on failure.

class TempOutput {
public:
    explicit TempOutput(fs::path out)
        : out_(std::move(out)), tmp_(out_.string() + "-tmp-" + std::to_string(::getpid())) {
        remove_tmp();
    }
    ~TempOutput() {
        if (!committed_) remove_tmp();
    }
    TempOutput(const TempOutput&) = delete;
    TempOutput& operator=(const TempOutput&) = delete;

    const fs::path& path() const noexcept { return tmp_; }
    void commit() {
        std::error_code ec;
        fs::rename(tmp_, out_, ec);
        if (ec) throw LibraryError("failed to write '" + out_.string() + "'", ec.message());
        committed_ = true;
    }

private:
    void remove_tmp() noexcept {
        for (const char* suffix : {"", "-journal", "-wal", "-shm"}) {
            std::error_code ec;
            fs::remove(tmp_.string() + suffix, ec);
        }
    }
    fs::path out_;
    fs::path tmp_;
    bool committed_ = false;
};

std::string gdal_path(const fs::path& p) {
    std::string s = p.string();
    if (ends_with_ci(s, ".zip")) return "/vsizip/" + s;
    return s;
}

DatasetPtr open_vector(const fs::path& p, const std::string& what) {
    if (!fs::exists(p)) throw InputError("failed to open '" + p.string() + "'", "no such file");
    CPLErrorReset();
    GDALDataset* ds = GDALDataset::Open(gdal_path(p).c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY,
                                        nullptr, nullptr, nullptr);
    if (ds == nullptr || ds->GetLayerCount() == 0) {
        std::string why = last_gdal_error("not a vector file GDAL can read");
        if (ds != nullptr) GDALClose(ds);
        throw InputError("failed to open '" + p.string() + "'", why + " (expected " + what + ")");
    }
    return DatasetPtr(ds);
}

// The next feature, with GDAL's error state reset first, so that check_read() right after the
// last (null) one sees only that call's error (a GEOS complaint about one geometry in between
// is not a read error).
FeaturePtr next_feature(OGRLayer& layer) {
    CPLErrorReset();
    return FeaturePtr(layer.GetNextFeature());
}

// Throws when GDAL reported a failure while a layer was being read (GetNextFeature() returns
// null both at the end and on error).
void check_read(const fs::path& p) {
    if (CPLGetLastErrorType() == CE_Failure || CPLGetLastErrorType() == CE_Fatal)
        throw InputError("failed to read '" + p.string() + "'", last_gdal_error("GDAL read error"));
}

std::string field(const OGRFeature& f, int idx) {
    if (idx < 0 || !f.IsFieldSetAndNotNull(idx)) return {};
    return f.GetFieldAsString(idx);
}

std::int64_t field_int(const OGRFeature& f, int idx) {
    if (idx < 0 || !f.IsFieldSetAndNotNull(idx)) return 0;
    return f.GetFieldAsInteger64(idx);
}

void set_or_null(OGRFeature& f, int idx, const std::string& v) {
    if (v.empty())
        f.SetFieldNull(idx);
    else
        f.SetField(idx, v.c_str());
}

OGRLayer* create_layer(GDALDataset& ds, const char* name, OGRwkbGeometryType type, OGRSpatialReference* srs) {
    char** options = nullptr;
    options = CSLSetNameValue(options, "FID", "fid");
    if (type != wkbNone) {
        options = CSLSetNameValue(options, "GEOMETRY_NAME", "geom");
        // Created after loading (one R-tree bulk build instead of a trigger per row).
        options = CSLSetNameValue(options, "SPATIAL_INDEX", "NO");
    }
    CPLErrorReset();
    OGRLayer* layer = ds.CreateLayer(name, srs, type, options);
    CSLDestroy(options);
    if (layer == nullptr)
        throw LibraryError(std::string("failed to create layer '") + name + "'",
                           last_gdal_error("GDAL could not create it"));
    return layer;
}

void add_field(OGRLayer& layer, const char* name, OGRFieldType type) {
    OGRFieldDefn def(name, type);
    if (layer.CreateField(&def) != OGRERR_NONE)
        throw LibraryError(std::string("failed to create field '") + layer.GetName() + "." + name + "'",
                           last_gdal_error("GDAL could not create it"));
}

void insert(OGRLayer& layer, OGRFeature& f) {
    f.SetFID(OGRNullFID);
    if (layer.CreateFeature(&f) != OGRERR_NONE)
        throw LibraryError(std::string("failed to write a feature to '") + layer.GetName() + "'",
                           last_gdal_error("GDAL could not insert it"));
}

void exec_sql(GDALDataset& ds, const std::string& sql) {
    CPLErrorReset();
    OGRLayer* rs = ds.ExecuteSQL(sql.c_str(), nullptr, nullptr);
    if (rs != nullptr) ds.ReleaseResultSet(rs);
    if (CPLGetLastErrorType() == CE_Failure)
        throw LibraryError("failed to run '" + sql + "'", last_gdal_error("SQLite error"));
}

class LayerTransaction {
public:
    explicit LayerTransaction(GDALDataset& ds, const char* what) : ds_(ds), what_(what) {
        if (ds_.StartTransaction() != OGRERR_NONE)
            throw LibraryError(std::string("failed to start a transaction for '") + what + "'",
                               last_gdal_error("GDAL refused"));
    }
    ~LayerTransaction() {
        if (!done_) ds_.RollbackTransaction();
    }
    LayerTransaction(const LayerTransaction&) = delete;
    LayerTransaction& operator=(const LayerTransaction&) = delete;
    void commit() {
        done_ = true;
        if (ds_.CommitTransaction() != OGRERR_NONE)
            throw LibraryError("failed to commit '" + what_ + "'", last_gdal_error("GDAL refused"));
    }

private:
    GDALDataset& ds_;
    std::string what_;
    bool done_ = false;
};

// A point guaranteed to lie on the area (GEOS PointOnSurface through OGR); the centroid or the
// envelope centre when GEOS cannot (an invalid ring).
bool representative_point(const OGRGeometry* g, double& lat, double& lon) {
    if (g == nullptr || g->IsEmpty()) return false;
    OGRGeometryH h = OGR_G_PointOnSurface(OGRGeometry::ToHandle(const_cast<OGRGeometry*>(g)));
    GeometryPtr p(OGRGeometry::FromHandle(h));
    if (p && !p->IsEmpty() && wkbFlatten(p->getGeometryType()) == wkbPoint) {
        lon = p->toPoint()->getX();
        lat = p->toPoint()->getY();
        return true;
    }
    OGRPoint c;
    if (g->Centroid(&c) == OGRERR_NONE && !c.IsEmpty()) {
        lon = c.getX();
        lat = c.getY();
        return true;
    }
    OGREnvelope env;
    g->getEnvelope(&env);
    lon = (env.MinX + env.MaxX) / 2;
    lat = (env.MinY + env.MaxY) / 2;
    return true;
}

GeometryPtr to_multipolygon(const OGRGeometry* g) {
    if (g == nullptr) return nullptr;
    OGRGeometry* copy = g->clone();
    copy->assignSpatialReference(nullptr);
    GeometryPtr multi(OGRGeometryFactory::forceToMultiPolygon(copy));
    if (!multi || wkbFlatten(multi->getGeometryType()) != wkbMultiPolygon) return nullptr;
    return multi;
}

// Every name_xx column (languages, name_local...) after name_en, name_uk, name_ru; name_alt is
// split on '|' separately.
std::vector<int> name_columns(const OGRFeatureDefn& defn) {
    std::vector<int> out;
    for (const char* first : {"name", "name_en", "name_uk", "name_ru"}) {
        int i = defn.GetFieldIndex(first);
        if (i >= 0) out.push_back(i);
    }
    for (int i = 0; i < defn.GetFieldCount(); ++i) {
        const OGRFieldDefn* fd = defn.GetFieldDefn(i);
        std::string n = fd->GetNameRef();
        if (fd->GetType() != OFTString || n.size() < 6 || !EQUALN(n.c_str(), "name_", 5)) continue;
        if (EQUAL(n.c_str(), "name_alt") || EQUAL(n.c_str(), "name_len") || EQUAL(n.c_str(), "name_sort"))
            continue;
        if (std::find(out.begin(), out.end(), i) == out.end()) out.push_back(i);
    }
    return out;
}

void split_each(std::string_view s, char sep, const std::function<void(std::string_view)>& fn) {
    while (true) {
        std::size_t p = s.find(sep);
        fn(s.substr(0, p));
        if (p == std::string_view::npos) return;
        s.remove_prefix(p + 1);
    }
}

OGRSpatialReference wgs84() {
    OGRSpatialReference srs;
    srs.importFromEPSG(4326);
    srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    return srs;
}

// ---------------------------------------------------------------------------------------------

struct Builder {
    Builder(const BaseDataSources& s, const BuildLog& l, GDALDataset& o) : src(s), log(l), out(o) {}
    const BaseDataSources& src;
    const BuildLog& log;
    GDALDataset& out;
    OGRSpatialReference srs = wgs84();
    NameTable names;
    BaseDataCounts counts;
    // GeoNames "UA.05" -> ISO 3166-2 "UA-14" (empty when two regions claim the code).
    std::unordered_map<std::string, std::string> gn_a1_to_iso;
    std::unordered_map<std::int64_t, std::uint32_t> city_entity;
    std::unordered_map<std::string, std::uint32_t> region_entity;
    std::unordered_map<std::string, std::uint32_t> country_entity;

    void say(const std::string& line) const {
        if (log) log(line);
    }

    void admin1() {
        const auto t0 = Clock::now();
        DatasetPtr in = open_vector(src.admin1, "Natural Earth admin-1 polygons");
        OGRLayer* inl = in->GetLayer(0);
        const OGRFeatureDefn& defn = *inl->GetLayerDefn();
        const int i_iso = defn.GetFieldIndex("iso_3166_2");
        if (i_iso < 0)
            throw InputError("failed to read '" + src.admin1.string() + "'",
                             "no iso_3166_2 field: not Natural Earth admin-1");
        const int i_gn = defn.GetFieldIndex("gn_a1_code");
        const int i_gnid = defn.GetFieldIndex("gn_id");
        const int i_alt = defn.GetFieldIndex("name_alt");
        const std::vector<int> name_cols = name_columns(defn);
        const char* copied[] = {"name", "name_en", "name_uk", "name_ru", "name_alt", "admin", "iso_a2", "type_en"};

        OGRLayer* layer = create_layer(out, "admin1", wkbMultiPolygon, &srs);
        add_field(*layer, "iso_3166_2", OFTString);
        add_field(*layer, "gn_a1_code", OFTString);
        add_field(*layer, "gn_id", OFTInteger);
        for (const char* c : copied) add_field(*layer, c, OFTString);
        const OGRFeatureDefn* odefn = layer->GetLayerDefn();
        int in_idx[std::size(copied)];
        int out_idx[std::size(copied)];
        for (std::size_t k = 0; k < std::size(copied); ++k) {
            in_idx[k] = defn.GetFieldIndex(copied[k]);
            out_idx[k] = odefn->GetFieldIndex(copied[k]);
        }

        LayerTransaction tx(out, "admin1");
        std::unordered_set<std::string> ambiguous;
        inl->ResetReading();
        for (FeaturePtr f = next_feature(*inl); f; f = next_feature(*inl)) {
            GeometryPtr geom = to_multipolygon(f->GetGeometryRef());
            if (!geom) continue;  // no area: nothing to map or to look up
            std::string iso = field(*f, i_iso);
            if (is_null_code(iso)) iso.clear();
            std::string gn = field(*f, i_gn);
            if (is_null_code(gn)) gn.clear();
            std::int64_t gn_id = field_int(*f, i_gnid);

            OGRFeature of(layer->GetLayerDefn());
            set_or_null(of, 0, iso);
            set_or_null(of, 1, gn);
            if (gn_id > 0)
                of.SetField(2, static_cast<GIntBig>(gn_id));
            else
                of.SetFieldNull(2);
            for (std::size_t k = 0; k < std::size(copied); ++k) {
                std::string v = field(*f, in_idx[k]);
                if (std::string_view(copied[k]) == "iso_a2" && is_null_code(v)) v.clear();
                set_or_null(of, out_idx[k], v);
            }

            Entity e;
            e.kind = Kind::region;
            e.geonames_id = gn_id > 0 ? gn_id : 0;
            e.iso = iso;
            e.admin1_iso = iso;
            // The country of a region is the one its ISO 3166-2 code names (Natural Earth files
            // UA-43 Crimea under Russia in `admin`; the code keeps Ukraine's).
            e.country = iso.size() > 3 && iso[2] == '-' ? iso.substr(0, 2) : field(*f, in_idx[6]);
            if (is_null_code(e.country)) e.country.clear();
            e.feature_code = "ADM1";
            representative_point(geom.get(), e.lat, e.lon);
            of.SetGeometryDirectly(geom.release());
            insert(*layer, of);
            ++counts.admin1;

            if (!gn.empty() && !iso.empty()) {
                auto [it, fresh] = gn_a1_to_iso.emplace(gn, iso);
                if (!fresh && it->second != iso) ambiguous.insert(gn);
            }
            const std::uint32_t id = names.begin_entity(std::move(e));
            if (!iso.empty()) region_entity.emplace(iso, id);
            for (int c : name_cols) names.add(field(*f, c), Source::name);
            if (i_alt >= 0) split_each(field(*f, i_alt), '|', [&](std::string_view v) { names.add(v, Source::alt); });
        }
        check_read(src.admin1);
        for (const auto& gn : ambiguous) gn_a1_to_iso.erase(gn);
        tx.commit();
        exec_sql(out, "SELECT CreateSpatialIndex('admin1', 'geom')");
        exec_sql(out, "CREATE INDEX admin1_iso_idx ON admin1(iso_3166_2)");
        if (counts.admin1 == 0)
            throw InputError("failed to read '" + src.admin1.string() + "'", "no admin-1 polygons in it");
        say("admin1: " + std::to_string(counts.admin1) + " regions in " + fixed1(seconds_since(t0)) + " s");
    }

    void countries() {
        const auto t0 = Clock::now();
        DatasetPtr in = open_vector(src.countries, "world-atlas TopoJSON or Natural Earth admin-0");
        OGRLayer* inl = in->GetLayerByName("countries");
        if (inl == nullptr) inl = in->GetLayer(0);
        const OGRFeatureDefn& defn = *inl->GetLayerDefn();
        const int i_a2 = defn.GetFieldIndex("iso_a2");
        const int i_a2eh = defn.GetFieldIndex("iso_a2_eh");
        int i_n3 = defn.GetFieldIndex("iso_n3");
        if (i_n3 < 0) i_n3 = defn.GetFieldIndex("id");  // world-atlas: ISO 3166-1 numeric ids
        int i_name = defn.GetFieldIndex("name");
        if (i_name < 0) i_name = defn.GetFieldIndex("admin");
        if (i_name < 0)
            throw InputError("failed to read '" + src.countries.string() + "'", "no name field: not a countries layer");
        const std::vector<int> name_cols = name_columns(defn);

        OGRLayer* layer = create_layer(out, "countries", wkbMultiPolygon, &srs);
        add_field(*layer, "iso_a2", OFTString);
        add_field(*layer, "iso_n3", OFTString);
        add_field(*layer, "name", OFTString);

        // Read all first: when several features share an alpha-2 code (world-atlas gives Ashmore
        // and Cartier Islands Australia's 036), the largest one is the country that ICU's
        // display names and aliases point at.
        struct Row {
            FeaturePtr feature;
            GeometryPtr geom;
            std::string a2, n3, name;
            double area = 0.0;
        };
        std::vector<Row> rows;
        std::unordered_map<std::string, std::size_t> main_row;
        inl->ResetReading();
        for (FeaturePtr f = next_feature(*inl); f; f = next_feature(*inl)) {
            Row r;
            r.geom = to_multipolygon(f->GetGeometryRef());
            if (!r.geom) continue;
            r.n3 = field(*f, i_n3);
            if (is_null_code(r.n3) || r.n3.find_first_not_of("0123456789") != std::string::npos) r.n3.clear();
            if (!r.n3.empty() && r.n3.size() < 3) r.n3.insert(0, 3 - r.n3.size(), '0');
            r.a2 = field(*f, i_a2);
            if (is_null_code(r.a2)) r.a2 = field(*f, i_a2eh);
            if (is_null_code(r.a2) || r.a2.size() != 2) r.a2.clear();
            if (r.a2.empty() && !r.n3.empty()) r.a2 = iso_numeric_to_alpha2(r.n3);
            r.name = field(*f, i_name);
            r.area = r.geom->toMultiPolygon()->get_Area();
            r.feature = std::move(f);
            if (!r.a2.empty()) {
                auto [it, fresh] = main_row.emplace(r.a2, rows.size());
                if (!fresh && rows[it->second].area < r.area) it->second = rows.size();
            }
            rows.push_back(std::move(r));
        }
        check_read(src.countries);

        static const char* kLanguages[] = {"en", "uk", "ru", "de", "fr", "es", "pl", "it"};
        LayerTransaction tx(out, "countries");
        for (std::size_t k = 0; k < rows.size(); ++k) {
            Row& r = rows[k];
            const bool is_main = !r.a2.empty() && main_row.at(r.a2) == k;
            OGRFeature of(layer->GetLayerDefn());
            set_or_null(of, 0, r.a2);
            set_or_null(of, 1, r.n3);
            set_or_null(of, 2, r.name);

            Entity e;
            e.kind = Kind::country;
            e.iso = r.a2;
            e.country = r.a2;
            e.feature_code = is_main || r.a2.empty() ? "PCLI" : "TERR";
            representative_point(r.geom.get(), e.lat, e.lon);
            of.SetGeometryDirectly(r.geom.release());
            insert(*layer, of);
            ++counts.countries;

            const std::uint32_t id = names.begin_entity(std::move(e));
            if (is_main) country_entity.emplace(r.a2, id);
            names.add(r.name, Source::name);
            for (int c : name_cols) names.add(field(*r.feature, c), Source::name);
            if (is_main) {
                const icu::Locale region("", r.a2.c_str());
                for (const char* lang : kLanguages) {
                    icu::UnicodeString display;
                    region.getDisplayCountry(icu::Locale(lang), display);
                    std::string utf8;
                    display.toUTF8String(utf8);
                    if (!utf8.empty() && utf8 != r.a2) names.add(utf8, Source::name);
                }
            }
        }
        tx.commit();
        exec_sql(out, "SELECT CreateSpatialIndex('countries', 'geom')");
        if (counts.countries == 0)
            throw InputError("failed to read '" + src.countries.string() + "'", "no country polygons in it");
        say("countries: " + std::to_string(counts.countries) + " in " + fixed1(seconds_since(t0)) + " s");
    }

    // The GeoNames TSV itself, or the one .txt inside cities500.zip.
    std::string cities_path() const {
        std::string s = src.cities.string();
        if (!ends_with_ci(s, ".zip")) return s;
        const std::string zip = "/vsizip/" + s;
        char** list = VSIReadDir(zip.c_str());
        std::string found;
        for (int i = 0; list != nullptr && list[i] != nullptr; ++i) {
            std::string n = list[i];
            if (ends_with_ci(n, ".txt") && !EQUAL(n.c_str(), "readme.txt")) {
                found = n;
                break;
            }
        }
        CSLDestroy(list);
        if (found.empty())
            throw InputError("failed to read '" + s + "'", "no GeoNames .txt file inside the zip");
        return zip + "/" + found;
    }

    [[noreturn]] void bad_line(std::int64_t line, const std::string& why) const {
        throw InputError("failed to read '" + src.cities.string() + "'",
                         "line " + std::to_string(line) + ": " + why,
                         "expected the GeoNames cities500 TSV");
    }

    struct VsiCloser {
        void operator()(VSILFILE* f) const noexcept { VSIFCloseL(f); }
    };
    using VsiFile = std::unique_ptr<VSILFILE, VsiCloser>;

    VsiFile open_cities() const {
        VsiFile fp(VSIFOpenL(cities_path().c_str(), "rb"));
        if (!fp) throw InputError("failed to open '" + src.cities.string() + "'", last_gdal_error("cannot read it"));
        return fp;
    }

    void peek_cities() const {
        VsiFile fp = open_cities();
        std::int64_t line_no = 0;
        while (const char* raw = CPLReadLineL(fp.get())) {
            ++line_no;
            std::string_view line(raw);
            if (line.empty() || line == "\r") continue;
            const auto tabs = std::count(line.begin(), line.end(), '\t');
            if (tabs != 18) bad_line(line_no, "expected 19 tab-separated columns, found " + std::to_string(tabs + 1));
            return;
        }
    }

    // Reads and checks every line first (a bad line fails before anything is written), then
    // writes the layer while a second thread computes the name keys: ICU transliteration and
    // SQLite inserts are the two big costs and they overlap.
    void places() {
        const auto t0 = Clock::now();
        std::vector<std::string> lines;
        std::vector<std::int64_t> line_nos;
        {
            VsiFile fp = open_cities();
            std::int64_t line_no = 0;
            while (const char* raw = CPLReadLineL(fp.get())) {
                ++line_no;
                std::string line(raw);
                if (!line.empty() && line.back() == '\r') line.pop_back();
                if (line.empty()) continue;
                lines.push_back(std::move(line));
                line_nos.push_back(line_no);
            }
            if (VSIFEofL(fp.get()) == 0)
                throw InputError("failed to read '" + src.cities.string() + "'",
                                 "read error after line " + std::to_string(line_no));
        }
        if (lines.empty()) throw InputError("failed to read '" + src.cities.string() + "'", "no places in it");

        struct Parsed {
            std::int64_t id = 0;
            double lat = 0.0, lon = 0.0;
            std::int64_t population = 0;
        };
        std::vector<Parsed> parsed(lines.size());
        std::vector<std::string_view> cols;
        for (std::size_t k = 0; k < lines.size(); ++k) {
            const std::int64_t line_no = line_nos[k];
            cols.clear();
            split_each(lines[k], '\t', [&](std::string_view c) { cols.push_back(c); });
            if (cols.size() != 19)
                bad_line(line_no, "expected 19 tab-separated columns, found " + std::to_string(cols.size()));
            Parsed& p = parsed[k];
            if (auto [e, ec] = std::from_chars(cols[0].data(), cols[0].data() + cols[0].size(), p.id);
                ec != std::errc() || e != cols[0].data() + cols[0].size() || p.id <= 0 || p.id > INT32_MAX)
                bad_line(line_no, "geonameid '" + std::string(cols[0]) + "' is not a positive integer");
            auto parse_deg = [&](std::string_view c, double& v, double limit, const char* what) {
                auto [e, ec] = std::from_chars(c.data(), c.data() + c.size(), v);
                if (ec != std::errc() || e != c.data() + c.size() || !std::isfinite(v) || std::fabs(v) > limit)
                    bad_line(line_no, std::string(what) + " '" + std::string(c) + "' is not a valid coordinate");
            };
            parse_deg(cols[4], p.lat, 90.0, "latitude");
            parse_deg(cols[5], p.lon, 180.0, "longitude");
            if (!cols[14].empty()) {
                auto [e, ec] = std::from_chars(cols[14].data(), cols[14].data() + cols[14].size(), p.population);
                if (ec != std::errc() || e != cols[14].data() + cols[14].size() || p.population < 0)
                    bad_line(line_no, "population '" + std::string(cols[14]) + "' is not a number");
            }
        }

        // The key worker: reads `lines` (never written while it runs), fills only its own vector.
        const auto first_entity = static_cast<std::uint32_t>(names.entities.size());
        std::vector<NameRow> city_rows;
        std::exception_ptr worker_error;
        std::atomic<bool> stop{false};
        std::thread worker([&] {
            try {
                std::vector<std::string_view> c;
                for (std::size_t k = 0; k < lines.size() && !stop.load(std::memory_order_relaxed); ++k) {
                    c.clear();
                    split_each(lines[k], '\t', [&](std::string_view v) { c.push_back(v); });
                    const auto id = static_cast<std::uint32_t>(first_entity + k);
                    const std::size_t first = city_rows.size();
                    NameTable::add_variant(city_rows, first, id, c[1], Source::name);
                    NameTable::add_variant(city_rows, first, id, c[2], Source::ascii);
                    if (!c[3].empty())
                        split_each(c[3], ',', [&](std::string_view v) {
                            NameTable::add_variant(city_rows, first, id, v, Source::alt);
                        });
                }
            } catch (...) {
                worker_error = std::current_exception();
            }
        });
        struct Joiner {
            std::thread& t;
            std::atomic<bool>& stop;
            ~Joiner() {
                stop = true;
                if (t.joinable()) t.join();
            }
        } joiner{worker, stop};

        OGRLayer* layer = create_layer(out, "places", wkbPoint, &srs);
        add_field(*layer, "geonames_id", OFTInteger);
        for (const char* c : {"name", "asciiname", "feature_class", "feature_code", "country", "admin1_code", "admin1_iso"})
            add_field(*layer, c, OFTString);
        add_field(*layer, "population", OFTInteger64);
        OGRFeature of(layer->GetLayerDefn());

        LayerTransaction tx(out, "places");
        for (std::size_t k = 0; k < lines.size(); ++k) {
            cols.clear();
            split_each(lines[k], '\t', [&](std::string_view c) { cols.push_back(c); });
            const Parsed& p = parsed[k];
            const std::string country(cols[8]);
            const std::string admin1_code(cols[10]);
            std::string admin1_iso;
            if (!country.empty() && !admin1_code.empty()) {
                auto it = gn_a1_to_iso.find(country + "." + admin1_code);
                if (it != gn_a1_to_iso.end()) admin1_iso = it->second;
            }

            of.SetField(0, static_cast<int>(p.id));
            set_or_null(of, 1, std::string(cols[1]));
            set_or_null(of, 2, std::string(cols[2]));
            set_or_null(of, 3, std::string(cols[6]));
            set_or_null(of, 4, std::string(cols[7]));
            set_or_null(of, 5, country);
            set_or_null(of, 6, admin1_code);
            set_or_null(of, 7, admin1_iso);
            of.SetField(8, static_cast<GIntBig>(p.population));
            of.SetGeometryDirectly(new OGRPoint(p.lon, p.lat));
            insert(*layer, of);
            ++counts.places;

            Entity e;
            e.kind = Kind::city;
            e.geonames_id = p.id;
            e.country = country;
            e.admin1_iso = std::move(admin1_iso);
            e.feature_code = std::string(cols[7]);
            e.population = p.population;
            e.lat = p.lat;
            e.lon = p.lon;
            const std::uint32_t eid = names.begin_entity(std::move(e));
            city_entity.emplace(p.id, eid);
        }
        tx.commit();
        exec_sql(out, "SELECT CreateSpatialIndex('places', 'geom')");
        exec_sql(out, "CREATE INDEX places_geonames_id_idx ON places(geonames_id)");

        worker.join();
        if (worker_error) std::rethrow_exception(worker_error);
        names.append(first_entity, std::move(city_rows));
        say("places: " + std::to_string(counts.places) + " in " + fixed1(seconds_since(t0)) + " s");
    }

    void aliases() {
        names.seal();
        if (src.aliases.empty()) return;
        std::ifstream in(src.aliases);
        if (!in) throw InputError("failed to open '" + src.aliases.string() + "'", "cannot read it");
        std::string line;
        std::int64_t line_no = 0;
        while (std::getline(in, line)) {
            ++line_no;
            if (!line.empty() && line.back() == '\r') line.pop_back();
            if (line.empty() || line[0] == '#') continue;
            std::vector<std::string_view> cols;
            split_each(line, '\t', [&](std::string_view c) { cols.push_back(c); });
            auto bad = [&](const std::string& why) {
                throw InputError("failed to read '" + src.aliases.string() + "'",
                                 "line " + std::to_string(line_no) + ": " + why,
                                 "columns: alias<TAB>kind (city|region|country)<TAB>ref");
            };
            if (cols.size() != 3) bad("expected 3 tab-separated columns, found " + std::to_string(cols.size()));
            if (line_no == 1 && cols[0] == "alias") continue;  // header
            const std::string kind(cols[1]), ref(cols[2]);
            // A ref the sources lack (a GeoNames id gone from a newer cities500, a partial input)
            // skips the alias with a warning; a malformed line is an error.
            std::string missing;
            std::uint32_t id = 0;
            if (kind == "city") {
                std::int64_t gid = 0;
                auto [p, ec] = std::from_chars(ref.data(), ref.data() + ref.size(), gid);
                if (ec != std::errc() || p != ref.data() + ref.size()) bad("city ref '" + ref + "' is not a GeoNames id");
                auto it = city_entity.find(gid);
                if (it == city_entity.end())
                    missing = "no place with GeoNames id " + ref;
                else
                    id = it->second;
            } else if (kind == "region") {
                auto it = region_entity.find(ref);
                if (it == region_entity.end())
                    missing = "no region with ISO 3166-2 code '" + ref + "'";
                else
                    id = it->second;
            } else if (kind == "country") {
                auto it = country_entity.find(ref);
                if (it == country_entity.end())
                    missing = "no country with ISO alpha-2 code '" + ref + "'";
                else
                    id = it->second;
            } else {
                bad("kind '" + kind + "' is not city, region or country");
            }
            if (!NameTable::has_letter(normalize_key(cols[0])))
                bad("alias '" + std::string(cols[0]) + "' has no letter in its key");
            if (!missing.empty()) {
                ++counts.aliases_skipped;
                say("warning: " + src.aliases.string() + " line " + std::to_string(line_no) + ": " + missing +
                    "; alias '" + std::string(cols[0]) + "' skipped");
                continue;
            }
            if (names.add_alias(id, cols[0])) ++counts.aliases;
        }
    }

    void write_names() {
        const auto t0 = Clock::now();
        OGRLayer* layer = create_layer(out, "names", wkbNone, nullptr);
        add_field(*layer, "key", OFTString);
        add_field(*layer, "name", OFTString);
        add_field(*layer, "kind", OFTString);
        add_field(*layer, "geonames_id", OFTInteger);
        for (const char* c : {"iso", "country", "admin1_iso", "feature_code"}) add_field(*layer, c, OFTString);
        add_field(*layer, "population", OFTInteger64);
        add_field(*layer, "lat", OFTReal);
        add_field(*layer, "lon", OFTReal);
        add_field(*layer, "source", OFTString);
        OGRFeature of(layer->GetLayerDefn());

        // Sorted by key so that rows sharing a key sit together on disk.
        std::vector<std::uint32_t> order(names.rows.size());
        for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
        std::stable_sort(order.begin(), order.end(),
                         [&](std::uint32_t a, std::uint32_t b) { return names.rows[a].key < names.rows[b].key; });

        LayerTransaction tx(out, "names");
        for (std::uint32_t i : order) {
            const NameRow& r = names.rows[i];
            const Entity& e = names.entities[r.entity];
            of.SetField(0, r.key.c_str());
            of.SetField(1, r.name.c_str());
            of.SetField(2, kind_name(e.kind));
            if (e.geonames_id > 0)
                of.SetField(3, static_cast<int>(e.geonames_id));
            else
                of.SetFieldNull(3);
            set_or_null(of, 4, e.iso);
            set_or_null(of, 5, e.country);
            set_or_null(of, 6, e.admin1_iso);
            set_or_null(of, 7, e.feature_code);
            of.SetField(8, static_cast<GIntBig>(e.population));
            of.SetField(9, e.lat);
            of.SetField(10, e.lon);
            of.SetField(11, source_name(r.source));
            insert(*layer, of);
            ++counts.names;
        }
        tx.commit();
        exec_sql(out, "CREATE INDEX names_key_idx ON names(key)");
        say("names: " + std::to_string(counts.names) + " rows (" + std::to_string(counts.aliases) +
            " aliases) in " + fixed1(seconds_since(t0)) + " s");
    }
};

}  // namespace

std::string iso_numeric_to_alpha2(const std::string& numeric) {
    if (numeric.empty() || numeric.size() > 3 || numeric.find_first_not_of("0123456789") != std::string::npos)
        return {};
    UErrorCode status = U_ZERO_ERROR;
    const icu::Region* r = icu::Region::getInstance(std::stoi(numeric), status);
    if (U_FAILURE(status) || r == nullptr) return {};
    // A deprecated code (e.g. 530, Netherlands Antilles) may stand for several successors.
    if (r->getType() == URGN_DEPRECATED) {
        std::unique_ptr<icu::StringEnumeration> pref(r->getPreferredValues(status));
        if (U_FAILURE(status) || !pref || pref->count(status) != 1) return {};
        const char* code = pref->next(nullptr, status);
        if (U_FAILURE(status) || code == nullptr) return {};
        r = icu::Region::getInstance(code, status);
        if (U_FAILURE(status) || r == nullptr) return {};
    }
    if (r->getType() != URGN_TERRITORY) return {};
    std::string code = r->getRegionCode();
    if (code.size() != 2) return {};
    return code;
}

BaseDataCounts build_base_data(const BaseDataSources& sources, const fs::path& out, const BuildLog& log) {
    ensure_gdal();
    const auto t0 = Clock::now();
    const fs::path parent = out.has_parent_path() ? out.parent_path() : fs::path(".");
    if (!fs::is_directory(parent))
        throw InputError("failed to write '" + out.string() + "'", "folder '" + parent.string() + "' does not exist");
    if (fs::is_directory(out)) throw InputError("failed to write '" + out.string() + "'", "it is a folder");
    for (const fs::path* p : {&sources.admin1, &sources.countries, &sources.cities, &sources.aliases}) {
        if (p == &sources.aliases && p->empty()) continue;
        if (!fs::exists(*p)) throw InputError("failed to open '" + p->string() + "'", "no such file");
    }

    GDALDriver* gpkg = GetGDALDriverManager()->GetDriverByName("GPKG");
    if (gpkg == nullptr) throw LibraryError("failed to find 'GPKG driver'", "GDAL was built without it");

    TempOutput tmp(out);  // declared before the dataset: the dataset closes first
    // The temporary file is thrown away on failure, so durability is not needed while writing.
    CPLConfigOptionSetter sync("OGR_SQLITE_SYNCHRONOUS", "OFF", false);
    CPLConfigOptionSetter cache("OGR_SQLITE_CACHE", "256", false);
    BaseDataCounts counts;
    {
        CPLErrorReset();
        DatasetPtr ds(gpkg->Create(tmp.path().c_str(), 0, 0, 0, GDT_Unknown, nullptr));
        if (!ds)
            throw LibraryError("failed to create '" + tmp.path().string() + "'", last_gdal_error("GDAL could not create it"));
        Builder b(sources, log, *ds);
        b.peek_cities();  // a wrong cities file fails now, not after the slow polygon layers
        b.admin1();
        b.countries();
        b.places();
        b.aliases();
        b.write_names();
        counts = b.counts;
        CPLErrorReset();
        GDALClose(GDALDataset::ToHandle(ds.release()));
        if (CPLGetLastErrorType() == CE_Failure)
            throw LibraryError("failed to write '" + out.string() + "'", last_gdal_error("GDAL failed to close it"));
    }
    tmp.commit();
    counts.seconds = seconds_since(t0);
    return counts;
}

}  // namespace frontmap::layers
