#include "render/style.hpp"

#include <fstream>
#include <functional>
#include <map>
#include <sstream>

#include <nlohmann/json.hpp>

#include "geo/error.hpp"

namespace frontmap::render {

namespace {

Color rgb(unsigned hex, double a = 1) {
    return {((hex >> 16) & 0xff) / 255.0, ((hex >> 8) & 0xff) / 255.0, (hex & 0xff) / 255.0, a};
}

Hatch hatch(Color c, double angle, double spacing, double width, bool cross = false) {
    return {c, angle, spacing, width, cross};
}

const char* const kStatusLabels[kStatusCount] = {
    "Assessed Russian control",      "Russian-held before 2022",   "Russian claim, not confirmed",
    "Disputed (claim refuted or part held)", "Contested (fighting reported)", "Ukrainian advance",
    "Held by Ukraine",
    "Held by Russia"};

}  // namespace

Palette parse_palette(const std::string& name) {
    if (name == "default") return Palette::default_;
    if (name == "colorblind") return Palette::colorblind;
    if (name == "print") return Palette::print;
    throw UsageError("failed to use palette '" + name + "'", "unknown palette",
                     "use default, colorblind or print");
}

const char* palette_name(Palette p) {
    switch (p) {
        case Palette::default_: return "default";
        case Palette::colorblind: return "colorblind";
        case Palette::print: return "print";
    }
    return "default";
}

TextStyle Style::label_text() const {
    TextStyle t;
    t.family = font_family;
    t.size = label_size;
    t.color = text;
    t.halo = halo;
    t.halo_width = halo_width;
    return t;
}

TextStyle Style::title_text() const {
    TextStyle t = label_text();
    t.size = title_size;
    t.bold = true;
    t.halo_width = 0;
    return t;
}

TextStyle Style::small_text() const {
    TextStyle t = label_text();
    t.size = small_size;
    t.halo_width = 0;
    return t;
}

Style default_style(Palette palette) {
    Style s;
    s.palette = palette;
    s.text = rgb(0x1a1a1a);
    s.halo = rgb(0xffffff, 0.9);
    s.panel = rgb(0xffffff, 0.88);
    s.panel_border = rgb(0x666666);
    s.marker_border = rgb(0x222222);
    auto& st = s.status;
    auto set = [&](Status which, StatusStyle v) {
        v.label = kStatusLabels[index_of(which)];
        st[index_of(which)] = std::move(v);
    };
    switch (palette) {
        case Palette::default_: {
            // ISW-like: reds for Russian control and claims, blues for Ukraine.
            s.sea = rgb(0xb9d3e6);
            s.land = rgb(0xe9e5dc);
            s.ukraine = rgb(0xfbf8ef);
            s.country_border = rgb(0x8a8a8a);
            s.ua_border = rgb(0x5a5a5a);
            s.admin1_border = rgb(0xb0aca4);
            s.oblast_border = rgb(0x9a948a);
            s.front_line = rgb(0xb00000);
            s.marker = rgb(0x555555);
            set(Status::assessed_ru, {rgb(0xe35d5d, 0.5), false, {}, {}, 0, {}, rgb(0xd03030), {}});
            set(Status::held_ru_before_2022, {rgb(0xa32b2b, 0.55), false, {}, {}, 0, {}, rgb(0x8a1f1f), {}});
            set(Status::claimed_ru,
                {{0, 0, 0, 0}, true, hatch(rgb(0xd42020), 45, 7, 1.6), rgb(0xd42020), 1.2, {4, 3}, rgb(0xe07070), {}});
            set(Status::disputed,
                {rgb(0x9b59b6, 0.12), true, hatch(rgb(0x7d3c98), 45, 8, 1.3, true), rgb(0x7d3c98), 1.2, {}, rgb(0x7d3c98), {}});
            set(Status::contested,
                {rgb(0xf0a020, 0.18), true, hatch(rgb(0xd98300), 0, 6, 1.2), rgb(0xd98300), 1.0, {2, 2}, rgb(0xe69500), {}});
            set(Status::advance_ua,
                {{0, 0, 0, 0}, true, hatch(rgb(0x1f5fbf), 135, 7, 1.8), rgb(0x1f5fbf), 1.2, {4, 3}, rgb(0x1f5fbf), {}});
            set(Status::held_ua, {rgb(0x3d7bd9, 0.4), false, {}, rgb(0x1f5fbf), 1.0, {}, rgb(0x1f5fbf), {}});
            set(Status::held_ru, {rgb(0xc0392b, 0.45), false, {}, rgb(0x9b1c1c), 1.0, {}, rgb(0xc0392b), {}});
            break;
        }
        case Palette::colorblind: {
            // Okabe-Ito hues, and every tier has its own texture as well as its own hue.
            s.sea = rgb(0xc6dbef);
            s.land = rgb(0xebebeb);
            s.ukraine = rgb(0xfdfdf8);
            s.country_border = rgb(0x808080);
            s.ua_border = rgb(0x404040);
            s.admin1_border = rgb(0xb4b4b4);
            s.oblast_border = rgb(0x999999);
            s.front_line = rgb(0x7a2e00);
            s.marker = rgb(0x555555);
            set(Status::assessed_ru, {rgb(0xd55e00, 0.45), false, {}, {}, 0, {}, rgb(0xd55e00), {}});
            set(Status::held_ru_before_2022,
                {rgb(0x8c3b00, 0.5), true, hatch(rgb(0x5a2600), 0, 4, 0.8), {}, 0, {}, rgb(0x8c3b00), {}});
            set(Status::claimed_ru,
                {{0, 0, 0, 0}, true, hatch(rgb(0xd55e00), 45, 7, 1.8), rgb(0xd55e00), 1.2, {4, 3}, rgb(0xd55e00), {}});
            set(Status::disputed,
                {{0, 0, 0, 0}, true, hatch(rgb(0xcc79a7), 45, 7, 1.6, true), rgb(0xcc79a7), 1.2, {}, rgb(0xcc79a7), {}});
            set(Status::contested,
                {rgb(0xe69f00, 0.15), true, hatch(rgb(0xe69f00), 90, 5, 1.4), rgb(0xe69f00), 1.0, {1, 2}, rgb(0xe69f00), {}});
            set(Status::advance_ua,
                {{0, 0, 0, 0}, true, hatch(rgb(0x0072b2), 135, 7, 1.8), rgb(0x0072b2), 1.2, {4, 3}, rgb(0x0072b2), {}});
            set(Status::held_ua,
                {rgb(0x56b4e9, 0.3), true, hatch(rgb(0x0072b2), 0, 9, 0.7), rgb(0x0072b2), 1.0, {}, rgb(0x0072b2), {}});
            set(Status::held_ru,
                {rgb(0xd55e00, 0.3), true, hatch(rgb(0x8c3b00), 90, 9, 0.7), rgb(0x8c3b00), 1.0, {}, rgb(0xd55e00), {}});
            break;
        }
        case Palette::print: {
            // Greyscale-safe: tiers differ by grey value and by texture, never by hue alone.
            s.sea = rgb(0xffffff);
            s.land = rgb(0xf0f0f0);
            s.ukraine = rgb(0xffffff);
            s.country_border = rgb(0x707070);
            s.ua_border = rgb(0x000000);
            s.admin1_border = rgb(0xb0b0b0);
            s.oblast_border = rgb(0x909090);
            s.front_line = rgb(0x000000);
            s.marker = rgb(0x000000);
            set(Status::assessed_ru, {rgb(0x9a9a9a, 0.6), false, {}, {}, 0, {}, rgb(0x000000), {}});
            set(Status::held_ru_before_2022, {rgb(0x505050, 0.6), false, {}, {}, 0, {}, rgb(0x000000), {}});
            set(Status::claimed_ru,
                {{0, 0, 0, 0}, true, hatch(rgb(0x000000), 45, 6, 1.2), rgb(0x000000), 1.0, {4, 3}, rgb(0x404040), {}});
            set(Status::disputed,
                {{0, 0, 0, 0}, true, hatch(rgb(0x000000), 45, 7, 1.0, true), rgb(0x000000), 1.2, {}, rgb(0x808080), {}});
            set(Status::contested,
                {{0, 0, 0, 0}, true, hatch(rgb(0x404040), 0, 5, 1.0), rgb(0x404040), 1.0, {1, 2}, rgb(0x808080), {}});
            set(Status::advance_ua,
                {{0, 0, 0, 0}, true, hatch(rgb(0x000000), 135, 9, 0.8), rgb(0x000000), 1.0, {6, 2}, rgb(0xffffff), {}});
            set(Status::held_ua, {{0, 0, 0, 0}, true, hatch(rgb(0x000000), 90, 10, 0.6), rgb(0x000000), 1.0, {}, rgb(0xffffff), {}});
            set(Status::held_ru, {rgb(0x707070, 0.5), false, {}, rgb(0x000000), 1.0, {}, rgb(0x000000), {}});
            break;
        }
    }
    return s;
}

Color parse_color(const std::string& text) {
    auto bad = [&] { throw InputError("failed to read colour '" + text + "'", "expected #rgb, #rrggbb or #rrggbbaa"); };
    if (text.empty() || text[0] != '#') bad();
    std::string h = text.substr(1);
    for (char c : h) {
        if (!std::isxdigit(static_cast<unsigned char>(c))) bad();
    }
    if (h.size() == 3) h = {h[0], h[0], h[1], h[1], h[2], h[2]};
    if (h.size() != 6 && h.size() != 8) bad();
    auto byte = [&](std::size_t i) { return std::stoi(h.substr(i, 2), nullptr, 16) / 255.0; };
    return {byte(0), byte(2), byte(4), h.size() == 8 ? byte(6) : 1.0};
}

namespace {

using json = nlohmann::json;

// A strict walker: every key of an object must be known; every value must have the right type.
class Reader {
public:
    explicit Reader(std::string file) : file_(std::move(file)) {}

    [[noreturn]] void fail(const std::string& path, const std::string& why) const {
        throw InputError("failed to read style '" + file_ + "'", "key '" + path + "': " + why);
    }

    using Handler = std::function<void(const json&, const std::string&)>;
    void object(const json& j, const std::string& path, const std::map<std::string, Handler>& keys) const {
        if (!j.is_object()) fail(path.empty() ? "(top level)" : path, "expected an object");
        for (const auto& [k, v] : j.items()) {
            std::string sub = path.empty() ? k : path + "." + k;
            auto it = keys.find(k);
            if (it == keys.end()) {
                std::string known;
                for (const auto& [name, _] : keys) known += (known.empty() ? "" : ", ") + name;
                fail(sub, "unknown key (known here: " + known + ")");
            }
            it->second(v, sub);
        }
    }

    Handler color(Color& c) const {
        return [this, &c](const json& v, const std::string& path) {
            if (!v.is_string()) fail(path, "expected a colour string such as \"#d42020\"");
            try {
                c = parse_color(v.get<std::string>());
            } catch (const InputError& e) {
                fail(path, e.reason());
            }
        };
    }
    Handler number(double& d, double lo, double hi) const {
        return [this, &d, lo, hi](const json& v, const std::string& path) {
            if (!v.is_number()) fail(path, "expected a number");
            double x = v.get<double>();
            if (!(x >= lo && x <= hi)) fail(path, "must be between " + fmt(lo) + " and " + fmt(hi));
            d = x;
        };
    }
    Handler integer(std::int64_t& n, std::int64_t lo, std::int64_t hi) const {
        return [this, &n, lo, hi](const json& v, const std::string& path) {
            if (!v.is_number_integer()) fail(path, "expected an integer");
            auto x = v.get<std::int64_t>();
            if (x < lo || x > hi) fail(path, "must be between " + std::to_string(lo) + " and " + std::to_string(hi));
            n = x;
        };
    }
    Handler boolean(bool& b) const {
        return [this, &b](const json& v, const std::string& path) {
            if (!v.is_boolean()) fail(path, "expected true or false");
            b = v.get<bool>();
        };
    }
    Handler string(std::string& s) const {
        return [this, &s](const json& v, const std::string& path) {
            if (!v.is_string() || v.get<std::string>().empty()) fail(path, "expected a non-empty string");
            s = v.get<std::string>();
        };
    }
    Handler dash(std::vector<double>& d) const {
        return [this, &d](const json& v, const std::string& path) {
            if (!v.is_array()) fail(path, "expected an array of lengths in px, [] for a solid line");
            std::vector<double> out;
            for (const auto& x : v) {
                if (!x.is_number() || x.get<double>() <= 0) fail(path, "expected positive numbers");
                out.push_back(x.get<double>());
            }
            d = std::move(out);
        };
    }

private:
    static std::string fmt(double v) {
        std::ostringstream s;
        s << v;
        return s.str();
    }
    std::string file_;
};

}  // namespace

void apply_style_json(Style& style, const std::string& text, const std::string& name) {
    json j;
    try {
        j = json::parse(text);
    } catch (const json::parse_error& e) {
        throw InputError("failed to read style '" + name + "'", std::string("not valid JSON: ") + e.what());
    }
    Reader r(name);
    Style s = style;  // apply all or nothing
    std::int64_t max_places = s.max_places;
    using H = Reader::Handler;
    std::map<std::string, H> statuses;
    for (std::size_t i = 0; i < kStatusCount; ++i) {
        StatusStyle& st = s.status[i];
        statuses[status_name(static_cast<Status>(i))] = [&r, &st](const json& v, const std::string& path) {
            r.object(v, path,
                     {{"fill", r.color(st.fill)},
                      {"outline", r.color(st.outline)},
                      {"outline_width", r.number(st.outline_width, 0, 20)},
                      {"outline_dash", r.dash(st.outline_dash)},
                      {"marker", r.color(st.marker)},
                      {"label", r.string(st.label)},
                      {"hatched", r.boolean(st.hatched)},
                      {"hatch", [&r, &st](const json& hv, const std::string& hp) {
                           r.object(hv, hp,
                                    {{"color", r.color(st.hatch.color)},
                                     {"angle", r.number(st.hatch.angle_deg, -360, 360)},
                                     {"spacing", r.number(st.hatch.spacing, 1, 200)},
                                     {"width", r.number(st.hatch.width, 0.1, 50)},
                                     {"cross", r.boolean(st.hatch.cross)}});
                           st.hatched = true;
                       }}});
        };
    }
    r.object(j, "",
             {{"colors",
               [&](const json& v, const std::string& p) {
                   r.object(v, p,
                            {{"sea", r.color(s.sea)},
                             {"land", r.color(s.land)},
                             {"ukraine", r.color(s.ukraine)},
                             {"country_border", r.color(s.country_border)},
                             {"ua_border", r.color(s.ua_border)},
                             {"admin1_border", r.color(s.admin1_border)},
                             {"oblast_border", r.color(s.oblast_border)},
                             {"front_line", r.color(s.front_line)},
                             {"text", r.color(s.text)},
                             {"halo", r.color(s.halo)},
                             {"panel", r.color(s.panel)},
                             {"panel_border", r.color(s.panel_border)},
                             {"marker", r.color(s.marker)},
                             {"marker_border", r.color(s.marker_border)}});
               }},
              {"widths",
               [&](const json& v, const std::string& p) {
                   r.object(v, p,
                            {{"country_border", r.number(s.country_border_width, 0, 20)},
                             {"ua_border", r.number(s.ua_border_width, 0, 20)},
                             {"admin1_border", r.number(s.admin1_border_width, 0, 20)},
                             {"oblast_border", r.number(s.oblast_border_width, 0, 20)},
                             {"front_line", r.number(s.front_line_width, 0, 20)}});
               }},
              {"fonts",
               [&](const json& v, const std::string& p) {
                   r.object(v, p,
                            {{"family", r.string(s.font_family)},
                             {"label_size", r.number(s.label_size, 4, 72)},
                             {"title_size", r.number(s.title_size, 4, 144)},
                             {"small_size", r.number(s.small_size, 4, 72)},
                             {"halo_width", r.number(s.halo_width, 0, 10)}});
               }},
              {"places",
               [&](const json& v, const std::string& p) {
                   r.object(v, p,
                            {{"max", r.integer(max_places, 0, 100000)},
                             {"min_population", r.integer(s.min_population, 0, 100000000)},
                             {"marker_min", r.number(s.marker_min, 0, 50)},
                             {"marker_max", r.number(s.marker_max, 0, 50)}});
               }},
              {"areas",
               [&](const json& v, const std::string& p) {
                   r.object(v, p, {{"min_size", r.number(s.claim_min_size, 0, 500)}});
               }},
              {"statuses", [&](const json& v, const std::string& p) { r.object(v, p, statuses); }}});
    s.max_places = static_cast<int>(max_places);
    style = std::move(s);
}

void apply_style_file(Style& style, const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw InputError("failed to read style '" + file.string() + "'", "cannot open the file");
    std::ostringstream ss;
    ss << in.rdbuf();
    apply_style_json(style, ss.str(), file.string());
}

}  // namespace frontmap::render
