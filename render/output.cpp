#include "render/output.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <csetjmp>
#include <cstring>
#include <string>
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
    unsigned char* row;  // one converted row
};

// Only trivially destructible objects live in this function's frame (longjmp, see above).
bool encode_image(png_structp png, png_infop info, const RowSource& src, unsigned height, double dpi) {
    if (setjmp(png_jmpbuf(png))) return false;
    png_set_IHDR(png, info, static_cast<unsigned>(src.width), height, 8, src.alpha ? PNG_COLOR_TYPE_RGBA : PNG_COLOR_TYPE_RGB,
                 PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    auto ppm = static_cast<png_uint_32>(dpi / 0.0254 + 0.5);
    png_set_pHYs(png, info, ppm, ppm, PNG_RESOLUTION_METER);
    // Maps are large flat areas: run-length deflate after the Sub filter is several times
    // faster than zlib's default and compresses them nearly as well.
    png_set_compression_level(png, 1);
    png_set_compression_strategy(png, Z_RLE);
    png_set_filter(png, 0, PNG_FILTER_SUB);
    png_write_info(png, info);
    for (unsigned y = 0; y < height; ++y) {
        convert_row(reinterpret_cast<const std::uint32_t*>(src.data + static_cast<std::size_t>(y) * src.stride), src.row,
                    src.width, src.alpha);
        png_write_row(png, src.row);
    }
    png_write_end(png, info);
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

    std::vector<unsigned char> row(static_cast<std::size_t>(w) * (alpha ? 4 : 3));
    std::string out;
    out.reserve(static_cast<std::size_t>(w) * h / 4);
    PngSink sink;
    sink.out = &out;
    PngWriteDeleter owner;
    owner.png = png_create_write_struct(PNG_LIBPNG_VER_STRING, &sink, png_error_cb, png_warning_cb);
    if (owner.png == nullptr) throw LibraryError("failed to encode 'PNG'", "png_create_write_struct failed");
    owner.info = png_create_info_struct(owner.png);
    if (owner.info == nullptr) throw LibraryError("failed to encode 'PNG'", "png_create_info_struct failed");
    png_set_write_fn(owner.png, &sink, png_write_cb, png_flush_cb);
    const RowSource src{data, stride, w, alpha, row.data()};
    if (!encode_image(owner.png, owner.info, src, static_cast<unsigned>(h), dpi)) {
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
