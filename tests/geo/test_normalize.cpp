#include <gtest/gtest.h>

#include "geo/normalize.hpp"

using frontmap::normalize_key;

TEST(Normalize, RomanisationVariantsMeet) {
    const std::string k = normalize_key("Kupiansk");
    EXPECT_EQ(k, "kupyansk");
    EXPECT_EQ(normalize_key("Kupyansk"), k);
    EXPECT_EQ(normalize_key("Kup'yans'k"), k);
    EXPECT_EQ(normalize_key("Kup\u2019yans\u2019k"), k);
    EXPECT_EQ(normalize_key("\u041a\u0443\u043f\u044f\u043d\u0441\u044c\u043a"), k);  // Купянськ
    EXPECT_EQ(normalize_key("\u041a\u0443\u043f\u044f\u043d\u0441\u043a"), k);        // Купянск
}

TEST(Normalize, CaseDiacriticsAndPunctuation) {
    EXPECT_EQ(normalize_key("  ZAPORIZHZHIA  "), normalize_key("zaporizhzhia"));
    EXPECT_EQ(normalize_key("Micheál"), "micheal");
    EXPECT_EQ(normalize_key("Kryvyi Rih"), normalize_key("Kryvyy Rih"));
    EXPECT_EQ(normalize_key("Bila-Tserkva"), "bila tserkva");
    EXPECT_EQ(normalize_key("Russia\u2019s"), "russyas");
}

TEST(Normalize, InvalidUtf8NeverThrows) {
    std::string bad = "Kyiv\xff\xfe";
    EXPECT_NO_THROW(normalize_key(bad));
    EXPECT_EQ(normalize_key(""), "");
}
