#!/bin/sh
# Times a dated build of the DeepState archive against a loop of one `frontmap render` per date
# (issue 5's figures): full build, no-op rebuild, peak memory, and the render loop.
#   bench/build_vs_render.sh BUILD_DIR [FROM TO [JOBS]]
# Needs ../shared/data/deepstate and base data ($FRONTMAP_BASE or data/base.gpkg); works in a
# scratch folder under $TMPDIR. Prints one line per figure.
set -eu
BIN=$(cd "$1" && pwd)/frontmap
FROM=${2:-2025-09-01}
TO=${3:-2025-12-31}
JOBS=${4:-2}
HERE=$(cd "$(dirname "$0")/.." && pwd)
DATA="$HERE/../shared/data/deepstate"
BASE=${FRONTMAP_BASE:-$HERE/data/base.gpkg}
[ -d "$DATA" ] || { echo "no $DATA" >&2; exit 1; }
[ -f "$BASE" ] || { echo "no base data at $BASE (set FRONTMAP_BASE)" >&2; exit 1; }
WORK=$(mktemp -d "${TMPDIR:-/tmp}/frontmap-bench.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"
"$BIN" import "$DATA" --source deepstate --date-from-name 'deepstatemap_data_%Y%m%d.geojson' --store store.gpkg -q
cat > build.json <<JSON
{"store": "store.gpkg", "base": "$BASE", "from": "$FROM", "to": "$TO", "output": "out",
 "views": [{"name": "ukraine", "view": "ukraine", "width": 1600, "height": 1200, "formats": ["png"]}]}
JSON
t() { /usr/bin/time -f "%e s, peak RSS %M KiB" "$@"; }
echo "full build (-j $JOBS):"; t "$BIN" build build.json -j "$JOBS" -q 2>&1 | tail -1
echo "no-op build:"; t "$BIN" build build.json -j "$JOBS" -q 2>&1 | tail -1
mkdir -p loop
echo "loop of frontmap render, one per date:"
start=$(date +%s.%N)
d=$FROM
while :; do
    "$BIN" render --store store.gpkg --base "$BASE" --date "$d" --view ukraine --size 1600x1200 -o "loop/$d.png"
    [ "$d" = "$TO" ] && break
    d=$(date -u -d "$d + 1 day" +%F)
done
end=$(date +%s.%N)
echo "$(echo "$end - $start" | bc) s"
n=$(ls out/ukraine/*.png | wc -l)
same=0
for f in out/ukraine/*.png; do cmp -s "$f" "loop/$(basename "$f")" && same=$((same + 1)); done
echo "maps: $n; identical to the render loop's: $same"
