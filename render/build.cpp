#include "render/build.hpp"
#include "render/locate.hpp"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <map>
#include <mutex>
#include <set>
#include <sstream>
#include <thread>
#include <tuple>

#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <unistd.h>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "frontmap/version.hpp"
#include "geo/error.hpp"
#include "geo/sha256.hpp"
#include "layers/control.hpp"
#include "layers/snapshot.hpp"
#include "layers/store.hpp"

namespace frontmap::render {

namespace fs = std::filesystem;
using json = nlohmann::json;
using ojson = nlohmann::ordered_json;

namespace {

constexpr const char* kStateDir = ".frontmap-build";
constexpr const char* kTmpMark = ".frontmap-tmp.";

// ---- strict configuration ---------------------------------------------------------------------

class ConfigReader {
public:
    explicit ConfigReader(const fs::path& file) : file_(file) {}

    [[noreturn]] void fail(const std::string& key_path, const std::string& why) const {
        throw InputError("failed to read build config '" + file_.string() + "'",
                         key_path.empty() ? why : key_path + ": " + why);
    }

    void keys(const json& obj, const std::string& path, std::initializer_list<const char*> allowed) const {
        if (!obj.is_object()) fail(path.empty() ? "(top level)" : path, "expected an object");
        for (const auto& [k, v] : obj.items()) {
            (void)v;
            if (std::none_of(allowed.begin(), allowed.end(), [&](const char* a) { return k == a; })) {
                fail(join(path, k), "unknown key");
            }
        }
    }

    static std::string join(const std::string& path, const std::string& key) {
        return path.empty() ? key : path + "." + key;
    }

    std::optional<std::string> str(const json& obj, const std::string& path, const char* key) const {
        if (!obj.contains(key)) return std::nullopt;
        const json& v = obj.at(key);
        if (!v.is_string()) fail(join(path, key), "expected a string");
        return v.get<std::string>();
    }

    std::optional<int> integer(const json& obj, const std::string& path, const char* key, int lo, int hi) const {
        if (!obj.contains(key)) return std::nullopt;
        const json& v = obj.at(key);
        if (!v.is_number_integer()) fail(join(path, key), "expected an integer");
        const auto n = v.get<long long>();
        if (n < lo || n > hi) fail(join(path, key), fmt::format("expected {}..{}, got {}", lo, hi, n));
        return static_cast<int>(n);
    }

    std::string date(const json& obj, const std::string& path, const char* key) const {
        auto s = str(obj, path, key);
        if (!s) fail(join(path, key), "missing (YYYY-MM-DD)");
        if (!layers::is_iso_date(*s)) fail(join(path, key), "'" + *s + "' is not a real date as YYYY-MM-DD");
        return *s;
    }

    fs::path resolve(const std::string& p) const {
        const fs::path path(p);
        if (path.is_absolute()) return path;
        return fs::absolute(file_).parent_path() / path;
    }

private:
    fs::path file_;
};

bool valid_view_name(const std::string& s) {
    return !s.empty() && s.size() <= 64 && std::all_of(s.begin(), s.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    });
}

std::string read_text(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    if (!in) throw InputError("failed to read '" + p.string() + "'", std::strerror(errno));
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// ---- helpers ------------------------------------------------------------------------------------

std::string expand(const std::string& pattern, const std::string& view, const std::string& date, const std::string& ext) {
    std::string out;
    for (std::size_t i = 0; i < pattern.size();) {
        auto take = [&](const char* token, const std::string& value) {
            const std::size_t n = std::strlen(token);
            if (pattern.compare(i, n, token) == 0) {
                out += value;
                i += n;
                return true;
            }
            return false;
        };
        if (take("{view}", view) || take("{date}", date) || take("{ext}", ext)) continue;
        out += pattern[i++];
    }
    return out;
}

std::string view_key(const BuildView& v) {
    ojson j = {{"name", v.name},       {"width", v.width},     {"height", v.height}, {"formats", v.formats},
               {"palette", v.palette}, {"lang", v.lang},       {"title", v.title},
               {"style_sha256", v.style_text.empty() ? std::string() : sha256_hex(v.style_text)}};
    if (v.extent) j["extent"] = {v.extent->west, v.extent->south, v.extent->east, v.extent->north};
    return j.dump();
}

fs::path state_path(const BuildConfig& c, const BuildJob& job) {
    return c.output / kStateDir / job.view->name / (job.date + ".json");
}

std::optional<json> read_state(const fs::path& p) {
    std::error_code ec;
    if (!fs::exists(p, ec)) return std::nullopt;
    try {
        return json::parse(read_text(p));
    } catch (const std::exception&) {
        return std::nullopt;  // unreadable state: the map is redrawn
    }
}

// Is process `pid` running? A zombie (killed, not yet reaped: e.g. orphaned when `timeout -s KILL`
// killed its whole process group) is not.
bool process_running(long pid) {
    if (::kill(static_cast<pid_t>(pid), 0) != 0) return errno == EPERM;
    std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
    std::string line;
    if (!std::getline(stat, line)) return true;
    const auto close = line.rfind(')');  // "pid (comm) S ...": comm may hold spaces
    return close == std::string::npos || close + 2 >= line.size() || line[close + 2] != 'Z';
}

// Temporary files of processes that no longer run (a build killed by SIGKILL) are removed.
void remove_stale_temporaries(const fs::path& root) {
    std::error_code ec;
    if (!fs::exists(root, ec)) return;
    std::vector<fs::path> stale;  // collected first: no removal while iterating
    for (auto it = fs::recursive_directory_iterator(root, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec)) {
        const std::string name = it->path().filename().string();
        const auto at = name.find(kTmpMark);
        if (at == std::string::npos) continue;
        const long pid = std::strtol(name.c_str() + at + std::strlen(kTmpMark), nullptr, 10);
        if (pid > 0 && pid != static_cast<long>(::getpid()) && !process_running(pid))
            stale.push_back(it->path());
    }
    for (const auto& p : stale) {
        std::error_code rm;
        fs::remove(p, rm);
    }
}

class DirLock {
public:
    explicit DirLock(const fs::path& file) {
        fd_ = ::open(file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
        if (fd_ < 0) throw Error("failed to lock '" + file.string() + "'", std::strerror(errno));
        while (::flock(fd_, LOCK_EX) != 0 && errno == EINTR) {
        }
    }
    ~DirLock() {
        if (fd_ >= 0) ::close(fd_);
    }
    DirLock(const DirLock&) = delete;
    DirLock& operator=(const DirLock&) = delete;

private:
    int fd_ = -1;
};

std::string html_page(const ojson& views) {
    // Self-contained: the list of maps inline, no network. Images load by relative path.
    std::string data = views.dump();
    // Keep "</script>" out of the inline JSON.
    for (std::size_t p = 0; (p = data.find("</", p)) != std::string::npos; p += 3) data.replace(p, 2, "<\\/");
    return R"HTML(<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>frontmap build</title>
<style>
body { font: 15px/1.4 sans-serif; margin: 1em; color: #222; }
#bar { display: flex; gap: 1em; align-items: center; flex-wrap: wrap; margin-bottom: .5em; }
#slider { flex: 1; min-width: 200px; }
#map { max-width: 100%; border: 1px solid #ccc; }
#note { color: #a40; }
</style>
</head>
<body>
<div id="bar">
  <select id="view"></select>
  <input id="slider" type="range" min="0" max="0" value="0" step="1">
  <span id="date"></span> <span id="note"></span>
</div>
<div id="frame"><img id="map" alt=""><a id="link" hidden></a></div>
<script>
const VIEWS = )HTML" + data + R"HTML(;
const view = document.getElementById('view'), slider = document.getElementById('slider');
const img = document.getElementById('map'), link = document.getElementById('link');
const label = document.getElementById('date'), note = document.getElementById('note');
VIEWS.forEach((v, i) => { const o = document.createElement('option'); o.value = i; o.textContent = v.name; view.appendChild(o); });
function show() {
  const v = VIEWS[+view.value || 0]; if (!v || !v.maps.length) return;
  const m = v.maps[Math.min(+slider.value, v.maps.length - 1)];
  label.textContent = m.date;
  note.textContent = m.carried_forward ? '(control polygon carried forward)' : '';
  if (/\.(png|svg)$/i.test(m.src)) { img.hidden = false; link.hidden = true; img.src = m.src; img.alt = v.name + ' ' + m.date; }
  else { img.hidden = true; link.hidden = false; link.href = m.src; link.textContent = m.src; }
  document.body.dataset.date = m.date;
}
function pickView() { const v = VIEWS[+view.value || 0]; slider.max = Math.max(0, v.maps.length - 1); slider.value = 0; show(); }
// A link may name a view and a date: index.html#view=east&date=2025-10-01 (moves the slider).
function fromHash() {
  const h = new URLSearchParams(location.hash.slice(1));
  const vi = VIEWS.findIndex(v => v.name === h.get('view'));
  if (vi >= 0 && vi !== +view.value) { view.value = vi; pickView(); }
  const v = VIEWS[+view.value || 0], i = v ? v.maps.findIndex(m => m.date === h.get('date')) : -1;
  if (i >= 0) { slider.value = i; slider.dispatchEvent(new Event('input')); }
}
slider.addEventListener('input', show);
slider.addEventListener('change', show);
view.addEventListener('change', pickView);
window.addEventListener('hashchange', fromHash);
if (VIEWS.length) { pickView(); fromHash(); }
</script>
</body>
</html>
)HTML";
}

void write_manifest_and_index(const BuildConfig& config, const std::vector<BuildJob>& plan,
                              const std::vector<BuildFailure>& failures, BuildResult& result) {
    fs::create_directories(config.output / kStateDir);
    DirLock lock(config.output / kStateDir / "lock");
    ojson maps = ojson::array();
    std::map<std::string, ojson> per_view;
    for (const auto& v : config.views) per_view[v.name] = ojson::array();
    std::size_t missing = 0;
    for (const auto& job : plan) {
        auto state = read_state(state_path(config, job));
        if (!state) {
            ++missing;
            continue;
        }
        ojson m = {{"view", job.view->name},
                   {"date", job.date},
                   {"digest", (*state)["digest"]},
                   {"outputs", (*state)["outputs"]},
                   {"duration_ms", (*state)["duration_ms"]},
                   {"control", (*state)["control"]},
                   {"inputs", (*state)["inputs"]}};
        maps.push_back(m);
        bool carried = false;
        for (const auto& c : (*state)["control"]) carried |= c.value("age_days", 0) > 0;
        std::string src;
        for (const auto& o : (*state)["outputs"]) {
            const std::string s = o.get<std::string>();
            if (src.empty() || s.ends_with(".png") || (s.ends_with(".svg") && !src.ends_with(".png"))) src = s;
        }
        per_view[job.view->name].push_back({{"date", job.date}, {"src", src}, {"carried_forward", carried}});
    }
    ojson fails = ojson::array();
    for (const auto& f : failures) fails.push_back({{"view", f.view}, {"date", f.date}, {"reason", f.reason}});
    ojson manifest = {{"program", std::string("frontmap ") + kVersion},
                      {"config", config.file.string()},
                      {"from", plan.empty() ? config.from : plan.front().date},
                      {"to", plan.empty() ? config.to : plan.back().date},
                      {"planned", plan.size()},
                      {"missing", missing},
                      {"failed_last_run", fails},
                      {"maps", maps}};
    result.manifest = config.output / "manifest.json";
    write_atomic(result.manifest, manifest.dump(2) + "\n");
    ojson views = ojson::array();
    for (const auto& v : config.views) views.push_back({{"name", v.name}, {"maps", per_view[v.name]}});
    result.index = config.output / "index.html";
    write_atomic(result.index, html_page(views));
}

// ---- the built-in GeoJSON renderer --------------------------------------------------------------

ojson coords(const MultiPolygon& mp) {
    ojson polys = ojson::array();
    for (const auto& p : mp) {
        ojson rings = ojson::array();
        for (const auto& r : p.rings) {
            ojson ring = ojson::array();
            for (const auto& pt : r) ring.push_back({pt.lon, pt.lat});
            rings.push_back(std::move(ring));
        }
        polys.push_back(std::move(rings));
    }
    return polys;
}

class GeoJsonRenderer : public MapRenderer {
public:
    std::string render(const MapData& data, const BuildView& view, const std::string& format) override {
        if (format != "geojson") {
            throw UsageError("failed to draw format '" + format + "'", "the built-in renderer writes geojson only");
        }
        ojson features = ojson::array();
        for (const auto& c : data.control) {
            features.push_back({{"type", "Feature"},
                                {"properties",
                                 {{"layer", "control"},
                                  {"source", c.source},
                                  {"party", c.party},
                                  {"kind", c.kind},
                                  {"valid_from", c.valid_from},
                                  {"age_days", c.age_days}}},
                                {"geometry", {{"type", "MultiPolygon"}, {"coordinates", coords(c.area)}}}});
        }
        for (const auto& a : data.areas) {
            features.push_back({{"type", "Feature"},
                                {"properties",
                                 {{"layer", "area"}, {"place_key", a.place_key}, {"name", a.name},
                                  {"status", status_name(a.status)}}},
                                {"geometry", {{"type", "MultiPolygon"}, {"coordinates", coords(a.area)}}}});
        }
        ojson out = {{"type", "FeatureCollection"}, {"name", view.name + " " + data.date}, {"features", features}};
        return out.dump() + "\n";
    }
};

}  // namespace

std::unique_ptr<MapRenderer> make_geojson_renderer() { return std::make_unique<GeoJsonRenderer>(); }

// ---- configuration ------------------------------------------------------------------------------

BuildConfig parse_build_config(const std::string& json_text, const fs::path& file) {
    ConfigReader r(file);
    json doc;
    try {
        doc = json::parse(json_text);
    } catch (const json::parse_error& e) {
        r.fail("", std::string("not valid JSON: ") + e.what());
    }
    r.keys(doc, "", {"store", "base", "from", "to", "step_days", "output", "pattern", "claim_window_days", "views"});
    BuildConfig c;
    c.file = file;
    auto store = r.str(doc, "", "store");
    if (!store || store->empty()) r.fail("store", "missing (a GeoPackage path or PG:...)");
    c.store = store->rfind("PG:", 0) == 0 ? *store : r.resolve(*store).string();
    if (auto base = r.str(doc, "", "base"); base && !base->empty()) c.base = r.resolve(*base).string();
    c.from = r.date(doc, "", "from");
    c.to = r.date(doc, "", "to");
    if (c.to < c.from) r.fail("to", "before 'from'");
    c.step_days = r.integer(doc, "", "step_days", 1, 3660).value_or(1);
    auto output = r.str(doc, "", "output");
    if (!output || output->empty()) r.fail("output", "missing (the output folder)");
    c.output = r.resolve(*output).lexically_normal();
    c.pattern = r.str(doc, "", "pattern").value_or(c.pattern);
    if (c.pattern.find("{date}") == std::string::npos || c.pattern.find("{ext}") == std::string::npos)
        r.fail("pattern", "must contain {date} and {ext}");
    if (fs::path(c.pattern).is_absolute() || c.pattern.find("..") != std::string::npos)
        r.fail("pattern", "must stay inside the output folder");
    c.claim_window_days = r.integer(doc, "", "claim_window_days", 1, 3660).value_or(30);
    if (!doc.contains("views") || !doc["views"].is_array() || doc["views"].empty())
        r.fail("views", "expected a non-empty array of views");
    std::set<std::string> names;
    for (std::size_t i = 0; i < doc["views"].size(); ++i) {
        const json& v = doc["views"][i];
        const std::string path = fmt::format("views[{}]", i);
        r.keys(v, path, {"name", "view", "extent", "width", "height", "formats", "palette", "lang", "title", "style"});
        BuildView view;
        view.name = r.str(v, path, "name").value_or("");
        if (!valid_view_name(view.name)) r.fail(path + ".name", "expected 1-64 of A-Z a-z 0-9 _ -");
        if (!names.insert(view.name).second) r.fail(path + ".name", "'" + view.name + "' used twice");
        if (v.contains("view") && v.contains("extent")) r.fail(path + ".view", "give either view or extent");
        if (auto named = r.str(v, path, "view")) {
            try {
                view.extent = named_view(*named);
            } catch (const UsageError& e) {
                r.fail(path + ".view", e.reason());
            }
        }
        if (v.contains("extent")) {
            const json& e = v["extent"];
            if (!e.is_array() || e.size() != 4 || !std::all_of(e.begin(), e.end(), [](const json& x) { return x.is_number(); }))
                r.fail(path + ".extent", "expected [west, south, east, north] in degrees");
            frontmap::Extent ext{e[0].get<double>(), e[1].get<double>(), e[2].get<double>(), e[3].get<double>()};
            if (!ext.valid()) r.fail(path + ".extent", "expected west < east and south < north inside the world");
            view.extent = ext;
        }
        view.width = r.integer(v, path, "width", 1, 20000).value_or(view.width);
        view.height = r.integer(v, path, "height", 1, 20000).value_or(view.height);
        if (v.contains("formats")) {
            const json& f = v["formats"];
            if (!f.is_array() || f.empty()) r.fail(path + ".formats", "expected a non-empty array");
            view.formats.clear();
            for (std::size_t k = 0; k < f.size(); ++k) {
                const std::string fp = fmt::format("{}.formats[{}]", path, k);
                if (!f[k].is_string()) r.fail(fp, "expected a string");
                const std::string s = f[k].get<std::string>();
                if (s != "png" && s != "svg" && s != "pdf" && s != "geojson")
                    r.fail(fp, "'" + s + "': expected png, svg, pdf or geojson");
                if (std::find(view.formats.begin(), view.formats.end(), s) != view.formats.end())
                    r.fail(fp, "'" + s + "' listed twice");
                view.formats.push_back(s);
            }
        }
        view.palette = r.str(v, path, "palette").value_or(view.palette);
        view.lang = r.str(v, path, "lang").value_or(view.lang);
        if (view.lang != "en" && view.lang != "uk" && view.lang != "ru") r.fail(path + ".lang", "expected en, uk or ru");
        view.title = r.str(v, path, "title").value_or("");
        if (auto style = r.str(v, path, "style"); style && !style->empty()) {
            view.style = r.resolve(*style).string();
            view.style_text = read_text(view.style);
        }
        c.views.push_back(std::move(view));
    }
    // Two views or formats writing one file would race.
    std::set<std::string> outputs;
    for (const auto& v : c.views) {
        for (const auto& f : v.formats) {
            if (!outputs.insert(expand(c.pattern, v.name, "2000-01-01", f)).second)
                r.fail("pattern", "gives several maps the same file name (use {view} with several views)");
        }
    }
    return c;
}

BuildConfig load_build_config(const fs::path& file) { return parse_build_config(read_text(file), file); }

// ---- the build ------------------------------------------------------------------------------------

void write_atomic(const fs::path& path, const std::string& bytes) {
    const std::string what = "failed to write '" + path.string() + "'";
    std::error_code ec;
    fs::create_directories(path.parent_path(), ec);
    if (ec) throw Error(what, ec.message());
    static std::atomic<unsigned> counter{0};
    const fs::path tmp = path.parent_path() / fmt::format(".{}{}{}.{}", path.filename().string(), kTmpMark,
                                                          static_cast<long>(::getpid()), counter++);
    {
        std::FILE* f = std::fopen(tmp.c_str(), "wb");
        if (f == nullptr) throw Error(what, std::strerror(errno));
        const bool ok = std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size() && std::fflush(f) == 0 &&
                        ::fsync(::fileno(f)) == 0;
        const int err = errno;
        if (std::fclose(f) != 0 || !ok) {
            fs::remove(tmp, ec);
            throw Error(what, std::strerror(err != 0 ? err : EIO));
        }
    }
    fs::rename(tmp, path, ec);
    if (ec) {
        std::error_code rm;
        fs::remove(tmp, rm);
        throw Error(what, ec.message());
    }
}

std::vector<BuildJob> plan_build(const BuildConfig& config, const BuildOptions& options) {
    const std::string from = options.from.value_or(config.from);
    const std::string to = options.to.value_or(config.to);
    for (const auto* d : {&from, &to}) {
        if (!layers::is_iso_date(*d)) throw UsageError("failed to read date '" + *d + "'", "expected YYYY-MM-DD");
    }
    if (to < from) throw UsageError(fmt::format("failed to use dates '{}' to '{}'", from, to), "--to is before --from");
    if (options.shards < 1 || options.shard < 1 || options.shard > options.shards)
        throw UsageError(fmt::format("failed to use shard '{}/{}'", options.shard, options.shards),
                         "expected K/N with 1 <= K <= N");
    std::vector<BuildJob> jobs;
    const int days = layers::days_between(from, to);
    for (int d = 0; d <= days; d += config.step_days) {
        const std::string date = layers::add_days(from, d);
        for (const auto& v : config.views) {
            BuildJob job;
            job.index = jobs.size();
            job.date = date;
            job.view = &v;
            for (const auto& f : v.formats) job.outputs.push_back(expand(config.pattern, v.name, date, f));
            jobs.push_back(std::move(job));
        }
    }
    return jobs;
}

BuildResult run_build(const BuildConfig& config, const BuildOptions& options, const RendererFactory& renderer) {
    const auto t0 = std::chrono::steady_clock::now();
    const std::vector<BuildJob> plan = plan_build(config, options);
    std::vector<const BuildJob*> mine;
    for (const auto& job : plan) {
        if (job.index % static_cast<std::size_t>(options.shards) == static_cast<std::size_t>(options.shard - 1))
            mine.push_back(&job);
    }
    BuildResult result;
    result.planned = plan.size();
    result.total = mine.size();

    { layers::Store probe = layers::Store::open(config.store, layers::Store::Mode::read_only); }
    std::error_code ec;
    fs::create_directories(config.output / kStateDir, ec);
    if (ec) throw Error("failed to create '" + config.output.string() + "'", ec.message());
    remove_stale_temporaries(config.output);

    layers::SnapshotOptions sopts;
    sopts.base = config.base;
    sopts.claim_window_days = config.claim_window_days;
    std::string base_id;
    if (!config.base.empty()) {
        base_id = fmt::format("{}\t{}", config.base, fs::file_size(config.base, ec));
    }
    const std::string prefix = fmt::format("frontmap {}\nbase\t{}\n", kVersion, base_id);

    std::mutex mu;
    BuildProgress progress;
    progress.total = mine.size();
    std::vector<BuildFailure> failures;
    std::atomic<std::size_t> next{0};
    std::exception_ptr fatal;

    auto report = [&](const BuildJob& job, const std::string& what, bool drawn, bool failed) {
        std::lock_guard<std::mutex> lock(mu);
        ++progress.done;
        progress.drawn += drawn ? 1 : 0;
        progress.skipped += (!drawn && !failed) ? 1 : 0;
        progress.failed += failed ? 1 : 0;
        progress.elapsed_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        progress.last = job.view->name + "/" + job.date + " " + what;
        if (options.progress) options.progress(progress);
    };

    auto worker = [&]() {
        try {
            layers::Store store = layers::Store::open(config.store, layers::Store::Mode::read_only);
            layers::Snapshotter snap(store, sopts);
            std::unique_ptr<MapRenderer> draw = renderer();
            std::size_t k = 0;
            while ((k = next++) < mine.size()) {
                const BuildJob& job = *mine[k];
                const auto m0 = std::chrono::steady_clock::now();
                try {
                    const auto inputs = snap.digest_inputs(job.date);
                    const std::string digest =
                        sha256_hex(prefix + "view\t" + view_key(*job.view) + "\n" + inputs.text());
                    const fs::path sp = state_path(config, job);
                    if (!options.force) {
                        if (auto st = read_state(sp); st && st->value("digest", "") == digest) {
                            bool all = true;
                            for (const auto& o : job.outputs) all = all && fs::exists(config.output / o);
                            if (all) {
                                report(job, "unchanged", false, false);
                                continue;
                            }
                        }
                    }
                    const MapData data = snap.map_data(job.date, job.view->extent);
                    for (std::size_t f = 0; f < job.outputs.size(); ++f) {
                        write_atomic(config.output / job.outputs[f], draw->render(data, *job.view, job.view->formats[f]));
                    }
                    ojson control = ojson::array();
                    for (const auto& c : data.control) {
                        control.push_back({{"source", c.source},
                                           {"party", c.party},
                                           {"kind", c.kind},
                                           {"valid_from", c.valid_from},
                                           {"age_days", c.age_days}});
                    }
                    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - m0).count();
                    ojson state = {{"view", job.view->name}, {"date", job.date},
                                   {"digest", digest},       {"outputs", job.outputs},
                                   {"duration_ms", std::round(ms * 10) / 10},
                                   {"control", control},     {"inputs", inputs.lines}};
                    write_atomic(sp, state.dump(1) + "\n");
                    report(job, fmt::format("drawn ({:.0f} ms)", ms), true, false);
                } catch (const std::exception& e) {
                    {
                        std::lock_guard<std::mutex> lock(mu);
                        failures.push_back({job.view->name, job.date, e.what()});
                    }
                    report(job, std::string("FAILED: ") + e.what(), false, true);
                }
            }
        } catch (...) {
            std::lock_guard<std::mutex> lock(mu);
            if (!fatal) fatal = std::current_exception();
            next = mine.size();  // the others stop taking work
        }
    };

    const int threads = std::max(1, std::min<int>(options.jobs, static_cast<int>(std::max<std::size_t>(1, mine.size()))));
    std::vector<std::thread> pool;
    for (int i = 1; i < threads; ++i) pool.emplace_back(worker);
    worker();
    for (auto& t : pool) t.join();
    if (fatal) std::rethrow_exception(fatal);

    std::sort(failures.begin(), failures.end(),
              [](const BuildFailure& a, const BuildFailure& b) { return std::tie(a.date, a.view) < std::tie(b.date, b.view); });
    result.drawn = progress.drawn;
    result.skipped = progress.skipped;
    result.failures = failures;
    write_manifest_and_index(config, plan, failures, result);
    result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return result;
}

}  // namespace frontmap::render
