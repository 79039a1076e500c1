// The area-over-time chart and the change map's data (render/chart.hpp, render/change_map.hpp).

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "geo/error.hpp"
#include "layers/control.hpp"
#include "layers/timeline.hpp"
#include "render/change_map.hpp"
#include "render/chart.hpp"

namespace {

using namespace frontmap;

std::vector<layers::AreaRow> rows(int days) {
    std::vector<layers::AreaRow> out;
    double area = 1000;
    for (int i = 0; i < days; ++i) {
        layers::AreaRow r;
        r.date = layers::add_days("2025-09-01", i);
        r.source = "zones";
        r.party = "RU";
        r.kind = "assessed";
        r.carried_forward = i % 5 == 3;
        r.valid_from = r.carried_forward ? layers::add_days(r.date, -1) : r.date;
        r.age_days = r.carried_forward ? 1 : 0;
        const double before = area;
        if (!r.carried_forward) area += (i % 7) - 2;
        r.area_km2 = area;
        if (i > 0) r.change_km2 = area - before;
        out.push_back(r);
    }
    return out;
}

TEST(AreaChart, PngSvgPdfDeterministic) {
    const auto data = rows(122);
    render::ChartOptions o;
    const std::string png = render::render_area_chart(data, o, "png");
    ASSERT_GT(png.size(), 1000U);
    EXPECT_EQ(png.substr(1, 3), "PNG");
    EXPECT_EQ(png, render::render_area_chart(data, o, "png"));  // same rows, same bytes
    const std::string svg = render::render_area_chart(data, o, "svg");
    EXPECT_NE(svg.find("<svg"), std::string::npos);
    EXPECT_NE(svg.find("Assessed area, 2025-09-01 \u2013 2025-12-31"), std::string::npos);
    EXPECT_NE(svg.find("km\u00b2"), std::string::npos);
    EXPECT_NE(svg.find("Oct 2025"), std::string::npos);  // month ticks on a 4-month range
    EXPECT_NE(svg.find("carried forward"), std::string::npos);
    EXPECT_EQ(render::render_area_chart(data, o, "pdf").substr(0, 5), "%PDF-");
    // Short ranges get day ticks.
    const std::string week = render::render_area_chart(rows(8), o, "svg");
    EXPECT_NE(week.find("3 Sep"), std::string::npos);
}

TEST(AreaChart, Errors) {
    EXPECT_THROW(render::render_area_chart({}, {}, "png"), InputError);
    EXPECT_THROW(render::render_area_chart(rows(3), {}, "gif"), UsageError);
    render::ChartOptions tiny;
    tiny.width = 10;
    EXPECT_THROW(render::render_area_chart(rows(3), tiny, "png"), UsageError);
}

TEST(ChangeMap, GainsAndLossesBecomeAreasAndMarkers) {
    layers::ChangeReport report;
    report.from = "2025-11-01";
    report.to = "2025-12-01";
    layers::SeriesChange s;
    s.source = "zones";
    s.party = "RU";
    s.gained = {Polygon{{Ring{{37, 48}, {37.1, 48}, {37.1, 48.1}, {37, 48}}}}};
    s.lost = {Polygon{{Ring{{38, 48}, {38.1, 48}, {38.1, 48.1}, {38, 48}}}}};
    report.series.push_back(s);
    layers::PlaceChange p;
    p.name = "Testivka";
    p.pos = {37.05, 48.02};
    p.change = "gained";
    p.party = "RU";
    report.places.push_back(p);
    MapData later;
    later.date = "2025-12-01";
    ClaimArea claim;
    claim.status = Status::disputed;
    later.areas.push_back(claim);
    ClaimArea crimea;
    crimea.status = Status::held_ru_before_2022;
    later.areas.push_back(crimea);
    const MapData m = render::change_map_data(report, later);
    ASSERT_EQ(m.areas.size(), 3U);  // the claim is dropped, Crimea kept, gain and loss added
    EXPECT_EQ(m.areas[0].status, Status::held_ru_before_2022);
    EXPECT_EQ(m.areas[1].status, Status::claimed_ru);
    EXPECT_EQ(m.areas[2].status, Status::advance_ua);
    ASSERT_EQ(m.settlements.size(), 1U);
    EXPECT_EQ(m.settlements[0].status, Status::claimed_ru);
    const Extent e = render::change_extent(report, {0, 0, 1, 1});
    EXPECT_LT(e.west, 37);
    EXPECT_GT(e.east, 38.1);
    EXPECT_EQ(render::change_extent(layers::ChangeReport{}, {0, 0, 1, 1}).east, 1);
}

}  // namespace
