#pragma once
// The snapshot of the store on a date D (DESIGN, "A map for date D", steps 1-3) as MapData,
// the plain-data contract with the renderer (geo/mapdata.hpp).
//
// - Control: for each (source, party, kind), the rows with the latest valid_from <= D (and no
//   valid_to before D); several rows of that date are merged. A day with no new polygon carries
//   the last one forward; ControlLayer::age_days says how old it is.
// - Claims: those with D - window < claim_date <= D, the latest per (place, actor, stance)
//   (ties: higher confidence, then article hash).
// - Places: every place with an active claim becomes a ClaimArea: a settlement's Voronoi cell
//   among its neighbours (from the base data) clipped to its population footprint, a region's
//   polygon; its status comes from geo/status.hpp, its held part from geo/areas.hpp. A Russian
//   claim not confirmed by assessed control (claimed_ru) covers only the part of the area outside
//   assessed Russian control. Overlay statuses (a Ukrainian advance on a claimed place) become a
//   second ClaimArea of the same place.
// - Held before 24 February 2022 (held_ru_before_2022): the union of
//     (a) Crimea (UA-43) and Sevastopol (UA-40), from the base data's admin-1 polygons (Natural
//         Earth, as fetched: never hand-typed), and
//     (b) the snapshot at `before_2022_date` of every assessed Russian control source in the
//         store, when the user has imported such a dated record (e.g. a pre-invasion line of
//         contact with --date 2022-02-23). DeepState's archive starts in 2024, so without such an
//         import the pre-2022 parts of Donetsk and Luhansk are not singled out: we draw no border
//         we cannot source.
//   Each part is one ClaimArea with that status.
// - Sources: every control source used, then every article whose claims are on the map, named
//   by its title, else its source, else its URL, else the file it was ingested from, with its
//   date ("BBC News, 2025-12-02"); a claim's ClaimSummary::source names its article the same way.
// - With an extent, control polygons are clipped to it (grown by `extent_margin` on each side)
//   and places outside it are left out.

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "geo/areas.hpp"
#include "geo/geometry.hpp"
#include "geo/mapdata.hpp"
#include "layers/rows.hpp"  // declares Store: the Store& overloads are in snapshot_store.cpp

namespace frontmap::layers {

struct SnapshotOptions {
    int claim_window_days = 30;           // claims older than this are not active
    std::string base;                     // base.gpkg (Crimea/Sevastopol, Voronoi neighbours); "" = none
    FootprintOptions footprint;
    bool voronoi = true;                  // cells among neighbours, or bare footprints
    std::string before_2022_date = "2022-02-23";
    double extent_margin = 0.25;          // fraction of the extent's size added on each side
};

// From a store's rows (layers/rows.hpp), or from an open Store (layers/snapshot_store.cpp: a
// GeoPackage is read through SQLite, PostGIS through OGR).
MapData load_map_data(StoreRows& rows, const std::string& date, std::optional<Extent> extent = std::nullopt,
                      const SnapshotOptions& options = {});
MapData load_map_data(Store& store, const std::string& date, std::optional<Extent> extent = std::nullopt,
                      const SnapshotOptions& options = {});

// What a map of date D depends on in the store, one line per input in a stable order, for a
// dated build to hash (issue 5): the control rows chosen (with a content hash of each
// geometry, so re-importing identical data changes nothing), the active claims, the places they
// refer to, and the options that change the result. Cheap next to load_map_data (no GEOS work).
struct SnapshotDigestInputs {
    std::vector<std::string> lines;
    std::string text() const;  // the lines joined with '\n'
};
SnapshotDigestInputs snapshot_digest_inputs(StoreRows& rows, const std::string& date,
                                            const SnapshotOptions& options = {});
SnapshotDigestInputs snapshot_digest_inputs(Store& store, const std::string& date, const SnapshotOptions& options = {});

// Many dates from one store (a dated build): reads the control table's keys and the base data
// once, then answers any date; geometry hashes for digests are computed once per control row.
// It sees the store as it was when constructed (a build reads, it does not import meanwhile).
// Not thread-safe: one per thread (each with its own Store or rows).
class Snapshotter {
public:
    Snapshotter(StoreRows& rows, SnapshotOptions options);               // rows must outlive it
    Snapshotter(std::unique_ptr<StoreRows> rows, SnapshotOptions options);
    Snapshotter(Store& store, SnapshotOptions options);  // layers/snapshot_store.cpp
    ~Snapshotter();
    Snapshotter(Snapshotter&&) noexcept;
    Snapshotter& operator=(Snapshotter&&) noexcept;

    MapData map_data(const std::string& date, std::optional<Extent> extent);
    SnapshotDigestInputs digest_inputs(const std::string& date);

    // The control layers alone (step 1 of map_data, no claims, no base data), whole (not
    // clipped), as GEOS geometries on `ctx` (for stats and change maps). With
    // `with_geometry = false` only the keys are filled (geometry null): cheap, for callers that
    // cache per (source, party, kind, valid_from).
    struct Control {
        std::string source, party, kind, valid_from;
        int age_days = 0;
        GeosGeomPtr geometry;
    };
    std::vector<Control> control(const GeoContext& ctx, const std::string& date, bool with_geometry = true);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace frontmap::layers
