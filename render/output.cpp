#include "render/output.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <csetjmp>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

#include <png.h>
#include <zlib.h>

#include "geo/error.hpp"

namespace frontmap::render {

namespace {

struct PngSink {
    std::string* out = nullptr;
    bool failed = false;
    char message[256] = {0};
};

void png_write_cb(png_structp png, png_bytep data, png_size_t length) {
    auto* sink = static_cast<PngSink*>(png_get_io_ptr(png));
    try {
        sink->out->append(reinterpret_cast<const char*>(data), length);
    } catch (...) {
        sink->failed = true;
        png_error(png, "out of memory");  // longjmps back into encode_image
    }
}

void png_flush_cb(png_structp) {}

void png_error_cb(png_structp png, png_const_charp message) {
    auto* sink = static_cast<PngSink*>(png_get_error_ptr(png));
    sink->failed = true;
    std::strncpy(sink->message, message != nullptr ? message : "libpng error", sizeof sink->message - 1);
    png_longjmp(png, 1);
}

void png_warning_cb(png_structp, png_const_charp) {}

// libpng reports errors by longjmp, which must not skip a destructor: the functions that call
// setjmp keep only trivially destructible objects in their frames.

struct PngWriteDeleter {
    png_structp png = nullptr;
    png_infop info = nullptr;
    ~PngWriteDeleter() { png_destroy_write_struct(&png, &info); }
};

}  // namespace

namespace {

// Converts one row of Cairo's premultiplied native-endian ARGB32 to PNG's RGB or RGBA bytes.
void convert_row(const std::uint32_t* src, unsigned char* dst, int w, bool alpha) {
    for (int x = 0; x < w; ++x) {
        const std::uint32_t p = src[x];
        unsigned a = p >> 24, r = (p >> 16) & 0xff, g = (p >> 8) & 0xff, b = p & 0xff;
        if (alpha) {
            if (a != 0 && a != 255) {
                r = (r * 255 + a / 2) / a;
                g = (g * 255 + a / 2) / a;
                b = (b * 255 + a / 2) / a;
            }
            dst[0] = static_cast<unsigned char>(r);
            dst[1] = static_cast<unsigned char>(g);
            dst[2] = static_cast<unsigned char>(b);
            dst[3] = static_cast<unsigned char>(a);
            dst += 4;
        } else {
            dst[0] = static_cast<unsigned char>(r);
            dst[1] = static_cast<unsigned char>(g);
            dst[2] = static_cast<unsigned char>(b);
            dst += 3;
        }
    }
}

struct RowSource {
    const unsigned char* data;
    int stride;
    int width;
    bool alpha;
};

// The image data (IDAT) of the whole image: rows converted, Sub-filtered and deflated in
// kStrips horizontal strips, compressed in parallel, joined into one zlib stream (each strip
// but the last ends on a full flush, so the next one starts byte-aligned with an empty window;
// the Adler-32s combine). The strip count is fixed, so the bytes do not depend on the machine.
constexpr int kStrips = 4;

struct Strip {
    std::string deflated;
    uLong adler = 1;
    uLong length = 0;
    bool ok = false;
};

void compress_strip_or_throw(const RowSource& src, unsigned y0, unsigned y1, bool last, Strip& out);

// Runs on worker threads: nothing may escape (an allocation failure leaves the strip not ok).
void compress_strip(const RowSource& src, unsigned y0, unsigned y1, bool last, Strip& out) noexcept {
    try {
        compress_strip_or_throw(src, y0, y1, last, out);
    } catch (...) {
        out.ok = false;
    }
}

struct ZStreamEnd {
    z_stream* z;
    ~ZStreamEnd() { deflateEnd(z); }
};

void compress_strip_or_throw(const RowSource& src, unsigned y0, unsigned y1, bool last, Strip& out) {
    const std::size_t bpp = src.alpha ? 4 : 3, row_bytes = static_cast<std::size_t>(src.width) * bpp;
    std::vector<unsigned char> rgb(row_bytes), filtered(row_bytes + 1);
    z_stream z{};
    // Maps are large flat areas: run-length deflate after the Sub filter is several times
    // faster than zlib's default and compresses them nearly as well.
    if (deflateInit2(&z, 1, Z_DEFLATED, -15, 8, Z_RLE) != Z_OK) return;
    const ZStreamEnd end{&z};
    // Output through a small buffer: a deflateBound-sized one would be zeroed and faulted in
    // (megabytes per map) only to hold a few hundred kilobytes.
    out.deflated.reserve(row_bytes * (y1 - y0) / 8 + 1024);
    std::vector<unsigned char> buf(1 << 16);
    bool ok = true;
    for (unsigned y = y0; y < y1 && ok; ++y) {
        convert_row(reinterpret_cast<const std::uint32_t*>(src.data + static_cast<std::size_t>(y) * src.stride), rgb.data(),
                    src.width, src.alpha);
        filtered[0] = 1;  // Sub: each byte minus the same channel of the pixel to its left
        for (std::size_t i = 0; i < row_bytes; ++i)
            filtered[i + 1] = static_cast<unsigned char>(rgb[i] - (i >= bpp ? rgb[i - bpp] : 0));
        out.adler = adler32(out.adler, filtered.data(), static_cast<uInt>(filtered.size()));
        out.length += static_cast<uLong>(filtered.size());
        z.next_in = filtered.data();
        z.avail_in = static_cast<uInt>(filtered.size());
        const int flush = y + 1 < y1 ? Z_NO_FLUSH : (last ? Z_FINISH : Z_FULL_FLUSH);
        do {
            z.next_out = buf.data();
            z.avail_out = static_cast<uInt>(buf.size());
            const int rc = deflate(&z, flush);
            if (rc != Z_OK && rc != Z_STREAM_END && rc != Z_BUF_ERROR) ok = false;
            out.deflated.append(reinterpret_cast<const char*>(buf.data()), buf.size() - z.avail_out);
        } while (ok && z.avail_out == 0);
        ok = ok && z.avail_in == 0;
    }
    out.ok = ok;
}

std::string image_data(const RowSource& src, unsigned height) {
    std::vector<Strip> strips(kStrips);
    std::vector<unsigned> bounds(kStrips + 1);
    for (int i = 0; i <= kStrips; ++i) bounds[i] = static_cast<unsigned>(static_cast<std::uint64_t>(height) * i / kStrips);
    const unsigned threads = std::clamp(std::thread::hardware_concurrency(), 1u, static_cast<unsigned>(kStrips));
    {
        std::vector<std::jthread> pool;
        for (unsigned t = 1; t < threads; ++t) {
            pool.emplace_back([&, t] {
                for (unsigned i = t; i < kStrips; i += threads)
                    compress_strip(src, bounds[i], bounds[i + 1], i + 1 == kStrips, strips[i]);
            });
        }
        for (unsigned i = 0; i < kStrips; i += threads)
            compress_strip(src, bounds[i], bounds[i + 1], i + 1 == kStrips, strips[i]);
    }
    std::string out("\x78\x01", 2);  // zlib header: deflate, 32 KiB window, fastest
    uLong adler = 1;
    for (const Strip& st : strips) {
        if (!st.ok) throw LibraryError("failed to encode 'PNG'", "zlib could not compress the image");
        out += st.deflated;
        adler = adler32_combine(adler, st.adler, static_cast<z_off_t>(st.length));
    }
    for (int shift : {24, 16, 8, 0}) out.push_back(static_cast<char>((adler >> shift) & 0xff));
    return out;
}

// Only trivially destructible objects live in this function's frame (longjmp, see above).
bool encode_image(png_structp png, png_infop info, const RowSource& src, unsigned height, double dpi,
                  const std::string& idat) {
    if (setjmp(png_jmpbuf(png))) return false;
    png_set_IHDR(png, info, static_cast<unsigned>(src.width), height, 8, src.alpha ? PNG_COLOR_TYPE_RGBA : PNG_COLOR_TYPE_RGB,
                 PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    auto ppm = static_cast<png_uint_32>(dpi / 0.0254 + 0.5);
    png_set_pHYs(png, info, ppm, ppm, PNG_RESOLUTION_METER);
    png_write_info(png, info);  // signature, IHDR, pHYs
    // The image data compressed above, in chunks of at most 1 MiB, then the end.
    constexpr std::size_t kChunk = 1 << 20;
    for (std::size_t at = 0; at < idat.size(); at += kChunk) {
        png_write_chunk(png, reinterpret_cast<png_const_bytep>("IDAT"),
                        reinterpret_cast<png_const_bytep>(idat.data() + at), std::min(kChunk, idat.size() - at));
    }
    png_write_chunk(png, reinterpret_cast<png_const_bytep>("IEND"), nullptr, 0);
    return true;
}

}  // namespace

std::string encode_png(cairo_surface_t* image, double dpi, bool alpha) {
    cairo_surface_flush(image);
    const int w = cairo_image_surface_get_width(image);
    const int h = cairo_image_surface_get_height(image);
    const int stride = cairo_image_surface_get_stride(image);
    const unsigned char* data = cairo_image_surface_get_data(image);
    if (data == nullptr || w <= 0 || h <= 0) throw LibraryError("failed to encode 'PNG'", "empty image");

    const RowSource src{data, stride, w, alpha};
    const std::string idat = image_data(src, static_cast<unsigned>(h));
    std::string out;
    out.reserve(idat.size() + 1024);
    PngSink sink;
    sink.out = &out;
    PngWriteDeleter owner;
    owner.png = png_create_write_struct(PNG_LIBPNG_VER_STRING, &sink, png_error_cb, png_warning_cb);
    if (owner.png == nullptr) throw LibraryError("failed to encode 'PNG'", "png_create_write_struct failed");
    owner.info = png_create_info_struct(owner.png);
    if (owner.info == nullptr) throw LibraryError("failed to encode 'PNG'", "png_create_info_struct failed");
    png_set_write_fn(owner.png, &sink, png_write_cb, png_flush_cb);
    if (!encode_image(owner.png, owner.info, src, static_cast<unsigned>(h), dpi, idat)) {
        throw LibraryError("failed to encode 'PNG'", sink.message[0] != 0 ? sink.message : "libpng error");
    }
    return out;
}

void check_writable(const std::filesystem::path& path) {
    namespace fs = std::filesystem;
    fs::path dir = path.parent_path();
    if (dir.empty()) dir = ".";
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) {
        throw Error("failed to write '" + path.string() + "'", "folder '" + dir.string() + "' does not exist");
    }
    if (fs::is_directory(path, ec)) {
        throw Error("failed to write '" + path.string() + "'", "it is a folder");
    }
    if (::access(dir.c_str(), W_OK) != 0) {
        throw Error("failed to write '" + path.string() + "'", std::strerror(errno));
    }
}

void write_file_atomic(const std::filesystem::path& path, std::string_view bytes) {
    namespace fs = std::filesystem;
    const std::string what = "failed to write '" + path.string() + "'";
    fs::path dir = path.parent_path();
    if (dir.empty()) dir = ".";
    std::string tmpl = (dir / ("." + path.filename().string() + ".tmp.XXXXXX")).string();
    std::vector<char> name(tmpl.begin(), tmpl.end());
    name.push_back('\0');
    int fd = ::mkstemp(name.data());
    if (fd < 0) throw Error(what, std::strerror(errno));
    auto fail = [&](int err) {
        ::close(fd);
        ::unlink(name.data());
        throw Error(what, std::strerror(err));
    };
    std::size_t done = 0;
    while (done < bytes.size()) {
        ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0) {
            if (errno == EINTR) continue;
            fail(errno);
        }
        done += static_cast<std::size_t>(n);
    }
    // mkstemp creates 0600; a map is an ordinary file (0644 less the umask).
    mode_t mask = ::umask(0);
    ::umask(mask);
    if (::fchmod(fd, 0666 & ~mask) != 0) fail(errno);
    if (::close(fd) != 0) {
        int err = errno;
        ::unlink(name.data());
        throw Error(what, std::strerror(err));
    }
    if (::rename(name.data(), path.c_str()) != 0) {
        int err = errno;
        ::unlink(name.data());
        throw Error(what, std::strerror(err));
    }
}

}  // namespace frontmap::render
