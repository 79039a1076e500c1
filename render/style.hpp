#pragma once
// Map style: colours, widths, fonts, hatch parameters and place selection. Defaults live in one
// place (default_style for each palette); a JSON style file overrides them strictly: an unknown
// key or a value of the wrong type is an InputError naming the file and the key path.

#include <array>
#include <cstdint>
#include <filesystem>
#include <string>

#include "geo/mapdata.hpp"
#include "render/canvas.hpp"

namespace frontmap::render {

enum class Palette { default_, colorblind, print };
Palette parse_palette(const std::string& name);  // throws UsageError
const char* palette_name(Palette p);

inline constexpr std::size_t kStatusCount = 8;
inline std::size_t index_of(Status s) { return static_cast<std::size_t>(s); }

struct StatusStyle {
    Color fill{0, 0, 0, 0};  // invisible = no fill
    bool hatched = false;
    Hatch hatch;
    Color outline{0, 0, 0, 0};
    double outline_width = 0;
    std::vector<double> outline_dash;
    Color marker;           // settlement marker colour for a place with this status
    std::string label;      // legend text
};

struct Style {
    Palette palette = Palette::default_;
    // Base layers.
    Color sea, land, ukraine, country_border, ua_border, admin1_border, oblast_border, front_line;
    double country_border_width = 0.8, ua_border_width = 2.2, admin1_border_width = 0.4,
           oblast_border_width = 0.7, front_line_width = 2.4;
    // Furniture and text.
    Color text, halo, panel, panel_border, marker, marker_border;
    std::string font_family = "DejaVu Sans";
    double label_size = 11, title_size = 22, small_size = 10, halo_width = 1.6;
    // Places.
    int max_places = 300;
    std::int64_t min_population = 0;
    double marker_min = 1.6, marker_max = 4.5;
    // Claim areas around a settlement smaller than this on screen (px, across) are drawn enlarged
    // to it about the settlement's point (cartographic generalisation; 0 = never): a town of a
    // few km is a few pixels on a map of the whole front, too small to show which part is held.
    double claim_min_size = 36;
    std::array<StatusStyle, kStatusCount> status;

    const StatusStyle& of(Status s) const { return status[index_of(s)]; }
    TextStyle label_text() const;
    TextStyle title_text() const;
    TextStyle small_text() const;
};

Style default_style(Palette palette);

// Applies a JSON style file on top of `style`. Throws InputError naming the file and key path.
void apply_style_file(Style& style, const std::filesystem::path& file);
// The same from a string (used by tests and the file reader); `name` is used in messages.
void apply_style_json(Style& style, const std::string& text, const std::string& name);

Color parse_color(const std::string& text);  // "#rgb", "#rrggbb", "#rrggbbaa"; throws InputError

}  // namespace frontmap::render
