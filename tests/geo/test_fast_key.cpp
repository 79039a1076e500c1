#include <gtest/gtest.h>

#include "geo/fast_key.hpp"
#include "geo/normalize.hpp"

using namespace frontmap;

TEST(FastKey, SameKeyAsNormalizeKey) {
    for (const char* s : {"Micheál", "Élysée", "Zürich", "São Paulo", "Kraków", "Łódź", "Besançon", "Malmö",
                          "Curaçao", "Kyiv\u2019s", "\u201cQuoted\u201d", "Bila\u2013Tserkva", "Straße",
                          "Kup\u2019yans\u2019k", "Купянськ", "Ærøskøbing", "Ciudad Juárez", "İstanbul", "Đakovo",
                          "Nguyễn", "Dnipró", "Mariupol\u02bc", "plain ascii", "ÉCOLE", "Hrodná"}) {
        EXPECT_EQ(fast_key(s), normalize_key(s)) << s;
    }
}
