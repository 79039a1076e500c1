#pragma once
// The process heap on transparent huge pages (THP), for the modules' entry points.

namespace frontmap::cli {

// Asks the kernel to back the main heap with 2 MB pages where it can (madvise(MADV_HUGEPAGE);
// THP in "madvise" mode, Debian's default) and lets glibc serve large blocks from that heap
// instead of separate mmaps. A map touches ~100 MB of fresh memory once; on 4 KB pages that is
// ~25,000 page faults, which on a virtual machine cost a fifth of a whole `render` (measured:
// frontline-east SVG 172 -> 136 ms, PDF 270 -> 232 ms, the same as glibc's
// glibc.malloc.hugetlb=1 tunable, which can only be set before the process starts). Only address
// space is reserved up front; memory is committed as it is touched, in 2 MB steps. Does nothing
// when THP is unavailable. Call once, before the first large allocation. Returns whether the
// heap was advised (not under another allocator, such as AddressSanitizer's).
bool use_huge_pages_for_heap() noexcept;

}  // namespace frontmap::cli
