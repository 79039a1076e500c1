// Status rules (geo/status.hpp), with claims shaped like those of the seed article.

#include <gtest/gtest.h>

#include "geo/status.hpp"

namespace {

using namespace frontmap;

ClaimSummary claim(const char* actor, const char* stance, const char* part = "") {
    ClaimSummary c;
    c.actor = actor;
    c.stance = stance;
    c.part = part;
    c.claim_date = "2025-12-02";
    return c;
}

}  // namespace

TEST(Status, ClaimDeniedAndNorthHeldIsDisputedWithHeldPart) {
    // Pokrovsk: Russia claims it, Ukraine denies and holds the north, fighting reported.
    const auto s = place_status({claim("RU", "claims_control"), claim("RU", "denies_control"),
                                 claim("UA", "holds_part", "north"), claim("RU", "contested")},
                                {});
    ASSERT_TRUE(s);
    EXPECT_EQ(s->status, Status::disputed);
    EXPECT_EQ(s->held_part, "north");
    EXPECT_EQ(s->held_by, "UA");
    EXPECT_TRUE(s->overlays.empty());
}

TEST(Status, RefutedClaimIsDisputed) {
    // Vovchansk: claimed by Russia, refuted by Kyiv; even inside assessed control.
    const auto s = place_status({claim("RU", "claims_control"), claim("RU", "denies_control")}, {true, false});
    ASSERT_TRUE(s);
    EXPECT_EQ(s->status, Status::disputed);
    EXPECT_TRUE(s->held_part.empty());
}

TEST(Status, UnconfirmedClaimWithUkrainianAdvanceKeepsBoth) {
    // Kupiansk: Russian claim outside assessed control, Ukraine reports advancing.
    const auto s = place_status({claim("RU", "claims_control"), claim("UA", "advancing")}, {false, false});
    ASSERT_TRUE(s);
    EXPECT_EQ(s->status, Status::claimed_ru);
    ASSERT_EQ(s->overlays.size(), 1U);
    EXPECT_EQ(s->overlays[0], Status::advance_ua);
}

TEST(Status, AssessedVersusClaimed) {
    EXPECT_EQ(place_status({claim("RU", "claims_control")}, {true, false})->status, Status::assessed_ru);
    EXPECT_EQ(place_status({claim("RU", "claims_control")}, {false, false})->status, Status::claimed_ru);
    EXPECT_EQ(place_status({claim("RU", "holds")}, {true, false})->status, Status::assessed_ru);
}

TEST(Status, HeldBefore2022WinsOverEverything) {
    const auto s = place_status({claim("RU", "holds")}, {true, true});
    ASSERT_TRUE(s);
    EXPECT_EQ(s->status, Status::held_ru_before_2022);
}

TEST(Status, ContestedAdvanceAndHeld) {
    EXPECT_EQ(place_status({claim("RU", "contested")}, {})->status, Status::contested);
    EXPECT_EQ(place_status({claim("RU", "advancing")}, {})->status, Status::contested);
    EXPECT_EQ(place_status({claim("UA", "holds_part", "south")}, {})->status, Status::contested);
    EXPECT_EQ(place_status({claim("UA", "advancing")}, {})->status, Status::advance_ua);
    EXPECT_TRUE(place_status({claim("UA", "advancing")}, {})->overlays.empty());
    EXPECT_EQ(place_status({claim("UA", "holds")}, {})->status, Status::held_ua);
    EXPECT_EQ(place_status({claim("RU", "denies_control")}, {})->status, Status::held_ua);
    // Ukraine says it holds a place inside assessed Russian control: disputed.
    EXPECT_EQ(place_status({claim("UA", "holds")}, {true, false})->status, Status::disputed);
    // Both claim it.
    EXPECT_EQ(place_status({claim("RU", "claims_control"), claim("UA", "claims_control")}, {})->status,
              Status::disputed);
}

TEST(Status, NoClaimNoStatus) {
    EXPECT_FALSE(place_status({}, {}).has_value());
    EXPECT_FALSE(place_status({claim("UA", "denies_control")}, {}).has_value());
}
