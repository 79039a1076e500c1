#include "geo/mapdata.hpp"

namespace frontmap {

const char* status_name(Status s) {
    switch (s) {
        case Status::assessed_ru: return "assessed_ru";
        case Status::held_ru_before_2022: return "held_ru_before_2022";
        case Status::claimed_ru: return "claimed_ru";
        case Status::disputed: return "disputed";
        case Status::contested: return "contested";
        case Status::advance_ua: return "advance_ua";
        case Status::held_ua: return "held_ua";
        case Status::held_ru: return "held_ru";
    }
    return "unknown";
}

Status held_status(const std::string& party) { return party == "RU" ? Status::held_ru : Status::held_ua; }

}  // namespace frontmap
