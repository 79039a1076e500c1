#!/usr/bin/env bash
# Times the whole `frontmap extract` process on an article (default: the seed article) and its
# peak memory, with /usr/bin/time -v; runs it N times (default 10) and prints min/median wall
# time, CPU time and the largest peak RSS. Targets (issue 3): <= 100 ms, <= 150 MB.
#   bench/extract-command.sh [ARTICLE] [N]      (FRONTMAP_BASE must point at base.gpkg)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
bin="${FRONTMAP_BIN:-$here/build/frontmap}"
article="${1:-$here/../shared/articles/seed-2025-12-02.txt}"
runs="${2:-10}"
[[ -x "$bin" ]] || { echo "extract-command: build frontmap first ($bin)" >&2; exit 1; }
[[ -f "$article" ]] || { echo "extract-command: no article '$article'" >&2; exit 1; }
[[ -x /usr/bin/time ]] || { echo "extract-command: /usr/bin/time is missing (apt-get install time)" >&2; exit 1; }
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
"$bin" extract "$article" --date 2025-12-02 --json >/dev/null  # warm the page cache
for i in $(seq "$runs"); do
  /usr/bin/time -v -o "$tmp/t$i" "$bin" extract "$article" --date 2025-12-02 --json >/dev/null
done
python3 - "$tmp" "$runs" <<'PY'
import re, statistics, sys
d, n = sys.argv[1], int(sys.argv[2])
wall, cpu, rss = [], [], []
for i in range(1, n + 1):
    t = open(f"{d}/t{i}").read()
    m = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)", t)
    h = float(m.group(1) or 0); wall.append(h * 3600 + float(m.group(2)) * 60 + float(m.group(3)))
    u = float(re.search(r"User time \(seconds\): ([\d.]+)", t).group(1))
    s = float(re.search(r"System time \(seconds\): ([\d.]+)", t).group(1))
    cpu.append(u + s)
    rss.append(int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", t).group(1)))
print(f"frontmap extract, {n} runs: wall min {min(wall)*1000:.0f} ms, median {statistics.median(wall)*1000:.0f} ms; "
      f"cpu min {min(cpu)*1000:.0f} ms, median {statistics.median(cpu)*1000:.0f} ms; peak RSS {max(rss)/1024:.1f} MB")
PY
