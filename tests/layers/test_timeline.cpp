// Area over time and change between two dates (layers/timeline.hpp): synthetic squares with
// known areas, and the real DeepState polygons against an independent geodesic computation.

#include <gtest/gtest.h>

#include <geodesic.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "geo/error.hpp"
#include "layers/control.hpp"
#include "layers/handles.hpp"
#include "layers/store.hpp"
#include "layers/timeline.hpp"
#include "support/test_support.hpp"

namespace {

namespace fs = std::filesystem;
using namespace frontmap;
using namespace frontmap::layers;

// Geodesic area (Karney, PROJ's geodesic.h) in km² of a lon/lat box: the independent reference.
double geodesic_km2(const std::vector<std::pair<double, double>>& ring_lonlat) {
    geod_geodesic geod{};
    geod_init(&geod, 6378137, 1 / 298.257223563);
    std::vector<double> lats, lons;
    for (const auto& [lon, lat] : ring_lonlat) {
        lons.push_back(lon);
        lats.push_back(lat);
    }
    double a = 0, perimeter = 0;
    geod_polygonarea(&geod, lats.data(), lons.data(), static_cast<int>(lats.size()), &a, &perimeter);
    return std::abs(a) / 1e6;
}

std::vector<std::pair<double, double>> box(double w, double s, double e, double n) {
    return {{w, s}, {e, s}, {e, n}, {w, n}};
}

void write_box(const fs::path& path, double w, double s, double e, double n) {
    std::ofstream f(path);
    f << fmt::format(R"({{"type":"FeatureCollection","features":[{{"type":"Feature","properties":{{}},)"
                     R"("geometry":{{"type":"Polygon","coordinates":[[[{0},{1}],[{2},{1}],[{2},{3}],[{0},{3}],[{0},{1}]]]}}}}]}})",
                     w, s, e, n);
}

void import_box(Store& store, const fs::path& dir, const std::string& date, const std::string& source,
                const std::string& party, double w, double s, double e, double n) {
    const fs::path file = dir / fmt::format("{}_{}_{}.geojson", source, party, date);
    write_box(file, w, s, e, n);
    ImportOptions o;
    o.source = source;
    o.party = party;
    o.date = date;
    import_control(store, {file.string()}, o);
}

class SyntheticTimeline : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = test::scratch_dir(std::string("timeline_synthetic_") +
                                 ::testing::UnitTest::GetInstance()->current_test_info()->name());
        store_.emplace(Store::open((dir_ / "store.gpkg").string()));
        // RU holds a 0.2° box on the 2nd, grows it eastwards on the 4th; a second source from the 3rd.
        import_box(*store_, dir_, "2025-03-02", "alpha", "RU", 37.0, 48.0, 37.2, 48.2);
        import_box(*store_, dir_, "2025-03-04", "alpha", "RU", 37.0, 48.0, 37.3, 48.2);
        import_box(*store_, dir_, "2025-03-03", "beta", "RU", 36.0, 47.0, 36.1, 47.1);
    }
    fs::path dir_;
    std::optional<Store> store_;
};

TEST_F(SyntheticTimeline, SeriesCarriesForwardAndMatchesGeodesicArea) {
    StatsOptions o;
    o.from = "2025-03-01";
    o.to = "2025-03-05";
    const auto rows = area_series(*store_, o);
    // alpha: 2nd..5th (4 rows); beta: 3rd..5th (3 rows); nothing on the 1st.
    ASSERT_EQ(rows.size(), 7U);
    EXPECT_EQ(rows[0].date, "2025-03-02");
    EXPECT_EQ(rows[0].source, "alpha");
    EXPECT_FALSE(rows[0].change_km2.has_value());
    EXPECT_FALSE(rows[0].carried_forward);
    const double small = geodesic_km2(box(37.0, 48.0, 37.2, 48.2));
    const double large = geodesic_km2(box(37.0, 48.0, 37.3, 48.2));
    EXPECT_NEAR(rows[0].area_km2 / small, 1.0, 0.005);
    // 3rd: alpha carried forward (1 day old), beta new.
    EXPECT_EQ(rows[1].date, "2025-03-03");
    EXPECT_EQ(rows[1].source, "alpha");
    EXPECT_TRUE(rows[1].carried_forward);
    EXPECT_EQ(rows[1].age_days, 1);
    EXPECT_EQ(rows[1].valid_from, "2025-03-02");
    ASSERT_TRUE(rows[1].change_km2.has_value());
    EXPECT_DOUBLE_EQ(*rows[1].change_km2, 0.0);
    EXPECT_EQ(rows[2].source, "beta");
    EXPECT_NEAR(rows[2].area_km2 / geodesic_km2(box(36.0, 47.0, 36.1, 47.1)), 1.0, 0.005);
    // 4th: alpha grows.
    EXPECT_EQ(rows[3].date, "2025-03-04");
    EXPECT_NEAR(rows[3].area_km2 / large, 1.0, 0.005);
    EXPECT_NEAR(*rows[3].change_km2 / (large - small), 1.0, 0.005);

    o.source = "beta";
    EXPECT_EQ(area_series(*store_, o).size(), 3U);
    o.source.reset();
    o.party = "UA";
    EXPECT_TRUE(area_series(*store_, o).empty());
}

TEST_F(SyntheticTimeline, BadDatesAreUsageErrors) {
    StatsOptions o;
    o.from = "2025-03-05";
    o.to = "2025-03-01";
    EXPECT_THROW(area_series(*store_, o), UsageError);
    o.from = "2025-02-30";
    o.to = "2025-03-01";
    EXPECT_THROW(area_series(*store_, o), UsageError);
}

TEST_F(SyntheticTimeline, ChangeGainedAndLost) {
    // alpha: 3rd -> 4th gains the strip 37.2..37.3; shrink it on the 6th to lose 37.0..37.1.
    import_box(*store_, dir_, "2025-03-06", "alpha", "RU", 37.1, 48.0, 37.3, 48.2);
    DiffOptions d;
    d.from = "2025-03-03";
    d.to = "2025-03-06";
    d.source = "alpha";
    const auto report = compute_change(*store_, d);
    ASSERT_EQ(report.series.size(), 1U);
    const auto& s = report.series[0];
    EXPECT_EQ(s.from_valid_from, "2025-03-02");
    EXPECT_EQ(s.to_valid_from, "2025-03-06");
    EXPECT_NEAR(s.gained_km2 / geodesic_km2(box(37.2, 48.0, 37.3, 48.2)), 1.0, 0.005);
    EXPECT_NEAR(s.lost_km2 / geodesic_km2(box(37.0, 48.0, 37.1, 48.2)), 1.0, 0.005);
    EXPECT_NEAR(s.gained_km2 - s.lost_km2, s.area_to_km2 - s.area_from_km2, 1e-6 * s.area_to_km2);
    EXPECT_FALSE(s.gained.empty());
    EXPECT_FALSE(s.lost.empty());

    // Clipped to an extent that holds only the gain.
    d.extent = Extent{37.15, 47.9, 37.5, 48.3};
    const auto clipped = compute_change(*store_, d);
    ASSERT_EQ(clipped.series.size(), 1U);
    EXPECT_NEAR(clipped.series[0].gained_km2, s.gained_km2, 1e-6 * s.gained_km2);
    EXPECT_NEAR(clipped.series[0].lost_km2, 0.0, 1e-9);

    // A series that starts between the dates: everything gained.
    d.extent.reset();
    d.source = "beta";
    d.from = "2025-03-01";
    const auto fresh = compute_change(*store_, d);
    ASSERT_EQ(fresh.series.size(), 1U);
    EXPECT_EQ(fresh.series[0].from_valid_from, "");
    EXPECT_NEAR(fresh.series[0].gained_km2, fresh.series[0].area_to_km2, 1e-9);
}

// ---- DeepState -------------------------------------------------------------------------------

// The DeepState archive imported once for this suite.
Store& deepstate_store() {
    static std::optional<Store> store;
    if (!store) {
        const fs::path dir = test::scratch_dir("timeline_deepstate");
        store.emplace(Store::open((dir / "store.gpkg").string()));
        ImportOptions o;
        o.source = "deepstate";
        o.date_pattern = "deepstatemap_data_%Y%m%d.geojson";
        import_control(*store, {(test::shared_dir() / "data" / "deepstate").string()}, o);
    }
    return *store;
}

// Geodesic area of the stored control row of `date`, read straight from the store with OGR.
double stored_geodesic_km2(Store& store, const std::string& date) {
    OGRLayer& layer = store.layer("control");
    layer.SetAttributeFilter(("valid_from = '" + date + "'").c_str());
    double total = 0;
    int rows = 0;
    layer.ResetReading();
    for (auto& f : layer) {
        ++rows;
        const OGRGeometry* g = f->GetGeometryRef();
        const auto* mp = g->toMultiPolygon();
        for (const auto* poly : *mp) {
            for (int r = 0; r < 1 + poly->getNumInteriorRings(); ++r) {
                const OGRLinearRing* ring = r == 0 ? poly->getExteriorRing() : poly->getInteriorRing(r - 1);
                std::vector<std::pair<double, double>> pts;
                for (int i = 0; i + 1 < ring->getNumPoints(); ++i) pts.emplace_back(ring->getX(i), ring->getY(i));
                total += (r == 0 ? 1 : -1) * geodesic_km2(pts);
            }
        }
    }
    layer.SetAttributeFilter(nullptr);
    EXPECT_EQ(rows, 1) << date;
    return total;
}

TEST(DeepStateTimeline, StatsAgreeWithGeodesicAreaAndDiffWithStats) {
    FRONTMAP_REQUIRE_SHARED();
    Store& store = deepstate_store();
    StatsOptions o;
    o.from = "2025-11-01";
    o.to = "2025-12-01";
    const auto rows = area_series(store, o);
    ASSERT_EQ(rows.size(), 31U);
    int carried = 0;
    for (const auto& r : rows) {
        carried += r.carried_forward ? 1 : 0;
        if (r.date == "2025-11-26") {
            EXPECT_TRUE(r.carried_forward);  // the archive has no file for that day
            EXPECT_EQ(r.valid_from, "2025-11-25");
        }
    }
    EXPECT_EQ(carried, 1);
    for (const auto* date : {"2025-11-01", "2025-11-15", "2025-12-01"}) {
        const auto it = std::find_if(rows.begin(), rows.end(), [&](const AreaRow& r) { return r.date == date; });
        ASSERT_NE(it, rows.end());
        const double reference = stored_geodesic_km2(store, date);
        std::cout << "[ measure  ] " << date << ": stats " << it->area_km2 << " km², geodesic " << reference << " km²\n";
        EXPECT_NEAR(it->area_km2 / reference, 1.0, 0.005) << date;
    }

    DiffOptions d;
    d.from = "2025-11-01";
    d.to = "2025-12-01";
    const auto report = compute_change(store, d);
    ASSERT_EQ(report.series.size(), 1U);
    const auto& s = report.series[0];
    const double totals = rows.back().area_km2 - rows.front().area_km2;
    std::cout << "[ measure  ] diff 2025-11-01 -> 2025-12-01: gained " << s.gained_km2 << ", lost " << s.lost_km2
              << ", net " << s.gained_km2 - s.lost_km2 << " km²; stats change " << totals << " km²\n";
    EXPECT_GT(s.gained_km2, 0);
    EXPECT_NEAR((s.gained_km2 - s.lost_km2) / totals, 1.0, 0.005);
}

}  // namespace
