#include "render/demo.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace frontmap::render {

namespace {

// A circle of `km` radius around a point, as a lon/lat ring.
Ring circle(LonLat c, double km, int n = 48) {
    Ring r;
    const double dlat = km / 111.2, dlon = km / (111.2 * std::cos(c.lat * std::numbers::pi / 180));
    for (int i = 0; i < n; ++i) {
        double a = 2 * std::numbers::pi * i / n;
        r.push_back({c.lon + dlon * std::cos(a), c.lat + dlat * std::sin(a)});
    }
    return r;
}

// The northern half of a circle (the part held by the other side).
Ring north_half(LonLat c, double km, double cut_km, int n = 24) {
    Ring r;
    const double dlat = km / 111.2, dlon = km / (111.2 * std::cos(c.lat * std::numbers::pi / 180));
    const double cut = cut_km / 111.2;
    const double a0 = std::asin(std::clamp(cut / dlat, -1.0, 1.0));
    for (int i = 0; i <= n; ++i) {
        double a = a0 + (std::numbers::pi - 2 * a0) * i / n;
        r.push_back({c.lon + dlon * std::cos(a), c.lat + dlat * std::sin(a)});
    }
    return r;
}

ClaimSummary claim(std::string actor, std::string stance, std::string part, std::string by, std::string evidence,
                   const std::string& date) {
    return {std::move(actor), std::move(stance), std::move(part), date, std::move(by),
            "Demo article (frontmap team)", std::move(evidence)};
}

}  // namespace

Extent demo_extent() { return {36.55, 47.85, 38.05, 48.75}; }

MapData demo_map_data(const std::string& date) {
    MapData d;
    d.date = date;
    // GeoNames positions of the real towns; everything around them is invented.
    const LonLat pokrovsk{37.17585, 48.28198}, rodynske{37.20602, 48.35199}, kostiantynivka{37.7069, 48.5277};

    ControlLayer c;
    c.source = "demo-assessed";
    c.party = "RU";
    c.kind = "assessed";
    c.valid_from = date;
    c.age_days = 0;
    // An invented assessed area to the south-east with a ragged edge towards the town.
    c.area = {Polygon{{Ring{{36.3, 47.55}, {37.05, 47.90}, {37.10, 48.05}, {37.16, 48.16}, {37.24, 48.21}, {37.30, 48.27},
                            {37.42, 48.30}, {37.50, 48.38}, {37.60, 48.40}, {37.72, 48.45}, {37.85, 48.47},
                            {38.05, 48.52}, {38.6, 48.60}, {39.5, 48.5}, {39.5, 47.0}, {36.3, 47.0}}}}};
    d.control.push_back(c);

    ClaimArea pk;
    pk.place_key = "gn:704422";
    pk.name = "Pokrovsk";
    pk.status = Status::disputed;
    pk.area = {Polygon{{circle(pokrovsk, 4.5)}}};
    pk.held_part = MultiPolygon{Polygon{{north_half(pokrovsk, 4.5, 0.7)}}};
    pk.held_by = "UA";
    pk.centre = pokrovsk;
    pk.claims = {claim("RU", "claims_control", "", "the Russian defence ministry",
                       "Moscow said its troops had taken the whole town.", date),
                 claim("UA", "holds_part", "north", "the Ukrainian General Staff",
                       "Kyiv said its units still hold the northern districts & the railway station.", date)};
    d.areas.push_back(pk);

    ClaimArea rd;
    rd.place_key = "gn:695581";
    rd.name = "Rodynske";
    rd.status = Status::claimed_ru;
    rd.area = {Polygon{{circle(rodynske, 2.6)}}};
    rd.centre = rodynske;
    rd.claims = {claim("RU", "claims_control", "", "a Russian military blogger",
                       "A Russian blogger claimed the village had been \"fully cleared\" <unconfirmed>.", date)};
    d.areas.push_back(rd);

    ClaimArea adv;
    adv.place_key = "gn:demo-advance";
    adv.name = "Near Kostiantynivka";
    adv.status = Status::advance_ua;
    adv.area = {Polygon{{Ring{{37.52, 48.40}, {37.62, 48.43}, {37.70, 48.46}, {37.66, 48.51}, {37.55, 48.50},
                              {37.48, 48.45}}}}};
    adv.claims = {claim("UA", "advancing", "", "a Ukrainian brigade",
                        "The brigade said it had pushed the enemy back south of the town.", date)};
    d.areas.push_back(adv);

    ClaimArea ct;
    ct.place_key = "gn:demo-contested";
    ct.name = "Road junction";
    ct.status = Status::contested;
    ct.area = {Polygon{{circle({36.95, 48.15}, 3.0)}}};
    ct.claims = {claim("UA", "contested", "", "local officials", "Fighting was reported around the junction.", date)};
    d.areas.push_back(ct);

    auto settle = [](std::int64_t id, std::string name, std::string uk, std::string ru, LonLat pos, std::int64_t pop,
                     std::optional<Status> st, int prio) {
        Settlement s;
        s.geonames_id = id;
        s.name = std::move(name);
        s.name_uk = std::move(uk);
        s.name_ru = std::move(ru);
        s.pos = pos;
        s.population = pop;
        s.status = st;
        s.priority = prio;
        return s;
    };
    d.settlements = {
        settle(704422, "Pokrovsk", "Покровськ", "Покровск", pokrovsk, 60000, Status::disputed, 10),
        settle(695581, "Rodynske", "Родинське", "Родинское", rodynske, 10000, Status::claimed_ru, 9),
        settle(705104, "Kostiantynivka", "Костянтинівка", "Константиновка", kostiantynivka, 67000, Status::advance_ua, 8),
    };
    d.sources = {"demo-assessed", "Demo article (frontmap team)"};
    return d;
}

}  // namespace frontmap::render
