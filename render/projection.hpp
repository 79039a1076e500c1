#pragma once
// The one projection of a map: WGS84 lon/lat -> projected CRS (PROJ, on the thread's
// GeoContext) -> output pixels. Default CRS: a Lambert conformal conic fitted to the extent.
// The extent is fitted into the canvas (aspect kept, centred); pixels outside the extent's
// box are still drawn, so the whole canvas is map.

#include <string>
#include <vector>

#include "geo/context.hpp"
#include "geo/geometry.hpp"
#include "geo/mapdata.hpp"
#include "render/canvas.hpp"

namespace frontmap::render {

// Extents are frontmap::Extent (geo/geometry.hpp), the one lon/lat box type of the project.

// "W,S,E,N" in degrees; throws UsageError for a malformed or out-of-world extent.
Extent parse_extent(const std::string& text);
void check_extent(const Extent& e);  // throws UsageError
// The Lambert conformal conic frontmap fits to an extent.
std::string default_crs(const Extent& e);

class Projection {
public:
    // `crs`: any PROJ string or EPSG code; empty = default_crs(extent).
    Projection(GeoContext& ctx, const std::string& crs, const Extent& extent, int width, int height);
    Projection(Projection&&) noexcept = default;

    Pt to_px(LonLat p) const;
    // Transforms in place; unprojectable points become NaN.
    void to_px(std::vector<double>& lon_x, std::vector<double>& lat_y) const;
    LonLat to_lonlat(Pt p) const;

    // Lon/lat box covering the whole canvas (for spatial filters on base layers).
    const Extent& canvas_bounds() const noexcept { return bounds_; }
    const Extent& extent() const noexcept { return extent_; }
    const std::string& crs() const noexcept { return crs_; }
    // Ground metres per pixel along the x axis at the canvas centre (geodesic).
    double metres_per_px_at_centre() const;
    // Direction of north at the canvas centre, radians clockwise from "up".
    double north_angle_at_centre() const;
    int width() const noexcept { return width_; }
    int height() const noexcept { return height_; }
    // The largest number of pixels one degree of longitude or latitude spans anywhere on the
    // canvas (sampled): lon/lat steps shorter than tol / this are shorter than tol px.
    double max_px_per_degree() const noexcept { return px_per_degree_; }

private:
    void make_crs_to_crs(GeoContext& ctx);
    void fit(const Extent& extent, int width, int height);
    PjPtr pj_;
    std::string crs_;
    Extent extent_;
    Extent bounds_;
    int width_, height_;
    double scale_ = 1, cx_ = 0, cy_ = 0;
    double px_per_degree_ = 0;
};

// Great-circle distance in metres (spherical, mean Earth radius): enough for a scale bar.
double distance_m(LonLat a, LonLat b);

}  // namespace frontmap::render
