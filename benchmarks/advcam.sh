#!/usr/bin/env bash
# AdvCAM speed: `advcam explain --plugin advcam` (every (image, class) pair and mirror climbing in one batch) against
# the official per-class loop in PyTorch (peer/advcam_peer.py) on the same weights, same images, same threads, in one
# run; the peer also reports the largest difference between the two sides' maps. See README.md ("AdvCAM against PyTorch").
#   bash benchmarks/advcam.sh [--images N] [--scales S] [--steps T] [--rounds K] [--no-build]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
images=16; scales=1; steps=27; rounds=2; build=1
while [[ $# -gt 0 ]]; do
  case "$1" in
    --images) images="$2"; shift 2 ;;
    --scales) scales="$2"; shift 2 ;;
    --steps) steps="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    --no-build) build=0; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
PY=/usr/bin/python3   # Debian's interpreter with Debian's python3-torch (the same libtorch 1.13)
if [[ $build == 1 ]]; then
  flock /tmp/advcam-build.lock dotnet build Harness/Cli -c Release -v q -nologo >&2
fi
advcam=Harness/Cli/bin/Release/net10.0/advcam
model=models/fashion-scenes/model.safetensors
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
out="${BENCH_OUT:-$work/advcam.jsonl}"; : > "$out"
for round in $(seq 1 "$rounds"); do
  for threads in 1 2; do
    line=$("$advcam" --threads "$threads" explain --plugin advcam --model "$model" --test-subset "$images" --batch-size "$images" \
      --set steps="$steps" --set scales="$scales" --out "$work/maps.safetensors" | head -1)
    ms=$(echo "$line" | grep -oE "[0-9.]+ ms/image" | grep -oE "^[0-9.]+")
    mapms=$(echo "$line" | grep -oE "[0-9.]+ ms/map" | grep -oE "^[0-9.]+")
    echo "{\"round\": $round, \"side\": \"advcam\", \"threads\": $threads, \"ms_per_image\": $ms, \"ms_per_map\": $mapms}" >> "$out"
    for grad in official input; do
      "$PY" benchmarks/peer/advcam_peer.py --model "$model" --maps "$work/maps.safetensors" --threads "$threads" --grad "$grad" \
        --steps "$steps" --scales "$scales" | sed "s/^{/{\"round\": $round, /" >> "$out"
    done
  done
done
"$PY" - "$out" "$images" "$scales" "$steps" <<'PY'
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
print(f"images {sys.argv[2]}, scales {sys.argv[3]}, steps {sys.argv[4]}, flip; median over rounds (ms per image)\n")
print("| threads | AdvCam (batched) | PyTorch official loop (backward) | ratio | PyTorch loop, input gradient only | ratio | max abs diff of maps |")
print("|---|---|---|---|---|---|---|")
for t in (1, 2):
    a = statistics.median(r["ms_per_image"] for r in rows if r["side"] == "advcam" and r["threads"] == t)
    o = statistics.median(r["ms_per_image"] for r in rows if r["side"] == "pytorch" and r["grad"] == "official" and r["threads"] == t)
    i = statistics.median(r["ms_per_image"] for r in rows if r["side"] == "pytorch" and r["grad"] == "input" and r["threads"] == t)
    d = max(r["max_abs_diff_vs_advcam"] for r in rows if r["side"] == "pytorch" and r["threads"] == t)
    print(f"| {t} | {a:.0f} | {o:.0f} | {a/o:.2f} | {i:.0f} | {a/i:.2f} | {d:.1e} |")
PY
