#include "layers/control.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <thread>
#include <cctype>
#include <chrono>
#include <filesystem>
#include <map>
#include <regex>
#include <set>

#include <fmt/format.h>
#include <ogr_spatialref.h>

#include "geo/context.hpp"
#include "geo/error.hpp"
#include "geo/geometry.hpp"

namespace frontmap::layers {

namespace fs = std::filesystem;

namespace {

// Extensions of the vector formats a directory import picks up (a file named explicitly is
// always tried, whatever its extension).
const std::set<std::string>& vector_extensions() {
    static const std::set<std::string> ext = {".geojson", ".json",  ".gpkg", ".shp", ".kml", ".kmz",
                                              ".gml",     ".fgb",   ".sqlite", ".tab", ".mif", ".geojsonl",
                                              ".geojsons", ".topojson", ".gpx"};
    return ext;
}

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

struct PendingFile {
    std::string path;
    std::string valid_from;
};

std::vector<PendingFile> expand_inputs(const std::vector<std::string>& inputs, const ImportOptions& options) {
    std::vector<PendingFile> out;
    auto add = [&](const fs::path& file) {
        PendingFile p{file.string(), {}};
        if (options.date) {
            p.valid_from = *options.date;
        } else {
            auto d = date_from_name(*options.date_pattern, file.filename().string());
            if (!d) {
                throw InputError("failed to import '" + file.string() + "'",
                                 "its name carries no date matching '" + *options.date_pattern + "'",
                                 "give --date or a --date-from-name pattern that matches");
            }
            p.valid_from = *d;
        }
        out.push_back(std::move(p));
    };
    for (const auto& input : inputs) {
        std::error_code ec;
        const fs::path path(input);
        if (fs::is_directory(path, ec)) {
            std::vector<fs::path> files;
            for (const auto& entry : fs::directory_iterator(path, ec)) {
                if (!entry.is_regular_file()) continue;
                if (vector_extensions().count(lower(entry.path().extension().string())) == 0) continue;
                files.push_back(entry.path());
            }
            if (ec) throw InputError("failed to read directory '" + input + "'", ec.message());
            if (files.empty()) {
                throw InputError("failed to import '" + input + "'", "the directory holds no vector file");
            }
            std::sort(files.begin(), files.end());
            for (const auto& f : files) add(f);
        } else if (fs::exists(path, ec)) {
            add(path);
        } else {
            throw InputError("failed to import '" + input + "'", "no such file or directory");
        }
    }
    return out;
}

bool is_polygonal(OGRwkbGeometryType t) {
    const auto flat = wkbFlatten(t);
    return flat == wkbPolygon || flat == wkbMultiPolygon || flat == wkbCurvePolygon || flat == wkbMultiSurface ||
           flat == wkbGeometryCollection || flat == wkbPolyhedralSurface || flat == wkbTIN || flat == wkbTriangle;
}

const OGRSpatialReference& wgs84() {
    static const OGRSpatialReference srs = [] {
        OGRSpatialReference s;
        s.importFromEPSG(4326);
        s.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
        return s;
    }();
    return srs;
}

PreparedFile read_polygons(const GeoContext& ctx, const PendingFile& pending) {
    const std::string what = "failed to import '" + pending.path + "'";
    CPLErrorReset();
    DatasetPtr ds(GDALDataset::Open(pending.path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr));
    if (!ds) throw InputError(what, last_gdal_error("not a vector file GDAL can read"));

    GEOSContextHandle_t h = ctx.geos();
    std::vector<GeosGeomPtr> parts;
    for (OGRLayer* layer : ds->GetLayers()) {
        std::unique_ptr<OGRCoordinateTransformation> to_wgs84;
        if (const OGRSpatialReference* src = layer->GetSpatialRef(); src != nullptr) {
            // The copy keeps the layer's data-axis mapping (how the driver hands out coordinates,
            // e.g. lat/lon for a GML in authority order), so the transformation swaps when needed.
            OGRSpatialReference source(*src);
            const bool same = source.IsSame(&wgs84()) &&
                              source.GetDataAxisToSRSAxisMapping() == wgs84().GetDataAxisToSRSAxisMapping();
            if (!same) {
                to_wgs84.reset(OGRCreateCoordinateTransformation(&source, &wgs84()));
                if (!to_wgs84) {
                    throw InputError(what, last_gdal_error("its coordinate system cannot be converted to WGS84"));
                }
            }
        }
        layer->ResetReading();
        CPLErrorReset();
        for (auto& feature : *layer) {
            OGRGeometry* g = feature->GetGeometryRef();
            if (g == nullptr || g->IsEmpty() || !is_polygonal(g->getGeometryType())) continue;
            GeometryPtr linear;
            if (g->hasCurveGeometry()) {
                linear.reset(g->getLinearGeometry());
                g = linear.get();
                if (g == nullptr) continue;
            }
            if (to_wgs84) {
                if (!linear) {
                    linear.reset(g->clone());
                    g = linear.get();
                }
                if (g->transform(to_wgs84.get()) != OGRERR_NONE) {
                    throw InputError(what, last_gdal_error("a polygon cannot be converted to WGS84"));
                }
            }
            std::vector<unsigned char> wkb(static_cast<std::size_t>(g->WkbSize()));
            if (g->exportToWkb(wkbNDR, wkb.data(), wkbVariantIso) != OGRERR_NONE) {
                throw InputError(what, "a geometry cannot be encoded");
            }
            GeosGeomPtr geos = geos_from_wkb(ctx, wkb.data(), wkb.size());
            parts.push_back(polygonal_part(ctx, geos.get()));
        }
        if (CPLGetLastErrorType() >= CE_Failure) {
            throw InputError(what, last_gdal_error("GDAL failed while reading it"));
        }
    }
    if (parts.empty()) throw InputError(what, "it holds no polygon");

    // One collection of every polygon, then repaired as a whole (overlaps between features merge).
    GeosGeomPtr merged;
    if (parts.size() == 1) {
        merged = std::move(parts.front());
    } else {
        std::vector<GEOSGeometry*> raw;
        for (auto& p : parts) raw.push_back(p.get());
        GEOSGeometry* coll = GEOSGeom_createCollection_r(h, GEOS_GEOMETRYCOLLECTION, raw.data(),
                                                         static_cast<unsigned>(raw.size()));
        if (coll != nullptr) {
            for (auto& p : parts) (void)p.release();
        }
        GeosGeomPtr collection = ctx.own(coll, "collection of the file's polygons");
        merged = polygonal_part(ctx, collection.get());
    }
    bool repaired = false;
    GeosGeomPtr valid = make_valid_polygonal(ctx, merged.get(), &repaired);
    if (GEOSisEmpty_r(h, valid.get()) == 1) throw InputError(what, "it holds no polygon with an area");

    PreparedFile out{pending.path, pending.valid_from, geos_to_wkb(ctx, valid.get()),
                 GEOSGetNumGeometries_r(h, valid.get()), repaired};
    return out;
}

}  // namespace

std::optional<std::string> date_from_name(const std::string& pattern, const std::string& file_name) {
    std::string re;
    int year = -1, month = -1, day = -1, group = 0;
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        const char c = pattern[i];
        if (c == '%' && i + 1 < pattern.size()) {
            const char f = pattern[++i];
            if (f == 'Y') {
                re += "([0-9]{4})";
                year = ++group;
            } else if (f == 'm') {
                re += "([0-9]{2})";
                month = ++group;
            } else if (f == 'd') {
                re += "([0-9]{2})";
                day = ++group;
            } else if (f == '%') {
                re += "%";
            } else {
                return std::nullopt;  // unsupported conversion
            }
        } else if (c == '*') {
            re += ".*";
        } else if (std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == ' ') {
            re.push_back(c);
        } else {
            re += '\\';
            re.push_back(c);
        }
    }
    if (year < 0 || month < 0 || day < 0) return std::nullopt;
    std::smatch m;
    if (!std::regex_match(file_name, m, std::regex(re))) return std::nullopt;
    const std::string date = m[year].str() + "-" + m[month].str() + "-" + m[day].str();
    if (!is_iso_date(date)) return std::nullopt;
    return date;
}

void check_import_options(const ImportOptions& options) {
    const bool party_ok = options.party.size() >= 2 && options.party.size() <= 3 &&
                          std::all_of(options.party.begin(), options.party.end(),
                                      [](unsigned char c) { return std::isupper(c) != 0; });
    if (!party_ok) {
        throw UsageError("failed to read --party '" + options.party + "'", "expected a party code such as RU or UA");
    }
    if (options.kind != "assessed" && options.kind != "claimed") {
        throw UsageError("failed to read --kind '" + options.kind + "'", "expected 'assessed' or 'claimed'");
    }
    if (options.source.empty()) throw UsageError("failed to read --source", "a source name is required");
    if (options.date.has_value() == options.date_pattern.has_value()) {
        throw UsageError("failed to read the date of the import", "give exactly one of --date and --date-from-name");
    }
    if (options.date && !is_iso_date(*options.date)) {
        throw UsageError("failed to read --date '" + *options.date + "'", "expected a real date as YYYY-MM-DD");
    }
    if (options.date_pattern) {
        const auto& p = *options.date_pattern;
        if (p.find("%Y") == std::string::npos || p.find("%m") == std::string::npos || p.find("%d") == std::string::npos) {
            throw UsageError("failed to read --date-from-name '" + p + "'", "the pattern needs %Y, %m and %d");
        }
    }
}

PreparedImport prepare_control_import(const std::vector<std::string>& inputs, const ImportOptions& options) {
    check_import_options(options);
    if (inputs.empty()) throw UsageError("failed to import", "no file or directory given");
    ensure_gdal();
    const std::vector<PendingFile> pending = expand_inputs(inputs, options);
    // Files are read in parallel (each thread with its own GeoContext; GDAL datasets are not
    // shared). The error reported is that of the first bad file in name order, as if serial.
    const std::size_t n = pending.size();
    std::vector<std::optional<PreparedFile>> results(n);
    std::vector<std::exception_ptr> errors(n);
    std::atomic<std::size_t> next{0};
    std::atomic<bool> failed{false};
    auto worker = [&] {
        try {
            GeoContext ctx;
            for (std::size_t i = next++; i < n && !failed; i = next++) {
                try {
                    results[i] = read_polygons(ctx, pending[i]);
                } catch (...) {
                    errors[i] = std::current_exception();
                    failed = true;
                }
            }
        } catch (...) {
            // A context that cannot start: record it against the first file not yet read.
            const std::size_t i = std::min(next.load(), n - 1);
            if (!errors[i]) errors[i] = std::current_exception();
            failed = true;
        }
    };
    const unsigned threads = std::clamp<unsigned>(std::thread::hardware_concurrency(), 1U, 4U);
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < std::min<std::size_t>(threads, n); ++t) pool.emplace_back(worker);
    worker();
    for (auto& t : pool) t.join();
    for (std::size_t i = 0; i < n; ++i) {
        if (errors[i]) std::rethrow_exception(errors[i]);
    }
    PreparedImport out{options, {}};
    out.files.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
        if (!results[i]) throw InputError("failed to import '" + pending[i].path + "'", "it was not read");
        out.files.push_back(std::move(*results[i]));
    }
    return out;
}

ImportReport import_control(Store& store, const std::vector<std::string>& inputs, const ImportOptions& options) {
    return write_control_import(store, prepare_control_import(inputs, options));
}

ImportReport write_control_import(Store& store, const PreparedImport& prepared) {
    const ImportOptions& options = prepared.options;
    const auto& files = prepared.files;
    ImportReport report;
    OGRLayer& control = store.layer("control");
    OGRFeatureDefn* defn = control.GetLayerDefn();
    const int f_party = defn->GetFieldIndex("party"), f_kind = defn->GetFieldIndex("kind"),
              f_from = defn->GetFieldIndex("valid_from"), f_source = defn->GetFieldIndex("source");
    if (f_party < 0 || f_kind < 0 || f_from < 0 || f_source < 0) {
        throw StoreError("failed to import into '" + store.url() + "'", "its control table lacks the expected fields");
    }

    Transaction tx(store);
    std::set<std::string> cleared;
    for (const auto& file : files) {
        const std::string what = "failed to store '" + file.path + "'";
        if (cleared.insert(file.valid_from).second) {
            control.SetAttributeFilter(
                ("source = " + sql_quote(options.source) + " AND valid_from = " + sql_quote(file.valid_from)).c_str());
            std::vector<GIntBig> fids;
            control.ResetReading();
            for (auto& f : control) fids.push_back(f->GetFID());
            control.SetAttributeFilter(nullptr);
            for (GIntBig fid : fids) {
                if (control.DeleteFeature(fid) != OGRERR_NONE) {
                    throw StoreError(what, last_gdal_error("the earlier import of that date cannot be removed"));
                }
            }
            report.replaced_rows += static_cast<int>(fids.size());
        }
        OGRGeometry* geom = nullptr;
        if (OGRGeometryFactory::createFromWkb(file.wkb.data(), nullptr, &geom, file.wkb.size()) != OGRERR_NONE ||
            geom == nullptr) {
            throw StoreError(what, "the repaired geometry cannot be decoded");
        }
        GeometryPtr owned(geom);
        FeaturePtr feature(OGRFeature::CreateFeature(defn));
        feature->SetField(f_party, options.party.c_str());
        feature->SetField(f_kind, options.kind.c_str());
        feature->SetField(f_from, file.valid_from.c_str());
        feature->SetField(f_source, options.source.c_str());
        feature->SetGeometryDirectly(owned.release());
        if (control.CreateFeature(feature.get()) != OGRERR_NONE) {
            throw StoreError(what, last_gdal_error("the control table refused the row"));
        }
        report.files.push_back({file.path, file.valid_from, file.polygons, file.repaired});
    }
    tx.commit();
    return report;
}

}  // namespace frontmap::layers
