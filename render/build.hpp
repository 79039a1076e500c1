#pragma once
// A dated build (issue 5, `frontmap build`): many views over a range of dates, drawn in
// parallel, incremental, sharded and resumable.
//
// - Jobs: one per (date, view), dates outer and views inner, numbered from 0 in that order.
//   Shard K/N takes the jobs whose number i satisfies i mod N == K - 1 (stable, so several
//   machines or a job array split one build with no overlap and no coordination).
// - Digest of a map: SHA-256 of the program version, the view (as parsed: extent, size,
//   formats, palette, language, title, style file content) and the snapshot's digest inputs
//   (layers::Snapshotter::digest_inputs: the control rows and claims the date uses, with
//   content hashes of their geometries). A map whose digest matches its recorded state and
//   whose outputs all exist is not redrawn.
// - State: after a map's outputs are written (each atomically: temporary file, then rename), its
//   state file <output>/.frontmap-build/<view>/<date>.json is written atomically too. A build
//   killed at any point leaves whole files only; the next run redraws what has no state.
//   Shards write disjoint state files, so they can share an output folder.
// - At the end of every run: manifest.json (every planned map that has a state: date, view,
//   digest, inputs, outputs, duration) and index.html (a self-contained page with a date slider),
//   both rebuilt from the state files and written atomically (the last shard to finish writes the
//   complete ones).
// - Each worker thread has its own Store, Snapshotter (and so GeoContext) and renderer. A map
//   that fails is recorded and the others go on.
//
// The renderer is a plug-in (MapRenderer), so this engine does not depend on how maps are drawn;
// the built-in one writes the snapshot as GeoJSON (format "geojson").

#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "geo/geometry.hpp"
#include "geo/mapdata.hpp"

namespace frontmap::render {

struct BuildView {
    std::string name;                      // [A-Za-z0-9_-]+, used in paths
    std::optional<frontmap::Extent> extent;  // none: the whole snapshot
    int width = 1600;
    int height = 1200;
    std::vector<std::string> formats{"png"};  // png | svg | pdf | geojson
    std::string palette = "default";
    std::string lang = "en";
    std::string title;
    std::string style;                     // a style file (absolute after loading), or ""
    std::string style_text;                // its content, for the digest
};

struct BuildConfig {
    std::filesystem::path file;            // where it was read from
    std::string store;                     // a GeoPackage path (absolute) or PG:...
    std::string base;                      // base.gpkg (absolute) or "" (none)
    std::string from, to;                  // YYYY-MM-DD, inclusive
    int step_days = 1;
    std::filesystem::path output;          // output folder (absolute)
    std::string pattern = "{view}/{date}.{ext}";
    int claim_window_days = 30;
    std::vector<BuildView> views;
};

// Reads a build configuration (JSON, documented in doc/frontmap-build.md). Strict: an unknown key
// or a wrong type is an InputError naming the file and the key path (e.g. "views[0].widht").
// Relative paths are taken relative to the file's folder.
BuildConfig load_build_config(const std::filesystem::path& file);
BuildConfig parse_build_config(const std::string& json_text, const std::filesystem::path& file);

// What a map needs drawing: one call per format, returning the encoded bytes. One renderer per
// worker thread (made by the factory on that thread), so it may cache base data.
class MapRenderer {
public:
    virtual ~MapRenderer() = default;
    virtual std::string render(const MapData& data, const BuildView& view, const std::string& format) = 0;
};
using RendererFactory = std::function<std::unique_ptr<MapRenderer>()>;

// The built-in renderer: format "geojson" only (control layers and claim areas as features).
std::unique_ptr<MapRenderer> make_geojson_renderer();

// The renderer `frontmap build` uses for a config: every format the config asks for (checked up
// front: UsageError for a format this frontmap cannot draw).
RendererFactory default_renderer(const BuildConfig& config);

struct BuildProgress {
    std::size_t done = 0, total = 0;  // maps of this run (this shard)
    std::size_t drawn = 0, skipped = 0, failed = 0;
    double elapsed_s = 0;
    std::string last;  // "view/date drawn|unchanged|FAILED: why"
};

struct BuildOptions {
    std::optional<std::string> from, to;  // override the config's range
    int jobs = 1;
    int shard = 1, shards = 1;            // K/N, 1-based
    bool force = false;                   // redraw even unchanged maps
    std::function<void(const BuildProgress&)> progress;  // called under a lock, in order
};

struct BuildFailure {
    std::string view, date, reason;
};

struct BuildResult {
    std::size_t planned = 0;  // maps in the whole build (every shard)
    std::size_t total = 0;    // maps of this shard
    std::size_t drawn = 0, skipped = 0;
    std::vector<BuildFailure> failures;
    double seconds = 0;
    std::filesystem::path manifest, index;
};

// The jobs of a build, in job order: (date, view name) and output paths relative to the output
// folder.
struct BuildJob {
    std::size_t index = 0;
    std::string date;
    const BuildView* view = nullptr;
    std::vector<std::string> outputs;  // one per format
};
std::vector<BuildJob> plan_build(const BuildConfig& config, const BuildOptions& options);

// Runs a build. Throws for what stops the whole build (store unreadable, bad options); a map's
// own failure is recorded in the result instead.
BuildResult run_build(const BuildConfig& config, const BuildOptions& options, const RendererFactory& renderer);

// Writes `bytes` to `path` through a temporary file in the same folder and a rename (folders are
// created). Throws Error naming the path.
void write_atomic(const std::filesystem::path& path, const std::string& bytes);

}  // namespace frontmap::render
