#!/bin/bash
# The frontline-east scene (issue 4): frontmap vs Mapnik (python3-mapnik, AGG), whole process,
# in one paired run: the two renderers alternate, each run is timed on the wall clock, and the
# medians and their ratio are printed. Also times frontmap's SVG and PDF of the scene.
#
#   bench/frontline-east.sh [RUNS]      (default 9; needs build/frontmap, base.gpkg, python3-mapnik)
#
# Environment: FRONTMAP (binary, default build/frontmap), FRONTMAP_BASE (default
# /work/base/base.gpkg, else data/base.gpkg), OUT (folder for the images, default a temp dir).
# frontmap renders from its store: the 2025-12-02 DeepState polygon is imported into a scratch
# GeoPackage store first (not timed); Mapnik reads the same GeoJSON file directly.
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-9}
bin=${FRONTMAP:-$here/build/frontmap}
base=${FRONTMAP_BASE:-}
if [[ -z $base ]]; then
    for b in /work/base/base.gpkg "$here/data/base.gpkg"; do [[ -f $b ]] && base=$b && break; done
fi
polygon=$here/../shared/data/deepstate/deepstatemap_data_20251202.geojson
out=${OUT:-$(mktemp -d)}
[[ -x $bin ]] || { echo "frontline-east: no $bin (build it first)" >&2; exit 1; }
[[ -f $base ]] || { echo "frontline-east: no base.gpkg (run data/fetch or set FRONTMAP_BASE)" >&2; exit 1; }
[[ -f $polygon ]] || { echo "frontline-east: no $polygon" >&2; exit 1; }
/usr/bin/python3 -c 'import mapnik' 2>/dev/null || { echo "frontline-east: python3-mapnik is not installed" >&2; exit 1; }

"$bin" import "$polygon" --party RU --kind assessed --source deepstate --date 2025-12-02 \
    --store "$out/store.gpkg" >/dev/null
store=$out/store.gpkg
crs="+proj=lcc +lat_1=45 +lat_2=52 +lat_0=48 +lon_0=35 +datum=WGS84"
frontmap() {
    FRONTMAP_BASE=$base "$bin" render --store "$store" --date 2025-12-02 --extent 30,44,41,52.5 \
        --crs "$crs" --size 1600x1200 --style "$here/data/styles/frontline-east.json" \
        --title "Frontline east" -o "$1"
}
mapnik() { /usr/bin/python3 "$here/bench/mapnik_frontline_east.py" "$base" "$polygon" "$1"; }

# Wall time and CPU time (user + system) of one command, in ms: "wall cpu" (bash's own `time`,
# to the millisecond, with no timing process of its own in the measurement).
timed() {
    local TIMEFORMAT='%3R %3U %3S'
    { time "$@" >/dev/null 2>"$out/stderr.txt"; } 2>"$out/time.txt"
    [[ -s $out/stderr.txt ]] && cat "$out/stderr.txt" >&2
    awk '{printf "%d %d\n", $1 * 1000, ($2 + $3) * 1000}' "$out/time.txt"
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

# Startup alone: the process with every library loaded, doing nothing.
read -r sw0 sc0 < <(timed "$bin" --version)
echo "frontmap --version alone: ${sw0} ms wall, ${sc0} ms CPU (the launcher alone: GDAL, Cairo, Pango are loaded only by commands that need them)"
# One warm-up of each (file cache), not timed.
frontmap "$out/frontmap.png"; mapnik "$out/mapnik.png"
export -f frontmap mapnik
export bin base polygon crs here store
fw=(); fc=(); mw=(); mc=(); sw=(); sc=(); pw=(); pc=(); ratios=()
for ((i = 0; i < runs; i++)); do
    read -r a b < <(timed bash -c 'frontmap "$0"' "$out/frontmap.png"); fw+=("$a"); fc+=("$b")
    read -r c d < <(timed bash -c 'mapnik "$0"' "$out/mapnik.png"); mw+=("$c"); mc+=("$d")
    ratios+=("$(awk -v f="$a" -v m="$c" 'BEGIN {printf "%.2f", f / m}')")
    read -r a b < <(timed bash -c 'frontmap "$0"' "$out/frontmap.svg"); sw+=("$a"); sc+=("$b")
    read -r a b < <(timed bash -c 'frontmap "$0"' "$out/frontmap.pdf"); pw+=("$a"); pc+=("$b")
done
med() { printf '%s\n' "$@" | median; }
echo "frontline-east, $runs paired runs, whole process, median (wall / CPU user+sys) in ms:"
echo "  frontmap PNG  $(med "${fw[@]}") / $(med "${fc[@]}")   (wall runs: ${fw[*]})"
echo "  mapnik   PNG  $(med "${mw[@]}") / $(med "${mc[@]}")   (wall runs: ${mw[*]})"
echo "  frontmap SVG  $(med "${sw[@]}") / $(med "${sc[@]}")"
echo "  frontmap PDF  $(med "${pw[@]}") / $(med "${pc[@]}")"
echo "  per-pair wall ratios: ${ratios[*]}"
awk -v f="$(med "${fw[@]}")" -v m="$(med "${mw[@]}")" -v fc="$(med "${fc[@]}")" -v mc="$(med "${mc[@]}")" \
    'BEGIN {printf "  ratio frontmap/mapnik: wall %.2f, CPU %.2f (target <= 0.5)\n", f / m, fc / mc}'
echo "  images in $out"
