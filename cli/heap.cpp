#include "cli/heap.hpp"

#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>

namespace frontmap::cli {

bool use_huge_pages_for_heap() noexcept {
    constexpr std::size_t kHuge = std::size_t{2} << 20;
    constexpr std::size_t kBlock = std::size_t{30} << 20, kBlocks = 8;  // 240 MB of address space
    // Blocks up to 32 MB (glibc's most; a 1600x1200 canvas is 7.7 MB) from the heap, not from
    // their own mmap, which would be faulted in 4 KB pages and returned to the kernel at every free.
    if (mallopt(M_MMAP_THRESHOLD, 32 << 20) != 1) return false;
    // Keep what the heap grows to (the reserve below must not be trimmed at once).
    mallopt(M_TRIM_THRESHOLD, 512 << 20);
    const auto start = reinterpret_cast<std::uintptr_t>(sbrk(0));
    // Grow the heap: blocks that are freed at once, never touched (so never committed).
    void* blocks[kBlocks] = {};
    for (void*& b : blocks) b = std::malloc(kBlock);
    for (void* b : blocks) std::free(b);
    const auto end = reinterpret_cast<std::uintptr_t>(sbrk(0));
    const std::uintptr_t from = (start + kHuge - 1) & ~(kHuge - 1);
    if (end <= from + kHuge) return false;  // the heap did not grow where expected: leave it
    return madvise(reinterpret_cast<void*>(from), end - from, MADV_HUGEPAGE) == 0;
}

}  // namespace frontmap::cli
