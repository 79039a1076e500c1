// The snapshot of an open Store (layers/snapshot.hpp). Apart from layers/snapshot.cpp because
// that one must not reach OGR: the render module links it without GDAL.

#include "layers/snapshot.hpp"

#include "layers/store.hpp"

namespace frontmap::layers {

Snapshotter::Snapshotter(Store& store, SnapshotOptions options) : Snapshotter(store_rows(store), std::move(options)) {}

MapData load_map_data(Store& store, const std::string& date, std::optional<Extent> extent,
                      const SnapshotOptions& options) {
    return load_map_data(*store_rows(store), date, extent, options);
}

SnapshotDigestInputs snapshot_digest_inputs(Store& store, const std::string& date, const SnapshotOptions& options) {
    return snapshot_digest_inputs(*store_rows(store), date, options);
}

}  // namespace frontmap::layers
