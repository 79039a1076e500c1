#include "geo/gpkg.hpp"

#include <cstdint>
#include <cstring>

#include "geo/error.hpp"

namespace frontmap::gpkg {

namespace {

// A bounds-checked WKB cursor. Byte order is per geometry (each nested geometry has its own).
class WkbCursor {
public:
    WkbCursor(std::span<const unsigned char> b, const std::string& what) : b_(b), what_(what) {}

    void need(std::size_t n) const {
        if (b_.size() - pos_ < n) throw InputError(what_, "a geometry is truncated (malformed WKB)");
    }
    std::uint8_t byte() {
        need(1);
        return b_[pos_++];
    }
    // An unsigned integer of `n` bytes (4 or 8) in the given byte order.
    std::uint64_t unsigned_of(std::size_t n, bool little) {
        need(n);
        std::uint64_t v = 0;
        for (std::size_t i = 0; i < n; ++i) {
            const std::uint64_t x = b_[pos_ + (little ? i : n - 1 - i)];
            v |= x << (8 * i);
        }
        pos_ += n;
        return v;
    }
    std::uint32_t u32(bool little) { return static_cast<std::uint32_t>(unsigned_of(4, little)); }
    double f64(bool little) {
        const std::uint64_t v = unsigned_of(8, little);
        double d = 0;
        std::memcpy(&d, &v, sizeof d);
        return d;
    }
    void skip(std::size_t n) {
        need(n);
        pos_ += n;
    }
    // A count that cannot exceed what is left (each item takes at least `min_size` bytes).
    std::uint32_t count(bool little, std::size_t min_size) {
        const std::uint32_t n = u32(little);
        if (static_cast<std::uint64_t>(n) * min_size > b_.size() - pos_)
            throw InputError(what_, "a geometry count exceeds its data (malformed WKB)");
        return n;
    }
    [[noreturn]] void bad(const std::string& why) const { throw InputError(what_, why); }

private:
    std::span<const unsigned char> b_;
    const std::string& what_;
    std::size_t pos_ = 0;
};

struct Header {
    bool little = true;
    std::uint32_t type = 0;  // flat: 1 point ... 7 collection
    int dims = 2;            // ordinates per point
};

Header header(WkbCursor& c) {
    Header h;
    const std::uint8_t order = c.byte();
    if (order > 1) c.bad("a geometry has a bad byte order (malformed WKB)");
    h.little = order == 1;
    std::uint32_t t = c.u32(h.little);
    // EWKB flags (PostGIS): Z 0x80000000, M 0x40000000, SRID 0x20000000.
    if ((t & 0xE0000000U) != 0) {
        const bool z = (t & 0x80000000U) != 0, m = (t & 0x40000000U) != 0;
        if ((t & 0x20000000U) != 0) c.skip(4);
        h.dims = 2 + (z ? 1 : 0) + (m ? 1 : 0);
        t &= 0x0FFFFFFFU;
    }
    // ISO: +1000 Z, +2000 M, +3000 ZM.
    if (t >= 1000 && t < 4000) {
        const std::uint32_t k = t / 1000;
        h.dims = k == 3 ? 4 : 3;
        t %= 1000;
    }
    h.type = t;
    return h;
}

Ring ring(WkbCursor& c, const Header& h) {
    const std::uint32_t n = c.count(h.little, 8U * static_cast<unsigned>(h.dims));
    Ring r(n);
    for (std::uint32_t i = 0; i < n; ++i) {
        r[i].lon = c.f64(h.little);
        r[i].lat = c.f64(h.little);
        c.skip(8U * static_cast<unsigned>(h.dims - 2));
    }
    return r;
}

void polygon_body(WkbCursor& c, const Header& h, MultiPolygon& out) {
    const std::uint32_t rings = c.count(h.little, 4);
    Polygon p;
    for (std::uint32_t i = 0; i < rings; ++i) {
        Ring r = ring(c, h);
        if (r.size() < 3) continue;
        if (i > 0 && p.rings.empty()) continue;  // a hole without its shell
        p.rings.push_back(std::move(r));
    }
    if (!p.rings.empty()) out.push_back(std::move(p));
}

void skip_body(WkbCursor& c, const Header& h, int depth);

void polygons(WkbCursor& c, MultiPolygon& out, int depth) {
    const Header h = header(c);
    switch (h.type) {
        case 3: polygon_body(c, h, out); break;
        case 6:
        case 7: {
            if (depth > 32) c.bad("geometry collections nest too deep");
            const std::uint32_t n = c.count(h.little, 5);
            for (std::uint32_t i = 0; i < n; ++i) polygons(c, out, depth + 1);
            break;
        }
        default: skip_body(c, h, depth); break;
    }
}

void skip_body(WkbCursor& c, const Header& h, int depth) {
    const std::size_t point = 8U * static_cast<unsigned>(h.dims);
    switch (h.type) {
        case 1: c.skip(point); break;
        case 2: c.skip(point * c.count(h.little, point)); break;
        case 3: {
            const std::uint32_t rings = c.count(h.little, 4);
            for (std::uint32_t i = 0; i < rings; ++i) c.skip(point * c.count(h.little, point));
            break;
        }
        case 4:
        case 5:
        case 6:
        case 7: {
            if (depth > 32) c.bad("geometry collections nest too deep");
            const std::uint32_t n = c.count(h.little, 5);
            for (std::uint32_t i = 0; i < n; ++i) {
                const Header sub = header(c);
                skip_body(c, sub, depth + 1);
            }
            break;
        }
        default: c.bad("a geometry has an unsupported type " + std::to_string(h.type));
    }
}

}  // namespace

std::span<const unsigned char> wkb_of(std::span<const unsigned char> blob, const std::string& what) {
    if (blob.empty()) return {};
    if (blob.size() < 8 || blob[0] != 'G' || blob[1] != 'P')
        throw InputError(what, "a geometry is not a GeoPackage geometry blob");
    const std::uint8_t flags = blob[3];
    if ((flags & 0x20U) != 0) throw InputError(what, "a geometry uses an extended GeoPackage geometry type");
    static constexpr std::size_t envelope_bytes[] = {0, 32, 48, 48, 64};
    const unsigned envelope = (flags >> 1U) & 0x7U;
    if (envelope >= std::size(envelope_bytes)) throw InputError(what, "a geometry has a bad envelope code");
    const std::size_t start = 8 + envelope_bytes[envelope];
    if (blob.size() < start) throw InputError(what, "a geometry blob is truncated");
    if ((flags & 0x10U) != 0) return {};  // the empty geometry
    return blob.subspan(start);
}

MultiPolygon polygons_of(std::span<const unsigned char> wkb, const std::string& what) {
    MultiPolygon out;
    if (wkb.empty()) return out;
    WkbCursor c(wkb, what);
    polygons(c, out, 0);
    return out;
}

std::optional<LonLat> point_of(std::span<const unsigned char> wkb, const std::string& what) {
    if (wkb.empty()) return std::nullopt;
    WkbCursor c(wkb, what);
    const Header h = header(c);
    if (h.type != 1) return std::nullopt;
    LonLat p;
    p.lon = c.f64(h.little);
    p.lat = c.f64(h.little);
    return p;
}

std::string geometry_column(const sqlite::Db& db, const std::string& table) {
    if (!db.has_table("gpkg_geometry_columns")) return {};
    sqlite::Stmt st = db.prepare("SELECT column_name FROM gpkg_geometry_columns WHERE lower(table_name) = lower(?1)");
    st.bind(1, table);
    return st.step() ? st.text(0) : std::string();
}

std::string rtree_of(const sqlite::Db& db, const std::string& table, const std::string& column) {
    if (column.empty()) return {};
    const std::string name = "rtree_" + table + "_" + column;
    return db.has_table(name) ? name : std::string();
}

}  // namespace frontmap::gpkg
