#pragma once
// The small family of exceptions frontmap throws. main() is the one place that turns them into
// exit codes: UsageError -> 2, every other Error -> 1.

#include <stdexcept>
#include <string>

namespace frontmap {

class Error : public std::runtime_error {
public:
    // what: "failed to <verb> '<thing>'"; why: the reason; hint: optional advice for the user.
    Error(std::string what, std::string why, std::string hint = {})
        : std::runtime_error(what + ": " + why), what_(std::move(what)), why_(std::move(why)),
          hint_(std::move(hint)) {}

    const std::string& context() const noexcept { return what_; }
    const std::string& reason() const noexcept { return why_; }
    const std::string& hint() const noexcept { return hint_; }

private:
    std::string what_;
    std::string why_;
    std::string hint_;
};

// Bad command-line usage: exit code 2.
class UsageError : public Error {
public:
    using Error::Error;
};

// Input data is malformed (article, GeoJSON, style, date...): exit code 1.
class InputError : public Error {
public:
    using Error::Error;
};

// The store is missing, corrupt, foreign or from a newer frontmap: exit code 1.
class StoreError : public Error {
public:
    using Error::Error;
};

// A C library (GEOS, PROJ, GDAL, Cairo) reported a failure: exit code 1.
class LibraryError : public Error {
public:
    using Error::Error;
};

}  // namespace frontmap
