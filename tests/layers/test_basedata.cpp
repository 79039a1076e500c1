#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include "geo/error.hpp"
#include "geo/normalize.hpp"
#include "layers/basedata.hpp"
#include "layers/handles.hpp"
#include "support/test_support.hpp"

namespace fs = std::filesystem;
using frontmap::InputError;
using frontmap::normalize_key;
using frontmap::layers::BaseDataSources;
using frontmap::layers::build_base_data;

namespace {

void write(const fs::path& p, const std::string& text) {
    std::ofstream out(p, std::ios::binary);
    out << text;
}

// Three places in the GeoNames TSV layout (19 columns), written for this test.
std::string tsv_row(const std::string& id, const std::string& name, const std::string& ascii, const std::string& alt,
                    const std::string& lat, const std::string& lon, const std::string& code, const std::string& country,
                    const std::string& admin1, const std::string& population) {
    return id + "\t" + name + "\t" + ascii + "\t" + alt + "\t" + lat + "\t" + lon + "\tP\t" + code + "\t" + country +
           "\t\t" + admin1 + "\t\t\t\t" + population + "\t\t100\tEurope/Kyiv\t2024-01-01\n";
}

const std::string kCities =
    tsv_row("900001", "Kupiansk", "Kupiansk", "Kupyansk,Купянськ,Kup'yans'k,Куп’янськ,64302", "49.71", "37.61", "PPLA2", "UA",
            "07", "27000") +
    tsv_row("900002", "Testivka", "Testivka", "", "48.0", "37.5", "PPL", "UA", "05", "800") +
    tsv_row("900003", "Nullhausen", "Nullhausen", "Null Town", "0.5", "0.5", "PPL", "ZZ", "", "");

// Two square regions in Natural Earth's admin-1 field layout.
const std::string kAdmin1 = R"({"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"iso_3166_2":"UA-63","gn_a1_code":"UA.07","gn_id":706482,"name":"Kharkiv",
 "name_en":"Kharkiv","name_uk":"Харківська область","name_ru":"Харьковская область","name_de":"Oblast Charkiw",
 "name_alt":"Kharkov|Charkow","admin":"Ukraine","iso_a2":"UA","type_en":"Region"},
 "geometry":{"type":"Polygon","coordinates":[[[35,49],[38,49],[38,50.5],[35,50.5],[35,49]]]}},
{"type":"Feature","properties":{"iso_3166_2":"UA-14","gn_a1_code":"UA.05","gn_id":709716,"name":"Donets'k",
 "name_en":"Donetsk","name_uk":"Донецька область","name_ru":"Донецкая область","name_de":null,
 "name_alt":"Donetsk|Stalino","admin":"Ukraine","iso_a2":"UA","type_en":"Region"},
 "geometry":{"type":"MultiPolygon","coordinates":[[[[36,47],[39,47],[39,49],[36,49],[36,47]]]]}}
]})";

// A tiny TopoJSON like world-atlas: ids are ISO 3166-1 numeric, one feature without an id, and
// a small second feature sharing Ukraine's id (as Ashmore and Cartier share Australia's).
const std::string kCountries = R"({"type":"Topology","objects":{"countries":{"type":"GeometryCollection",
"geometries":[
 {"type":"Polygon","arcs":[[0]],"id":"804","properties":{"name":"Ukraine"}},
 {"type":"Polygon","arcs":[[1]],"properties":{"name":"Nowhere Land"}},
 {"type":"Polygon","arcs":[[2]],"id":"804","properties":{"name":"Islet"}}]}},
"arcs":[[[30,45],[40,45],[40,52],[30,52],[30,45]],[[0,0],[1,0],[1,1],[0,1],[0,0]],
        [[44,44],[44.1,44],[44.1,44.1],[44,44.1],[44,44]]]})";

struct Inputs {
    fs::path dir;
    BaseDataSources src;
    fs::path out;
};

Inputs make_inputs(const std::string& name) {
    Inputs in;
    in.dir = frontmap::test::scratch_dir(name);
    in.src.admin1 = in.dir / "admin1.json";
    in.src.countries = in.dir / "countries.json";
    in.src.cities = in.dir / "cities500.txt";
    write(in.src.admin1, kAdmin1);
    write(in.src.countries, kCountries);
    write(in.src.cities, kCities);
    in.out = in.dir / "base.gpkg";
    return in;
}

frontmap::layers::DatasetPtr open_gpkg(const fs::path& p) {
    frontmap::layers::ensure_gdal();
    return frontmap::layers::DatasetPtr(
        GDALDataset::Open(p.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr));
}

// Every row of a query, each column as text ("<null>" for null).
std::vector<std::vector<std::string>> query(GDALDataset& ds, const std::string& sql) {
    std::vector<std::vector<std::string>> rows;
    OGRLayer* rs = ds.ExecuteSQL(sql.c_str(), nullptr, nullptr);
    if (rs == nullptr) {
        ADD_FAILURE() << "query failed: " << sql;
        return rows;
    }
    for (OGRFeatureUniquePtr f(rs->GetNextFeature()); f; f.reset(rs->GetNextFeature())) {
        std::vector<std::string> row;
        for (int i = 0; i < f->GetFieldCount(); ++i)
            row.push_back(f->IsFieldSetAndNotNull(i) ? f->GetFieldAsString(i) : "<null>");
        rows.push_back(std::move(row));
    }
    ds.ReleaseResultSet(rs);
    return rows;
}

std::string scalar(GDALDataset& ds, const std::string& sql) {
    auto rows = query(ds, sql);
    if (rows.empty() || rows[0].empty()) return "<none>";
    return rows[0][0];
}

// The entities a name finds through its normalised key: "city:900001", "region:UA-63"...
std::set<std::string> lookup(GDALDataset& ds, const std::string& name) {
    std::set<std::string> out;
    for (const auto& r : query(ds, "SELECT kind, geonames_id, iso FROM names WHERE key = '" + normalize_key(name) + "'"))
        out.insert(r[0] + ":" + (r[0] == "city" ? r[1] : r[2]));
    return out;
}

bool only_file_is(const fs::path& dir, const std::set<std::string>& expected) {
    std::set<std::string> found;
    for (const auto& e : fs::directory_iterator(dir)) found.insert(e.path().filename().string());
    return found == expected;
}

}  // namespace

TEST(BaseData, IsoNumericToAlpha2) {
    using frontmap::layers::iso_numeric_to_alpha2;
    EXPECT_EQ(iso_numeric_to_alpha2("804"), "UA");
    EXPECT_EQ(iso_numeric_to_alpha2("643"), "RU");
    EXPECT_EQ(iso_numeric_to_alpha2("036"), "AU");
    EXPECT_EQ(iso_numeric_to_alpha2("36"), "AU");
    EXPECT_EQ(iso_numeric_to_alpha2("840"), "US");
    EXPECT_EQ(iso_numeric_to_alpha2(""), "");
    EXPECT_EQ(iso_numeric_to_alpha2("-99"), "");
    EXPECT_EQ(iso_numeric_to_alpha2("150"), "");  // Europe: a continent, not a country
}

TEST(BaseData, BuildsLayersKeysAndMapping) {
    Inputs in = make_inputs("basedata_build");
    in.src.aliases = in.dir / "aliases.tsv";
    write(in.src.aliases, "alias\tkind\tref\n# comment\nKupianka\tcity\t900001\nSlobozhanshchyna\tregion\tUA-63\n"
                          "Ukr-land\tcountry\tUA\nKupiansk\tcity\t900001\n");
    const auto counts = build_base_data(in.src, in.out);
    EXPECT_EQ(counts.countries, 3);
    EXPECT_EQ(counts.admin1, 2);
    EXPECT_EQ(counts.places, 3);
    EXPECT_EQ(counts.aliases, 3);  // "Kupiansk" is already a name of 900001
    ASSERT_TRUE(fs::exists(in.out));
    EXPECT_TRUE(only_file_is(in.dir, {"admin1.json", "countries.json", "cities500.txt", "aliases.tsv", "base.gpkg"}));

    auto ds = open_gpkg(in.out);
    ASSERT_TRUE(ds);
    for (const char* layer : {"countries", "admin1", "places", "names"}) EXPECT_NE(ds->GetLayerByName(layer), nullptr) << layer;
    EXPECT_EQ(scalar(*ds, "SELECT count(*) FROM names"), std::to_string(counts.names));

    // Countries: numeric id 804 -> UA through ICU; no id -> null alpha-2.
    EXPECT_EQ(scalar(*ds, "SELECT iso_n3 FROM countries WHERE name = 'Ukraine'"), "804");
    EXPECT_EQ(scalar(*ds, "SELECT iso_a2 FROM countries WHERE name = 'Ukraine'"), "UA");
    EXPECT_EQ(scalar(*ds, "SELECT iso_a2 FROM countries WHERE name = 'Nowhere Land'"), "<null>");

    // Places: GeoNames admin-1 07 of UA is ISO UA-63 through Natural Earth's gn_a1_code.
    EXPECT_EQ(scalar(*ds, "SELECT admin1_iso FROM places WHERE geonames_id = 900001"), "UA-63");
    EXPECT_EQ(scalar(*ds, "SELECT admin1_iso FROM places WHERE geonames_id = 900002"), "UA-14");
    EXPECT_EQ(scalar(*ds, "SELECT admin1_iso FROM places WHERE geonames_id = 900003"), "<null>");
    EXPECT_EQ(scalar(*ds, "SELECT population FROM places WHERE geonames_id = 900003"), "0");
    EXPECT_EQ(scalar(*ds, "SELECT feature_code FROM places WHERE geonames_id = 900001"), "PPLA2");

    // Names: every variant meets the city through the key; one row per (key, entity).
    const std::set<std::string> kupiansk{"city:900001"};
    EXPECT_EQ(lookup(*ds, "kupyansk"), kupiansk);
    EXPECT_EQ(lookup(*ds, "Купянськ"), kupiansk);
    EXPECT_EQ(lookup(*ds, "kupiansk"), kupiansk);
    EXPECT_EQ(lookup(*ds, "Kupianka"), kupiansk);  // alias
    EXPECT_EQ(scalar(*ds, "SELECT count(*) FROM names WHERE geonames_id = 900001 AND key = 'kupyansk'"), "1");
    EXPECT_EQ(scalar(*ds, "SELECT source FROM names WHERE geonames_id = 900001 AND key = 'kupyansk'"), "name");
    EXPECT_EQ(scalar(*ds, "SELECT admin1_iso FROM names WHERE geonames_id = 900001 LIMIT 1"), "UA-63");
    EXPECT_EQ(lookup(*ds, "Null Town"), std::set<std::string>{"city:900003"});
    // A variant without a letter (a postcode) would match any number: left out.
    EXPECT_EQ(scalar(*ds, "SELECT count(*) FROM names WHERE key = '64302'"), "0");

    // Regions: name, name_xx and every name_alt entry.
    const std::set<std::string> kharkiv{"region:UA-63"};
    EXPECT_EQ(lookup(*ds, "Харківська область"), kharkiv);
    EXPECT_EQ(lookup(*ds, "Oblast Charkiw"), kharkiv);
    EXPECT_EQ(lookup(*ds, "Kharkov"), kharkiv);
    EXPECT_EQ(lookup(*ds, "Slobozhanshchyna"), kharkiv);
    EXPECT_EQ(lookup(*ds, "Stalino"), std::set<std::string>{"region:UA-14"});
    EXPECT_EQ(scalar(*ds, "SELECT country FROM names WHERE iso = 'UA-14' LIMIT 1"), "UA");
    EXPECT_EQ(scalar(*ds, "SELECT geonames_id FROM names WHERE iso = 'UA-14' LIMIT 1"), "709716");

    // Countries: the name plus ICU display names of the code; geonames_id is null.
    const std::set<std::string> ukraine{"country:UA"};
    EXPECT_EQ(lookup(*ds, "Ukraine"), ukraine);
    EXPECT_EQ(lookup(*ds, "Україна"), ukraine);
    EXPECT_EQ(lookup(*ds, "Украина"), ukraine);
    EXPECT_EQ(lookup(*ds, "Ukr-land"), ukraine);
    // ICU's names and the aliases go to the largest feature with the code, not the islet.
    const auto ua = query(*ds, "SELECT lat, feature_code FROM names WHERE key = '" + normalize_key("Україна") + "'");
    ASSERT_EQ(ua.size(), 1u);
    EXPECT_GE(std::stod(ua[0][0]), 45.0);
    EXPECT_EQ(ua[0][1], "PCLI");
    EXPECT_EQ(lookup(*ds, "Islet"), ukraine);
    EXPECT_EQ(scalar(*ds, "SELECT count(*) FROM names WHERE kind = 'country' AND geonames_id IS NOT NULL"), "0");

    // Representative points lie inside their areas.
    for (const auto& r : query(*ds, "SELECT lat, lon FROM names WHERE iso = 'UA-63'")) {
        EXPECT_GE(std::stod(r[0]), 49.0);
        EXPECT_LE(std::stod(r[0]), 50.5);
        EXPECT_GE(std::stod(r[1]), 35.0);
        EXPECT_LE(std::stod(r[1]), 38.0);
    }
    // The key index and the spatial indexes exist.
    EXPECT_EQ(scalar(*ds, "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = 'names_key_idx'"), "1");
    EXPECT_EQ(scalar(*ds, "SELECT count(*) FROM gpkg_extensions WHERE extension_name = 'gpkg_rtree_index'"), "3");
}

// Natural Earth admin-0 instead of world-atlas: iso_a2 "-99" falls back to iso_a2_eh.
TEST(BaseData, NaturalEarthAdmin0Countries) {
    Inputs in = make_inputs("basedata_ne_admin0");
    write(in.src.countries, R"({"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"ISO_A2":"-99","ISO_A2_EH":"FR","ISO_N3":"250","NAME":"France","NAME_UK":"Франція"},
 "geometry":{"type":"Polygon","coordinates":[[[0,43],[7,43],[7,50],[0,50],[0,43]]]}},
{"type":"Feature","properties":{"ISO_A2":"-99","ISO_A2_EH":"-99","ISO_N3":"-99","NAME":"Somewhere"},
 "geometry":{"type":"Polygon","coordinates":[[[10,10],[11,10],[11,11],[10,11],[10,10]]]}}]})");
    const auto counts = build_base_data(in.src, in.out);
    EXPECT_EQ(counts.countries, 2);
    auto ds = open_gpkg(in.out);
    ASSERT_TRUE(ds);
    EXPECT_EQ(scalar(*ds, "SELECT iso_a2 || ' ' || iso_n3 FROM countries WHERE name = 'France'"), "FR 250");
    EXPECT_EQ(scalar(*ds, "SELECT count(*) FROM countries WHERE iso_a2 IS NULL AND iso_n3 IS NULL"), "1");
    EXPECT_EQ(lookup(*ds, "Франція"), std::set<std::string>{"country:FR"});
    EXPECT_EQ(lookup(*ds, "Frankreich"), std::set<std::string>{"country:FR"});  // ICU, de
}

TEST(BaseData, MalformedTsvLineIsAnInputErrorAndLeavesNoFile) {
    Inputs in = make_inputs("basedata_bad_tsv");
    write(in.src.cities, kCities.substr(0, kCities.find('\n') + 1) + "900009\tBroken\tBroken\n");
    try {
        build_base_data(in.src, in.out);
        FAIL() << "expected an InputError";
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("cities500.txt"), std::string::npos) << e.what();
        EXPECT_NE(e.reason().find("line 2"), std::string::npos) << e.what();
        EXPECT_NE(e.reason().find("19 tab-separated columns"), std::string::npos) << e.what();
    }
    EXPECT_TRUE(only_file_is(in.dir, {"admin1.json", "countries.json", "cities500.txt"}));

    write(in.src.cities, tsv_row("900010", "Far", "Far", "", "91.5", "0", "PPL", "UA", "", "1"));
    try {
        build_base_data(in.src, in.out);
        FAIL() << "expected an InputError";
    } catch (const InputError& e) {
        EXPECT_NE(e.reason().find("line 1: latitude '91.5'"), std::string::npos) << e.what();
    }
    EXPECT_FALSE(fs::exists(in.out));
}

TEST(BaseData, BadGeoJsonIsAnErrorAndKeepsTheOldOutput) {
    Inputs in = make_inputs("basedata_bad_geojson");
    write(in.src.admin1, R"({"type":"FeatureCollection","features":[{"type":"Feature","geometry":)");
    EXPECT_THROW(build_base_data(in.src, in.out), InputError);
    EXPECT_FALSE(fs::exists(in.out));

    // A previous build stays as it was when a new one fails.
    write(in.out, "previous build");
    EXPECT_THROW(build_base_data(in.src, in.out), InputError);
    EXPECT_EQ(frontmap::test::read_file(in.out), "previous build");
    EXPECT_TRUE(only_file_is(in.dir, {"admin1.json", "countries.json", "cities500.txt", "base.gpkg"}));
}

TEST(BaseData, MissingInputsAndBadAliasesAreInputErrors) {
    Inputs in = make_inputs("basedata_missing");
    BaseDataSources src = in.src;
    src.cities = in.dir / "absent.txt";
    EXPECT_THROW(build_base_data(src, in.out), InputError);
    EXPECT_FALSE(fs::exists(in.out));

    src = in.src;
    src.aliases = in.dir / "aliases.tsv";
    write(src.aliases, "alias\tkind\tref\nNowhere\tcity\n");
    try {
        build_base_data(src, in.out);
        FAIL() << "expected an InputError";
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("aliases.tsv"), std::string::npos) << e.what();
        EXPECT_NE(e.reason().find("line 2: expected 3 tab-separated columns"), std::string::npos) << e.what();
    }
    EXPECT_FALSE(fs::exists(in.out));
    write(src.aliases, "alias\tkind\tref\nNowhere\ttown\t123\n");
    EXPECT_THROW(build_base_data(src, in.out), InputError);
    EXPECT_FALSE(fs::exists(in.out));

    // A ref the sources lack is skipped with a warning, not fatal (partial or newer inputs).
    write(src.aliases, "alias\tkind\tref\nNowhere\tcity\t123\nAtlantis\tcountry\tAT\nKupianka\tcity\t900001\n");
    std::string log;
    const auto counts = build_base_data(src, in.out, [&](const std::string& line) { log += line + "\n"; });
    EXPECT_EQ(counts.aliases, 1);
    EXPECT_EQ(counts.aliases_skipped, 2);
    EXPECT_NE(log.find("line 2: no place with GeoNames id 123"), std::string::npos) << log;
    EXPECT_NE(log.find("line 3: no country with ISO alpha-2 code 'AT'"), std::string::npos) << log;
    EXPECT_TRUE(fs::exists(in.out));
    fs::remove(in.out);

    EXPECT_THROW(build_base_data(in.src, in.dir / "no-such-folder" / "base.gpkg"), InputError);
}

// ---- the real base.gpkg built by data/fetch ---------------------------------------------------

TEST(RealBaseData, CountsAndUkraine) {
    FRONTMAP_REQUIRE_BASE();
    auto ds = open_gpkg(frontmap::test::base_gpkg());
    ASSERT_TRUE(ds);
    EXPECT_GE(std::stoll(scalar(*ds, "SELECT count(*) FROM countries")), 240);
    EXPECT_GE(std::stoll(scalar(*ds, "SELECT count(*) FROM admin1")), 4500);
    EXPECT_GE(std::stoll(scalar(*ds, "SELECT count(*) FROM places")), 190000);
    EXPECT_EQ(scalar(*ds, "SELECT count(DISTINCT iso_3166_2) FROM admin1 WHERE iso_3166_2 LIKE 'UA-%'"), "27");
    EXPECT_EQ(scalar(*ds, "SELECT count(*) FROM countries WHERE iso_a2 = '-99'"), "0");
    EXPECT_EQ(scalar(*ds, "SELECT iso_a2 FROM countries WHERE name = 'Ukraine'"), "UA");
    // GeoNames UA 05 (Donetsk) is ISO UA-14, not UA-05 (Vinnytsia).
    EXPECT_EQ(scalar(*ds, "SELECT admin1_iso FROM places WHERE geonames_id = 709717"), "UA-14");
}

TEST(RealBaseData, KupianskByEveryName) {
    FRONTMAP_REQUIRE_BASE();
    auto ds = open_gpkg(frontmap::test::base_gpkg());
    ASSERT_TRUE(ds);
    for (const char* name : {"kupyansk", "Купянськ", "kupiansk"}) {
        const auto rows = query(*ds, "SELECT geonames_id FROM names WHERE key = '" + normalize_key(name) + "'");
        bool found = false;
        for (const auto& r : rows) found = found || r[0] == "703656";
        EXPECT_TRUE(found) << name << " -> " << normalize_key(name);
    }
    EXPECT_EQ(scalar(*ds, "SELECT admin1_iso FROM places WHERE geonames_id = 703656"), "UA-63");
}
