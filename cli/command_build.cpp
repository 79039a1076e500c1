// frontmap build CONFIG [--from D1] [--to D2] [-j N] [--shard K/N] [--force] [-q]

#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <string>
#include <thread>

#include <fmt/format.h>

#include "cli/command.hpp"
#include "cli/commands_list.hpp"
#include "geo/error.hpp"
#include "render/build.hpp"

namespace frontmap::cli {

namespace {

class BuildCommand : public Command {
public:
    void setup(CLI::App& app) override {
        app.add_option("config", config_, "build configuration (JSON, see doc/frontmap-build.md)")->required();
        app.add_option("--from", from_, "first date (overrides the config), YYYY-MM-DD");
        app.add_option("--to", to_, "last date (overrides the config), YYYY-MM-DD");
        jobs_ = static_cast<int>(std::max(1U, std::thread::hardware_concurrency()));
        app.add_option("-j,--jobs", jobs_, "maps drawn in parallel (default: the number of cores)");
        app.add_option("--shard", shard_, "draw only shard K of N (K/N): map i when i mod N = K-1");
        app.add_flag("--force", options_.force, "redraw every map, even unchanged ones");
        app.add_flag("--quiet,-q", quiet_, "no progress, only the summary and failures");
        app.footer("Exit status: 0 all maps done, 1 the build could not run, 2 bad usage, 3 some maps failed.");
    }

    void validate() override {
        if (!from_.empty()) options_.from = from_;
        if (!to_.empty()) options_.to = to_;
        if (jobs_ < 1 || jobs_ > 256) throw UsageError("failed to read -j '" + std::to_string(jobs_) + "'", "expected 1..256");
        options_.jobs = jobs_;
        if (!shard_.empty()) {
            int k = 0, n = 0;
            char tail = 0;
            if (std::sscanf(shard_.c_str(), "%d/%d%c", &k, &n, &tail) != 2 || n < 1 || k < 1 || k > n)
                throw UsageError("failed to read --shard '" + shard_ + "'", "expected K/N with 1 <= K <= N, e.g. 2/4");
            options_.shard = k;
            options_.shards = n;
        }
    }

    int run() override {
        const auto config = render::load_build_config(config_);
        const auto renderer = render::default_renderer(config);
        const bool tty = ::isatty(STDERR_FILENO) == 1;
        if (!quiet_) {
            options_.progress = [tty](const render::BuildProgress& p) {
                const double rate = p.elapsed_s > 0 ? static_cast<double>(p.done) / p.elapsed_s : 0;
                if (tty) {
                    const int width = 30;
                    const int fill = p.total == 0 ? width : static_cast<int>(width * p.done / p.total);
                    const double left = rate > 0 ? static_cast<double>(p.total - p.done) / rate : 0;
                    std::cerr << fmt::format("\r[{}{}] {}/{} {:.1f} maps/s, {:.0f} s left ", std::string(fill, '#'),
                                             std::string(width - fill, '.'), p.done, p.total, rate, left)
                              << std::flush;
                    if (p.done == p.total) std::cerr << '\n';
                } else {
                    std::cout << fmt::format("[{}/{}] {}\n", p.done, p.total, p.last) << std::flush;
                }
            };
        }
        const auto result = render::run_build(config, options_, renderer);
        std::cout << fmt::format("{} map{} ({} of {} planned{}): {} drawn, {} unchanged, {} failed in {:.2f} s\n",
                                 result.total, result.total == 1 ? "" : "s", result.total, result.planned,
                                 options_.shards > 1 ? fmt::format(", shard {}/{}", options_.shard, options_.shards) : "",
                                 result.drawn, result.skipped, result.failures.size(), result.seconds);
        std::cout << "manifest: " << result.manifest.string() << "\nindex:    " << result.index.string() << '\n';
        if (!result.failures.empty()) {
            std::cerr << fmt::format("frontmap: failed to draw {} map{}:\n", result.failures.size(),
                                     result.failures.size() == 1 ? "" : "s");
            for (const auto& f : result.failures) std::cerr << fmt::format("  {}/{}: {}\n", f.view, f.date, f.reason);
            return 3;
        }
        return 0;
    }

private:
    std::string config_, from_, to_, shard_;
    int jobs_ = 1;
    bool quiet_ = false;
    render::BuildOptions options_;
};

}  // namespace

std::unique_ptr<Command> make_build_command() { return std::make_unique<BuildCommand>(); }

}  // namespace frontmap::cli
