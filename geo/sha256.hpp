#pragma once
// SHA-256 (FIPS 180-4), for content digests (a dated build's per-map digest). Small and
// self-contained so that no crypto library is needed for hashing our own inputs.

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace frontmap {

class Sha256 {
public:
    Sha256();
    Sha256& update(std::string_view data);
    // The digest as 64 lowercase hex digits; the object must not be updated afterwards.
    std::string hex();

private:
    void block(const unsigned char* p);
    std::array<std::uint32_t, 8> h_;
    std::array<unsigned char, 64> buf_{};
    std::size_t used_ = 0;
    std::uint64_t bits_ = 0;
};

std::string sha256_hex(std::string_view data);

}  // namespace frontmap
