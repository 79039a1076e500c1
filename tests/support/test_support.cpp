#include "support/test_support.hpp"

#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace frontmap::test {

namespace fs = std::filesystem;

fs::path shared_dir() {
    fs::path p = FRONTMAP_SHARED_DIR;
    if (fs::exists(p / "DESIGN.md")) return p;
    return {};
}

fs::path base_gpkg() {
    if (const char* env = std::getenv("FRONTMAP_BASE"); env != nullptr && *env != '\0') {
        return fs::exists(env) ? fs::path(env) : fs::path();
    }
    fs::path p = fs::path(FRONTMAP_SOURCE_DIR) / "data" / "base.gpkg";
    return fs::exists(p) ? p : fs::path();
}

fs::path scratch_dir(const std::string& name) {
    fs::path p = fs::path(FRONTMAP_TEST_TMP) / name;
    fs::remove_all(p);
    fs::create_directories(p);
    return p;
}

std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

RunResult run_frontmap(const std::string& args, const std::string& env) {
    static int counter = 0;
    fs::path dir = fs::path(FRONTMAP_TEST_TMP) / "run";
    fs::create_directories(dir);
    std::string tag = std::to_string(::getpid()) + "_" + std::to_string(counter++);
    fs::path out = dir / ("out_" + tag), err = dir / ("err_" + tag);
    std::string cmd = env + (env.empty() ? "" : " ") + std::string("'") + FRONTMAP_BINARY + "' " + args +
                      " </dev/null >'" + out.string() + "' 2>'" + err.string() + "'";
    int status = std::system(cmd.c_str());
    RunResult r;
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.out = read_file(out);
    r.err = read_file(err);
    fs::remove(out);
    fs::remove(err);
    return r;
}

}  // namespace frontmap::test
