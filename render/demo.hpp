#pragma once
// A demonstration MapData built in code (a Pokrovsk-like scene: a disputed town whose north is
// held by Ukraine, a claimed village, assessed control, a Ukrainian advance). Used by the tests
// and by `frontmap render --demo` until the store's snapshot (layers/snapshot.hpp) lands.
// The geometry is invented for the demonstration; it is not an assessment of anything.

#include "geo/mapdata.hpp"
#include "render/projection.hpp"

namespace frontmap::render {

MapData demo_map_data(const std::string& date = "2025-12-02");
// The extent the demo is meant to be looked at in.
Extent demo_extent();

}  // namespace frontmap::render
