// The launcher. Loading GDAL and its hundred libraries costs ~80 ms before main() runs, more than
// reading an article takes, so the `frontmap` executable links only what the lean commands need
// (frontmap_geo: ICU, PROJ, GEOS, SQLite) and runs those itself; every other command lives in the
// commands module (frontmap-commands.so, next to the executable or in ../lib/frontmap), which is
// loaded here on demand. Exit codes and error lines come from cli/app.cpp in both cases.

#include <dlfcn.h>

#include <array>
#include <filesystem>
#include <iostream>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "cli/app.hpp"
#include "cli/commands_list.hpp"

namespace {

namespace fs = std::filesystem;

// True when this command line needs nothing but the lean commands (or only asks the version).
bool lean(int argc, char** argv) {
    if (argc == 2 && std::string_view(argv[1]) == "--version") return true;
    for (int i = 1; i < argc; ++i) {
        std::string_view a = argv[i];
        if (a.empty() || a[0] == '-') continue;
        return a == frontmap::cli::extract_command_info().name;
    }
    return false;
}

std::vector<fs::path> module_candidates() {
    std::error_code ec;
    fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (ec) return {"frontmap-commands.so"};
    fs::path dir = exe.parent_path();
    return {dir / "frontmap-commands.so", dir.parent_path() / "lib" / "frontmap" / "frontmap-commands.so"};
}

int run_module(int argc, char** argv) {
    std::string tried, why;
    for (const fs::path& path : module_candidates()) {
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
        auto entry = reinterpret_cast<Entry>(dlsym(module, "frontmap_commands_main"));
        if (entry == nullptr) {
            std::cerr << "frontmap: failed to load '" << path.string()
                      << "': no entry point frontmap_commands_main (a module from another version?)\n";
            return 1;
        }
        return entry(argc, argv);
    }
    std::cerr << "frontmap: failed to find the commands module: none of " << tried
              << " exists (reinstall frontmap or rebuild it)\n";
    return 1;
}

}  // namespace

int main(int argc, char** argv) {
    if (lean(argc, argv)) return frontmap::cli::run_app(argc, argv, {frontmap::cli::extract_command_info()});
    return run_module(argc, argv);
}
