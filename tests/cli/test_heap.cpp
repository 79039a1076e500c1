// cli/heap.hpp: after use_huge_pages_for_heap() the heap may be backed by transparent huge pages
// (the kernel says so per mapping in /proc/self/smaps), and memory still works as before.

#include <gtest/gtest.h>

#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "cli/heap.hpp"

namespace {

std::string read_all(const char* path) {
    std::ifstream in(path);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// The "THPeligible" lines of the [heap] mappings in /proc/self/smaps ("" when absent); madvise
// splits the heap into a part before the 2 MB boundary and the advised rest.
std::string heap_thp_eligible() {
    std::string out;
    std::ifstream in("/proc/self/smaps");
    std::string line;
    bool in_heap = false;
    while (std::getline(in, line)) {
        // A mapping's header starts with its address range ("55d0c2a4f000-55d0c2b50000 rw-p ...").
        const std::string first = line.substr(0, line.find(' '));
        const bool header = first.find('-') != std::string::npos &&
                            first.find_first_not_of("0123456789abcdef-") == std::string::npos;
        if (header) {
            in_heap = line.find("[heap]") != std::string::npos;
        } else if (in_heap && line.rfind("THPeligible:", 0) == 0) {
            out += line + "\n";
        }
    }
    return out;
}

}  // namespace

TEST(Heap, HugePagesForTheHeapWhenTheKernelOffersThem) {
    const bool advised = frontmap::cli::use_huge_pages_for_heap();
    // Memory behaves as before: a canvas-sized block, written and read back.
    std::vector<unsigned char> canvas(1600 * 1200 * 4);
    std::memset(canvas.data(), 0x5a, canvas.size());
    EXPECT_EQ(canvas[canvas.size() / 2], 0x5a);

    // Where the kernel offers THP, the heap is now eligible for it. (Not a skip elsewhere: the
    // call must then be harmless, which the lines above check.)
    const std::string thp = read_all("/sys/kernel/mm/transparent_hugepage/enabled");
    const std::string eligible = heap_thp_eligible();
    if (!advised || thp.empty() || thp.find("[never]") != std::string::npos || eligible.empty()) {
        std::cout << "not advised (another allocator) or THP off or not reported: nothing more to check\n";
        return;
    }
    EXPECT_NE(eligible.find('1'), std::string::npos) << eligible;
}
