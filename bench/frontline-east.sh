#!/bin/bash
# The frontline-east scene (issue 4): frontmap vs Mapnik (python3-mapnik, AGG), whole process,
# in one paired run: the two renderers alternate, each run is timed on the wall clock, and the
# medians and their ratio are printed. Also times frontmap's SVG and PDF of the scene.
#
#   bench/frontline-east.sh [RUNS]      (default 9; needs build/frontmap, base.gpkg, python3-mapnik)
#
# Environment: FRONTMAP (binary, default build/frontmap), FRONTMAP_BASE (default
# /work/base/base.gpkg, else data/base.gpkg), OUT (folder for the images, default a temp dir).
# Until `frontmap import` exists the DeepState polygon is read directly (--control-file).
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

crs="+proj=lcc +lat_1=45 +lat_2=52 +lat_0=48 +lon_0=35 +datum=WGS84"
frontmap() {
    FRONTMAP_BASE=$base "$bin" render --control-file "$polygon" --date 2025-12-02 --extent 30,44,41,52.5 \
        --crs "$crs" --size 1600x1200 --style "$here/data/styles/frontline-east.json" \
        --title "Frontline east" -o "$1"
}
mapnik() { /usr/bin/python3 "$here/bench/mapnik_frontline_east.py" "$base" "$polygon" "$1"; }

ms() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

# One warm-up of each (file cache), not timed.
frontmap "$out/frontmap.png"; mapnik "$out/mapnik.png"
f_times=(); m_times=(); s_times=(); p_times=()
for ((i = 0; i < runs; i++)); do
    t=$(date +%s%N); frontmap "$out/frontmap.png"; f_times+=("$(ms "$t")")
    t=$(date +%s%N); mapnik "$out/mapnik.png"; m_times+=("$(ms "$t")")
    t=$(date +%s%N); frontmap "$out/frontmap.svg"; s_times+=("$(ms "$t")")
    t=$(date +%s%N); frontmap "$out/frontmap.pdf"; p_times+=("$(ms "$t")")
done
f=$(printf '%s\n' "${f_times[@]}" | median)
m=$(printf '%s\n' "${m_times[@]}" | median)
s=$(printf '%s\n' "${s_times[@]}" | median)
p=$(printf '%s\n' "${p_times[@]}" | median)
echo "frontline-east, $runs paired runs, whole process, median wall time:"
echo "  frontmap PNG  ${f} ms   (runs: ${f_times[*]})"
echo "  mapnik   PNG  ${m} ms   (runs: ${m_times[*]})"
echo "  frontmap SVG  ${s} ms"
echo "  frontmap PDF  ${p} ms"
awk -v f="$f" -v m="$m" 'BEGIN {printf "  ratio frontmap/mapnik = %.2f (target <= 0.5)\n", f / m}'
echo "  images in $out"
