#pragma once
// Ingest: one article's extraction saved to the store in one transaction (issue 3). The key
// of an article is the SHA-256 of its text, so the same text twice adds nothing; any failure
// rolls the whole article back. Also reads claims and places back for `claims` and `places`.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "geo/reader.hpp"
#include "layers/store.hpp"

namespace frontmap::layers {

struct IngestOptions {
    std::string source, url;  // override front matter when non-empty
    std::string file;         // the file the article was read from (its name, for the sources line)
    // Test hook: called after each stage ("article", "places", "mentions", "claims") inside the
    // transaction; throwing from it must leave the store as it was.
    std::function<void(std::string_view stage)> after_stage;
};

struct IngestResult {
    std::string sha256;
    bool added = false;  // false: the same text was already in the store
    std::size_t mentions = 0, claims = 0, new_places = 0;
};

IngestResult ingest(Store& store, const Article& article, const Extraction& x, const IngestOptions& options = {});

struct StoredClaim {
    std::string article_sha256;
    Claim claim;
};

// Claims in the store. With `active_on`, only those dated on or before it and within
// `window_days` of it, the latest per place, actor, stance and part. With `place`, only those
// whose place name or key matches (normalised).
std::vector<StoredClaim> read_claims(Store& store, std::optional<Date> active_on, int window_days,
                                     const std::string& place);

struct StoredPlace {
    Place place;
    std::int64_t mentions = 0, claims = 0;
};
std::vector<StoredPlace> read_places(Store& store);

}  // namespace frontmap::layers
