#include "geo/reader.hpp"
namespace frontmap {
std::vector<Claim> extract_claims(std::string_view, const Tokens&, const std::vector<Mention>&,
                                  const std::vector<DateMention>&, std::optional<Date>) { return {}; }
}
