#include "render/locate.hpp"

#include <algorithm>
#include <cctype>
#include <functional>
#include <cmath>
#include <filesystem>
#include <numbers>
#include <memory>
#include <tuple>

#include "geo/error.hpp"
#include "geo/normalize.hpp"
#include "geo/sqlite.hpp"

namespace frontmap::render {

LocatedPlace locate_place(const std::string& base_path, const std::string& name) {
    const std::string what = "failed to find place '" + name + "'";
    std::error_code ec;
    if (!std::filesystem::exists(base_path, ec)) {
        throw InputError(what, "base data '" + base_path + "' does not exist", "run data/fetch first, or give --base");
    }
    const sqlite::Db db = sqlite::Db::open_read_only(base_path, what, sqlite::Role::input);
    if (!db.has_table("names")) throw InputError(what, "the base data has no names table", "rebuild it with data/fetch");
    std::unique_ptr<sqlite::Stmt> st =
        db.try_prepare("SELECT name, kind, population, lat, lon, country FROM names WHERE key = ?1 ORDER BY rowid");
    if (!st) throw InputError(what, "the names table lacks name/kind/population/lat/lon/country", "rebuild it with data/fetch");
    st->bind(1, normalize_key(name));
    // A map of the war in Ukraine: a Ukrainian place wins over a larger namesake elsewhere
    // (Pokrovsk, Donetsk oblast, not the Pokrovsk that is an old name of Engels, Saratov).
    int best_rank = -1, best_ua = -1;
    std::int64_t best_pop = -1;
    LocatedPlace best;
    while (st->step()) {
        const std::string kind = st->text(1);
        int rank = kind == "city" ? 3 : kind == "region" ? 2 : kind == "country" ? 1 : 0;
        std::int64_t pop = st->int64(2);
        const int ua = st->text(5) == "UA" ? 1 : 0;
        if (std::tie(rank, ua, pop) > std::tie(best_rank, best_ua, best_pop)) {
            best_rank = rank, best_ua = ua, best_pop = pop;
            best = {st->text(0), {st->real(4, 0.0), st->real(3, 0.0)}};
        }
    }
    if (best_rank < 0) throw InputError(what, "no such place in the gazetteer", "check the spelling, or give --extent");
    return best;
}

Extent extent_around(LonLat c, double radius_km) {
    if (!(radius_km > 0 && radius_km <= 5000)) {
        throw UsageError("failed to use radius '" + std::to_string(radius_km) + "'", "must be between 0 and 5000 km");
    }
    const double dlat = radius_km / 111.2;
    const double dlon = radius_km / (111.2 * std::max(0.05, std::cos(c.lat * std::numbers::pi / 180)));
    Extent e{std::max(-180.0, c.lon - dlon), std::max(-85.0, c.lat - dlat), std::min(180.0, c.lon + dlon),
             std::min(85.0, c.lat + dlat)};
    return e;
}

Extent named_view(const std::string& name) {
    if (name == "ukraine") return {22.0, 44.2, 40.4, 52.5};
    if (name == "east") return {34.8, 46.8, 40.4, 50.5};
    if (name == "south") return {30.5, 44.3, 38.0, 48.2};
    throw UsageError("failed to use view '" + name + "'", "unknown view", "use ukraine, east or south");
}

}  // namespace frontmap::render
