#!/usr/bin/env bash
# Blur throughput: AdvCam's blur plugins (libtorch depthwise convolution) against SciPy's ndimage.convolve on the same
# kernels and images, in one run. See README.md ("Blur against SciPy").
#   bash benchmarks/blur.sh [--images N] [--repeats R] [--rounds K] [--no-build]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
images=256; repeats=5; rounds=2; build=1
while [[ $# -gt 0 ]]; do
  case "$1" in
    --images) images="$2"; shift 2 ;;
    --repeats) repeats="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    --no-build) build=0; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
PY=/usr/bin/python3   # Debian's interpreter, with Debian's python3-scipy / python3-numpy
"$PY" -c "import scipy" 2>/dev/null || { echo "needs Debian's python3-scipy: apt-get install -y python3-scipy" >&2; exit 2; }
if [[ $build == 1 ]]; then
  flock /tmp/advcam-build.lock dotnet build benchmarks/Blur.Benchmarks -c Release -v q -nologo >&2
fi
bench=benchmarks/Blur.Benchmarks/bin/Release/net10.0/AdvCam.Blur.Benchmarks
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
out="${BENCH_OUT:-$work/blur.jsonl}"; : > "$out"
for round in $(seq 1 "$rounds"); do
  for threads in 1 2; do
    "$bench" --threads "$threads" --images "$images" --repeats "$repeats" --out "$work/data.safetensors" | sed "s/^{/{\"round\":$round,/" >> "$out"
  done
  "$PY" benchmarks/peer/blur_scipy.py --data "$work/data.safetensors" --repeats "$repeats" | sed "s/^{/{\"round\": $round, /" >> "$out"
done
"$PY" - "$out" <<'PY'
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
def med(side, threads, fam, lvl):
    v = [r["images_per_second"] for r in rows if r["side"] == side and r["threads"] == threads and r["family"] == fam and r["level"] == lvl]
    return statistics.median(v) if v else float("nan")
keys = sorted({(r["family"], r["level"]) for r in rows if r["side"] == "scipy"})
info = {(r["family"], r["level"]): r for r in rows if r["side"] == "scipy"}
print("| family | level | kernel | SciPy img/s (ndimage.convolve) | SciPy separable img/s | AdvCam 1 thread img/s | ratio | AdvCam 2 threads img/s | ratio | max abs diff |")
print("|---|---|---|---|---|---|---|---|---|---|")
ratios1, ratios2 = [], []
for fam, lvl in keys:
    s, sep = med("scipy", 1, fam, lvl), med("scipy-separable", 1, fam, lvl)
    a1, a2 = med("advcam", 1, fam, lvl), med("advcam", 2, fam, lvl)
    best = s if sep != sep else max(s, sep)   # the faster SciPy variant (NaN != NaN: no separable row)
    i = info[(fam, lvl)]
    ratios1.append(a1 / best); ratios2.append(a2 / best)
    sep_text = "" if sep != sep else f"{sep:.0f}"
    note = "" if sep != sep else " (vs separable)"
    print(f"| {fam} | {lvl} | {i['kernel']}{'' if i['shared_kernel'] else ' (per image)'} | {s:.0f} | {sep_text} | {a1:.0f} | {a1/best:.1f}x{note} | {a2:.0f} | {a2/best:.1f}x{note} | {i['max_abs_diff_vs_advcam']:.1e} |")
for t, r in ((1, ratios1), (2, ratios2)):
    print(f"\n{t}-thread ratio against the faster SciPy variant: min {min(r):.1f}x, median {statistics.median(r):.1f}x, max {max(r):.1f}x over {len(r)} severities")
PY
