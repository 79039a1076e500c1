#pragma once
// Numbered schema migrations of the layer store (internal to layers/). Each migration is a
// function that changes the schema through GDAL/OGR only; Store::open runs the ones a store
// lacks, each in its own transaction, and records each in `schema_version`.

#include <string>
#include <vector>

#include <gdal_priv.h>

namespace frontmap::layers::detail {

struct Migration {
    int version;
    const char* name;  // recorded in schema_version.name
    void (*apply)(GDALDataset& ds);
};

// Every migration, in ascending version order (versions 1, 2, ... without gaps).
const std::vector<Migration>& migrations();

// Our tables, in the order `store info` lists them.
const std::vector<std::string>& table_names();

// GDAL's last message on one line (libpq's are several), or `fallback` when there is none.
std::string gdal_reason(const std::string& fallback);

// Runs one SQL statement that returns no rows (DDL); throws StoreError with GDAL's message.
void execute_sql(GDALDataset& ds, const std::string& sql);

}  // namespace frontmap::layers::detail
