// The launcher. Loading GDAL and its hundred libraries costs ~80 ms before main() runs, more than
// reading an article takes, so the `frontmap` executable links only what the lean commands need
// (frontmap_geo: ICU, PROJ, GEOS, SQLite) and runs those itself. Two modules (next to the
// executable or in ../lib/frontmap) are loaded here on demand:
//   - frontmap-render.so for `render` from a GeoPackage store: Cairo and Pango but no GDAL
//     (cli/render_module.cpp);
//   - frontmap-commands.so for every other command, and for `render` from PostGIS or with a
//     --control-file.
// Exit codes and error lines come from cli/app.cpp in every case.

#include <dlfcn.h>

#include <filesystem>
#include <iostream>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "cli/app.hpp"
#include "cli/command.hpp"
#include "cli/commands_list.hpp"
#include "layers/rows.hpp"

namespace {

namespace fs = std::filesystem;

// The subcommand: the first argument that is not an option.
std::string_view command_of(int argc, char** argv) {
    for (int i = 1; i < argc; ++i) {
        std::string_view a = argv[i];
        if (a.empty() || a[0] == '-') continue;
        return a;
    }
    return {};
}

// True when this command line needs nothing but the lean commands (or only asks the version).
bool lean(int argc, char** argv) {
    if (argc == 2 && std::string_view(argv[1]) == "--version") return true;
    return command_of(argc, argv) == frontmap::cli::extract_command_info().name;
}

// True for `render` reading a GeoPackage store: the render module serves it without GDAL.
bool render_without_gdal(int argc, char** argv) {
    if (command_of(argc, argv) != "render") return false;
    std::string store = frontmap::cli::default_store();  // as --store defaults (cli/options.cpp)
    for (int i = 1; i < argc; ++i) {
        const std::string_view a = argv[i];
        if (a == "--control-file" || a.starts_with("--control-file=")) return false;
        if (a == "--store" && i + 1 < argc) store = argv[i + 1];
        if (a.starts_with("--store=")) store = a.substr(8);
    }
    return !frontmap::layers::is_pg_url(store);
}

struct Module {
    const char* file;
    const char* entry;
};
constexpr Module commands_module{"frontmap-commands.so", "frontmap_commands_main"};
constexpr Module render_module{"frontmap-render.so", "frontmap_render_main"};

std::vector<fs::path> module_candidates(const char* file) {
    std::error_code ec;
    fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (ec) return {file};
    fs::path dir = exe.parent_path();
    return {dir / file, dir.parent_path() / "lib" / "frontmap" / file};
}

int run_module(const Module& m, int argc, char** argv) {
    std::string tried;
    for (const fs::path& path : module_candidates(m.file)) {
        std::error_code ec;
        if (!fs::exists(path, ec)) {
            tried += (tried.empty() ? "" : ", ") + path.string();
            continue;
        }
        // Never closed: the module's code runs until exit.
        void* module = dlopen(path.c_str(), RTLD_LAZY | RTLD_LOCAL);
        if (module == nullptr) {
            const char* e = dlerror();
            std::cerr << "frontmap: failed to load '" << path.string() << "': " << (e != nullptr ? e : "unknown error")
                      << '\n';
            return 1;
        }
        using Entry = int (*)(int, char**);
        auto entry = reinterpret_cast<Entry>(dlsym(module, m.entry));
        if (entry == nullptr) {
            std::cerr << "frontmap: failed to load '" << path.string() << "': no entry point " << m.entry
                      << " (a module from another version?)\n";
            return 1;
        }
        return entry(argc, argv);
    }
    std::cerr << "frontmap: failed to find the " << (&m == &render_module ? "render" : "commands")
              << " module: none of " << tried
              << " exists (reinstall frontmap or rebuild it)\n";
    return 1;
}

}  // namespace

int main(int argc, char** argv) {
    if (lean(argc, argv)) return frontmap::cli::run_app(argc, argv, {frontmap::cli::extract_command_info()});
    if (render_without_gdal(argc, argv)) return run_module(render_module, argc, argv);
    return run_module(commands_module, argc, argv);
}
