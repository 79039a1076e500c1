#pragma once
// The status of a place on a date (DESIGN, "A map for date D", step 3), from the claims active
// on that date and the assessed control. One status per place, by these rules in this order
// (ISW convention: tiers are never merged; the first rule that applies wins):
//
//  1. held_ru_before_2022: the place lies inside the area held before 24 February 2022
//     (Crimea, Sevastopol, and whatever pre-2022 control record the store holds: see
//     layers/snapshot.hpp for how that area is derived).
//  2. disputed: one side claims control (claims_control or holds, for itself) and the other
//     side denies it (denies_control naming the claimant as actor) or reports holding all or part
//     of it (holds / holds_part / claims_control by the other actor). A claim of control by a side
//     contradicted by the assessed control (Ukraine holds a place inside assessed Russian control)
//     is disputed as well.
//  3. assessed_ru: Russia claims (or holds) the place and it lies inside assessed Russian control.
//  4. claimed_ru: Russia claims the place and it lies outside assessed Russian control.
//  5. contested: fighting is reported (stance contested, a Russian advance, or a side holding
//     part of a place nobody claims whole).
//  6. advance_ua: Ukraine reports advancing.
//  7. held_ua: Ukraine reports holding or taking it, or a Russian capture is denied with no
//     Russian claim active.
// Places whose only claims match none of these get no status.
//
// Overlays: a Ukrainian advance reported where the status is already assessed_ru, claimed_ru
// or disputed is kept as an overlay (advance_ua), so "Kupiansk claimed, with a Ukrainian
// advance" shows both. The held part: the `part` of a holds_part claim by the side opposite to
// the claimant ("Ukraine holds the northern part of Pokrovsk").

#include <optional>
#include <string>
#include <vector>

#include "geo/mapdata.hpp"

namespace frontmap {

struct StatusContext {
    bool inside_assessed_ru = false;       // the place's point lies in assessed RU control on D
    bool inside_held_before_2022 = false;  // ... in the area held before 24 February 2022
};

struct PlaceStatus {
    Status status = Status::claimed_ru;
    std::vector<Status> overlays;  // further statuses drawn over the area (advance_ua)
    std::string held_part;         // "north", ... or empty
    std::string held_by;           // actor holding `held_part` ("UA"), or empty
};

std::optional<PlaceStatus> place_status(const std::vector<ClaimSummary>& claims, const StatusContext& context);

}  // namespace frontmap
