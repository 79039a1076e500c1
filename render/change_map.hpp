#pragma once
// The change map of `frontmap diff -o` (issue 5): the map of the later date with what each party
// gained since the earlier date hatched in its colour and what it lost hatched in the other's,
// the settlements that changed hands marked and labelled, and a legend naming both dates.

#include <string>

#include "geo/mapdata.hpp"
#include "layers/timeline.hpp"
#include "render/base_layers.hpp"
#include "render/map.hpp"

namespace frontmap::render {

// The map data of a change map: `later` (the snapshot of report.to) with claim areas replaced by
// the gained and lost areas, and the changed settlements as markers.
MapData change_map_data(const layers::ChangeReport& report, const MapData& later);

// `options` gets the change legend labels and title; everything else as render_map.
std::string render_change_map(const layers::ChangeReport& report, const MapData& later, const BaseData& base,
                              MapOptions options, Format format);

// A lon/lat box around every gained and lost area (grown by a third, at least 1° across), or
// `fallback` when nothing changed.
Extent change_extent(const layers::ChangeReport& report, const Extent& fallback);

}  // namespace frontmap::render
