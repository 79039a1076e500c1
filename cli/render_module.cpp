// The render module (frontmap-render.so): `frontmap render` from a GeoPackage store, without
// GDAL. GDAL and its ~110 libraries take ~50 ms to load and an OGR open of base.gpkg ~20 ms,
// together a third of a map's time, and a map from a GeoPackage needs neither: the store and the
// base are read through SQLite (layers/rows.hpp, geo/gpkg.hpp). The launcher (cli/main.cpp)
// loads this module for `render` unless the store is PostGIS or a --control-file is given; those
// go to frontmap-commands.so, which runs the same command with every reader.
// Built with --as-needed: tests/cli/test_launcher.cpp checks that it does not need libgdal.

#include "cli/app.hpp"
#include "cli/commands_list.hpp"
#include "cli/heap.hpp"
#include "layers/rows.hpp"

extern "C" __attribute__((visibility("default"))) int frontmap_render_main(int argc, char** argv) {
    using namespace frontmap;
    cli::use_huge_pages_for_heap();
    static const std::vector<cli::CommandInfo> table = {cli::render_command_info({&layers::open_gpkg_rows, nullptr})};
    return cli::run_app(argc, argv, table);
}
