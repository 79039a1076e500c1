#include "geo/status.hpp"

#include <algorithm>

namespace frontmap {

namespace {

bool has(const std::vector<ClaimSummary>& claims, const std::string& actor, const std::string& stance) {
    return std::any_of(claims.begin(), claims.end(),
                       [&](const ClaimSummary& c) { return c.actor == actor && c.stance == stance; });
}

std::string other(const std::string& actor) { return actor == "RU" ? "UA" : "RU"; }

// Does `actor` say it controls the place (whole)?
bool asserts_control(const std::vector<ClaimSummary>& claims, const std::string& actor) {
    return has(claims, actor, "claims_control") || has(claims, actor, "holds");
}

// Is `actor`'s control contradicted by the other side?
bool contradicted(const std::vector<ClaimSummary>& claims, const std::string& actor) {
    const std::string them = other(actor);
    return has(claims, actor, "denies_control") || has(claims, them, "holds") ||
           has(claims, them, "holds_part") || has(claims, them, "claims_control");
}

}  // namespace

std::optional<PlaceStatus> place_status(const std::vector<ClaimSummary>& claims, const StatusContext& context) {
    PlaceStatus out;
    const bool ru_claims = asserts_control(claims, "RU");
    const bool ua_claims = asserts_control(claims, "UA");
    const bool ua_advancing = has(claims, "UA", "advancing");

    // Held part: a holds_part by one side while the other asserts control.
    for (const auto& c : claims) {
        if (c.stance == "holds_part" && !c.part.empty() && asserts_control(claims, other(c.actor))) {
            out.held_part = c.part;
            out.held_by = c.actor;
            break;
        }
    }
    if (out.held_part.empty()) {
        for (const auto& c : claims) {
            if (c.stance == "holds_part" && !c.part.empty()) {
                out.held_part = c.part;
                out.held_by = c.actor;
                break;
            }
        }
    }

    if (context.inside_held_before_2022) {
        out.status = Status::held_ru_before_2022;
        return out;
    }
    if ((ru_claims && contradicted(claims, "RU")) || (ua_claims && contradicted(claims, "UA")) ||
        (ua_claims && context.inside_assessed_ru)) {
        out.status = Status::disputed;
    } else if (ru_claims) {
        out.status = context.inside_assessed_ru ? Status::assessed_ru : Status::claimed_ru;
    } else if (has(claims, "RU", "contested") || has(claims, "UA", "contested") || has(claims, "RU", "advancing") ||
               has(claims, "RU", "holds_part") || has(claims, "UA", "holds_part")) {
        out.status = Status::contested;
    } else if (ua_advancing) {
        out.status = Status::advance_ua;
    } else if (ua_claims || has(claims, "RU", "denies_control")) {
        out.status = Status::held_ua;
    } else {
        return std::nullopt;
    }
    if (ua_advancing && out.status != Status::advance_ua &&
        (out.status == Status::assessed_ru || out.status == Status::claimed_ru || out.status == Status::disputed)) {
        out.overlays.push_back(Status::advance_ua);
    }
    return out;
}

}  // namespace frontmap
