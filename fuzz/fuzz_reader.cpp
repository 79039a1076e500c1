// libFuzzer target for the article reader (STYLE 11): front matter, UTF-8 handling,
// tokenizing, recognition, resolution, claims and dates must never crash, hang or trip a
// sanitizer on any bytes. Bad input may only end in frontmap::Error (a clear message).
//
// The reader runs against a small gazetteer (tests/support/fake_gazetteer.hpp) written once to a
// temporary folder, so the target needs no base data.

#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

#include "geo/error.hpp"
#include "geo/reader.hpp"
#include "support/fake_gazetteer.hpp"

namespace {

const frontmap::test::GazetteerRow kRows[] = {
    {"Pokrovsk", "city", 704422, nullptr, "UA", "UA-14", "PPLA2", 60127, 48.28198, 37.17585, "name"},
    {"Pokrovsk", "city", 2017824, nullptr, "RU", "RU-SA", "PPL", 9763, 61.47768, 129.13699, "name"},
    {"Donetsk", "city", 709717, nullptr, "UA", "UA-14", "PPLA", 901645, 48.023, 37.80224, "name"},
    {"Donets'k", "region", 709716, "UA-14", "UA", "UA-14", "ADM1", 0, 48.145, 37.7933, "name"},
    {"Kupiansk", "city", 703656, nullptr, "UA", "UA-63", "PPLA2", 27169, 49.71003, 37.61581, "name"},
    {"Kharkiv", "city", 706483, nullptr, "UA", "UA-63", "PPLA", 1433886, 49.98081, 36.25272, "name"},
    {"Харків", "city", 706483, nullptr, "UA", "UA-63", "PPLA", 1433886, 49.98081, 36.25272, "name"},
    {"Ukraine", "country", 0, "UA", "UA", nullptr, nullptr, 0, 49.0, 32.0, "name"},
    {"Russia", "country", 0, "RU", "RU", nullptr, nullptr, 0, 60.0, 90.0, "name"},
};

std::string make_gazetteer() {
    const auto dir = std::filesystem::temp_directory_path() / ("frontmap-fuzz-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    const std::string path = (dir / "base.gpkg").string();
    std::filesystem::remove(path);
    frontmap::test::write_fake_gazetteer(path, kRows);
    return path;
}

frontmap::Gazetteer& gazetteer() {
    static std::unique_ptr<frontmap::Gazetteer> gaz = frontmap::Gazetteer::open(make_gazetteer());
    return *gaz;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    try {
        frontmap::Article a = frontmap::parse_article(std::string(reinterpret_cast<const char*>(data), size), "fuzz");
        if (!a.date) a.date = frontmap::parse_iso_date("2025-12-02");
        frontmap::Reader reader(gazetteer());
        const frontmap::Extraction x = reader.read(a);
        (void)frontmap::to_json(x, "").dump();
    } catch (const frontmap::Error&) {
        // A clear error is a correct answer to bad input.
    }
    return 0;
}
