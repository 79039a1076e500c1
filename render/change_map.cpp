#include "render/change_map.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace frontmap::render {

namespace {

// Gains take the claim-hatch style of the gaining party, losses the advance style of the other.
Status gain_status(const std::string& party) { return party == "UA" ? Status::advance_ua : Status::claimed_ru; }
Status loss_status(const std::string& party) { return party == "UA" ? Status::claimed_ru : Status::advance_ua; }

}  // namespace

MapData change_map_data(const layers::ChangeReport& report, const MapData& later) {
    MapData m = later;
    std::erase_if(m.areas, [](const ClaimArea& a) { return a.status != Status::held_ru_before_2022; });
    m.settlements.clear();
    for (const auto& s : report.series) {
        if (!s.gained.empty()) {
            ClaimArea a;
            a.place_key = fmt::format("gained:{}:{}", s.source, s.party);
            a.name = fmt::format("gained by {} ({:.1f} km²)", s.party, s.gained_km2);
            a.status = gain_status(s.party);
            a.area = s.gained;
            m.areas.push_back(std::move(a));
        }
        if (!s.lost.empty()) {
            ClaimArea a;
            a.place_key = fmt::format("lost:{}:{}", s.source, s.party);
            a.name = fmt::format("lost by {} ({:.1f} km²)", s.party, s.lost_km2);
            a.status = loss_status(s.party);
            a.area = s.lost;
            m.areas.push_back(std::move(a));
        }
    }
    int priority = static_cast<int>(report.places.size());
    for (const auto& p : report.places) {
        Settlement s;
        s.geonames_id = p.geonames_id;
        s.name = p.name;
        s.pos = p.pos;
        s.population = p.population;
        s.status = p.change == "gained" ? gain_status(p.party) : loss_status(p.party);
        s.priority = 1000 + priority--;
        m.settlements.push_back(std::move(s));
    }
    return m;
}

std::string render_change_map(const layers::ChangeReport& report, const MapData& later, const BaseData& base,
                              MapOptions options, Format format) {
    std::string party = "RU";
    if (!report.series.empty()) party = report.series.front().party;
    options.style.status[index_of(gain_status(party))].label = fmt::format("Gained by {} since {}", party, report.from);
    options.style.status[index_of(loss_status(party))].label = fmt::format("Lost by {} since {}", party, report.from);
    if (options.title.empty()) options.title = fmt::format("Change of control, {} \u2192 {}", report.from, report.to);
    return render_map(change_map_data(report, later), base, options, format);
}

Extent change_extent(const layers::ChangeReport& report, const Extent& fallback) {
    double w = 1e9, s = 1e9, e = -1e9, n = -1e9;
    for (const auto& series : report.series) {
        for (const auto* mp : {&series.gained, &series.lost}) {
            for (const auto& poly : *mp) {
                for (const auto& ring : poly.rings) {
                    for (const auto& p : ring) {
                        w = std::min(w, p.lon);
                        e = std::max(e, p.lon);
                        s = std::min(s, p.lat);
                        n = std::max(n, p.lat);
                    }
                }
            }
        }
    }
    if (w > e) return fallback;
    const double cx = (w + e) / 2, cy = (s + n) / 2;
    const double hw = std::max(0.5, (e - w) * (1 + 2.0 / 3) / 2), hh = std::max(0.5, (n - s) * (1 + 2.0 / 3) / 2);
    return {std::max(-180.0, cx - hw), std::max(-90.0, cy - hh), std::min(180.0, cx + hw), std::min(90.0, cy + hh)};
}

}  // namespace frontmap::render
