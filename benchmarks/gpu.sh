#!/usr/bin/env bash
# AdvCam on CPU and CUDA, and the same work in PyTorch on the same devices, in one run. Runs inside the GPU kit
# (scripts/gpu/pack.sh; docs/gpu.md), after ./run.sh has built the native shim there:
#
#   benchmarks/gpu.sh [--devices "cpu cuda"] [--quick] [--no-report] [--out DIR]
#
# Per device:
#   advcam   AdvCAM maps: `advcam explain --plugin advcam` (every (image, class) pair and the mirror in one batch) on the
#            first N FashionScenes test scenes, against the official per-class loop in PyTorch (peer/advcam_peer.py,
#            input gradient only) on the same weights and scenes; images/s, and the largest difference of the maps.
#   blur     the four blur families at every severity (Blur.Benchmarks) against depthwise F.conv2d with the same kernels
#            (peer/blur_torch.py); images/s, median over the severities, and the largest difference of the outputs.
#   train    `advcam train --task fashion-mnist` (the shipped model's widths) for 2 epochs on the first N training
#            images, against the same network, data pipeline and optimizer in PyTorch (peer/train_peer.py); images/s of
#            the second epoch.
#   report   `advcam report` with its default sizes (--quick: 8 images and scenes, no fine-tuned models); wall seconds (no peer).
# PyTorch: ADVCAM_PYTHON, else python3, with torch; without it only AdvCam's side runs. The peers get glibc's allocator
# settings that AdvCam sets for itself at start-up (MALLOC_*_ variables, as benchmarks/run.sh gives them), so that the
# CPU comparison is fair (DESIGN.md §7). --quick: tiny sizes, for a check
# that everything runs (the numbers mean nothing). Raw JSON lines go to DIR/gpu-bench.jsonl (DIR: --out, else $OUT, else
# ./out), the table to DIR/gpu-bench.md and the standard output.
set -euo pipefail
kit="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
devices="cpu cuda"
quick=0
report=1
out="${OUT:-$kit/out}"
while [ $# -gt 0 ]; do
  case "$1" in
    --devices) devices="$2"; shift 2 ;;
    --quick) quick=1; shift ;;
    --no-report) report=0; shift ;;
    --out) out="$2"; shift 2 ;;
    -h|--help) sed -n '2,21p' "$0"; exit 0 ;;
    *) echo "gpu.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done
advcam="$kit/advcam/advcam"
blur="$kit/benchmarks/blur/AdvCam.Blur.Benchmarks"
[ -x "$advcam" ] && [ -x "$blur" ] || { echo "gpu.sh: runs inside the GPU kit (bash scripts/gpu/pack.sh makes it), not in the repository" >&2; exit 1; }
[ -f "$kit/build/native/libadvcam_torch.so" ] || { echo "gpu.sh: the native shim is not built yet: run ./run.sh first (it builds it against this machine's libtorch)" >&2; exit 1; }
export ADVCAM_FASHION_MNIST_DIR="${ADVCAM_FASHION_MNIST_DIR:-$kit/data/fashion-mnist}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
ldconfig="$(command -v ldconfig || echo /sbin/ldconfig)"
if ! { "$ldconfig" -p 2>/dev/null | grep -q libicuuc; }; then export DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1; fi
python="${ADVCAM_PYTHON:-python3}"
# AdvCam's start-up mallopt values (Torch/Interop/AllocatorSettings.cs), for the PyTorch processes.
python=(env MALLOC_MMAP_THRESHOLD_=33554432 MALLOC_TRIM_THRESHOLD_=1073741824 MALLOC_TOP_PAD_=67108864 "$python")
peers=1
if ! "${python[@]}" -c "import torch" 2>/dev/null; then
  echo "gpu.sh: no PyTorch in ${python[*]: -1}: AdvCam's side only (ADVCAM_PYTHON names another interpreter)" >&2
  peers=0
fi
if [ "$quick" = 1 ]; then
  scenes=4; steps=3; blur_images=32; repeats=2; train_images=512; train_test=64; report_args=(--test-subset 8 --no-finetuned)
else
  scenes=32; steps=27; blur_images=256; repeats=5; train_images=8192; train_test=1000; report_args=()
fi
threads="$(nproc)"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
raw="$out/gpu-bench.jsonl"; : > "$raw"
model_scenes="$kit/models/fashion-scenes/model.safetensors"
model_mnist="$kit/models/fashion-mnist/model.safetensors"
emit() { echo "$1" >> "$raw"; }

for device in $devices; do
  if ! "$advcam" --device "$device" info > "$work/info-$device.txt" 2>&1; then
    echo "gpu.sh: advcam cannot use $device: $(tail -1 "$work/info-$device.txt"); skipping it" >&2
    continue
  fi
  echo "== $device: AdvCAM, $scenes scenes, $steps steps" >&2
  line=$("$advcam" --device "$device" explain --plugin advcam --model "$model_scenes" --test-subset "$scenes" --batch-size "$scenes" \
    --set steps="$steps" --set scales=1 --out "$work/maps-$device.safetensors" | head -1)
  ms=$(grep -oE "[0-9.]+ ms/image" <<< "$line" | grep -oE "^[0-9.]+")
  emit "{\"workload\": \"advcam\", \"side\": \"advcam\", \"device\": \"$device\", \"ms_per_image\": $ms}"
  if [ "$peers" = 1 ]; then
    "${python[@]}" "$kit/benchmarks/peer/advcam_peer.py" --device "$device" --threads "$threads" --grad input --steps "$steps" --scales 1 \
      --model "$model_scenes" --maps "$work/maps-$device.safetensors" | sed 's/^{/{"workload": "advcam", /' >> "$raw"
  fi

  echo "== $device: blur, $blur_images scenes x every severity" >&2
  "$blur" --device "$device" --threads "$threads" --images "$blur_images" --repeats "$repeats" --out "$work/blur-$device.safetensors" \
    | sed 's/^{/{"workload": "blur", /' >> "$raw"
  if [ "$peers" = 1 ]; then
    "${python[@]}" "$kit/benchmarks/peer/blur_torch.py" --device "$device" --threads "$threads" --data "$work/blur-$device.safetensors" \
      --repeats "$repeats" | sed 's/^{/{"workload": "blur", /' >> "$raw"
  fi

  echo "== $device: training, 2 epochs of $train_images images" >&2
  "$advcam" --device "$device" train --task fashion-mnist --widths 16,32,64 --epochs 2 --batch-size 128 --seed 0 \
    --train-subset "$train_images" --test-subset "$train_test" --out "$work/train-$device" > "$work/train-$device.log" 2>&1 \
    || { tail -5 "$work/train-$device.log" >&2; exit 1; }
  python3 - "$work/train-$device/model.json" "$device" >> "$raw" <<'PY'
import json, sys
card = json.load(open(sys.argv[1]))
last = card["metrics"]["history"][-1]
print(json.dumps({"workload": "train", "side": "advcam", "device": sys.argv[2], "epoch": last["epoch"],
                  "images_per_second": last["images_per_second"]}))
PY
  if [ "$peers" = 1 ]; then
    "${python[@]}" "$kit/benchmarks/peer/train_peer.py" --device "$device" --threads "$threads" --model "$model_mnist" \
      --data "$ADVCAM_FASHION_MNIST_DIR" --images "$train_images" --epochs 2 --batch-size 128 | tail -1 \
      | sed 's/^{/{"workload": "train", /' >> "$raw"
  fi

  if [ "$report" = 1 ]; then
    echo "== $device: advcam report ${report_args[*]}" >&2
    t0=$(date +%s%N)
    "$advcam" --device "$device" report --out "$work/report-$device" "${report_args[@]}" > "$work/report-$device.log" 2>&1 \
      || { tail -5 "$work/report-$device.log" >&2; exit 1; }
    ms=$(( ($(date +%s%N) - t0) / 1000000 ))
    emit "{\"workload\": \"report\", \"side\": \"advcam\", \"device\": \"$device\", \"seconds\": $((ms / 1000)).$(printf %03d $((ms % 1000)))}"
  fi
done

# The table: one row per workload and device. Plain python3 is enough here (no torch).
python3 - "$raw" "$scenes" "$steps" "$blur_images" "$train_images" "$threads" "$(head -1 "$kit/kit.txt" 2>/dev/null || true)" \
  > "$out/gpu-bench.md" <<'PY'
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.startswith("{")]
scenes, steps, blur_images, train_images, threads, kit = sys.argv[2:8]
def pick(workload, side, device):
    return [r for r in rows if r["workload"] == workload and r["side"] == side and r["device"].split(":")[0] == device]
devices = sorted({r["device"].split(":")[0] for r in rows}, key=lambda d: d != "cpu")
print(kit)
print(f"AdvCAM: {scenes} scenes, {steps} steps, one scale, flip; blur: {blur_images} scenes, median over every severity of the four "
      f"families; training: fashion-mnist, {train_images} images, batch 128, second epoch; CPU threads: {threads}.")
print()
print("| workload | device | AdvCam | PyTorch | AdvCam / PyTorch | largest difference |")
print("|---|---|---|---|---|---|")
for d in devices:
    a, p = pick("advcam", "advcam", d), pick("advcam", "pytorch", d)
    if a:
        ai = 1000 / a[0]["ms_per_image"]
        pi = 1000 / p[0]["ms_per_image"] if p else None
        diff = p[0]["max_abs_diff_vs_advcam"] if p else None
        print(f"| AdvCAM images/s | {d} | {ai:.2f} | {'' if pi is None else f'{pi:.2f}'} | {'' if pi is None else f'{ai / pi:.2f}'} | "
              f"{'' if diff is None else f'{diff:.1e} (maps)'} |")
    a, p = pick("blur", "advcam", d), pick("blur", "pytorch", d)
    if a:
        am = statistics.median(r["images_per_second"] for r in a)
        pm = statistics.median(r["images_per_second"] for r in p) if p else None
        diff = max(r["max_abs_diff_vs_advcam"] for r in p) if p else None
        print(f"| blur images/s | {d} | {am:.0f} | {'' if pm is None else f'{pm:.0f}'} | {'' if pm is None else f'{am / pm:.2f}'} | "
              f"{'' if diff is None else f'{diff:.1e} (outputs)'} |")
    a, p = pick("train", "advcam", d), pick("train", "pytorch", d)
    if a:
        ai, pi = a[0]["images_per_second"], (p[0]["images_per_second"] if p else None)
        print(f"| training images/s | {d} | {ai:.0f} | {'' if pi is None else f'{pi:.0f}'} | {'' if pi is None else f'{ai / pi:.2f}'} | |")
    a = pick("report", "advcam", d)
    if a:
        print(f"| report wall seconds | {d} | {a[0]['seconds']:.0f} | | | |")
PY
cat "$out/gpu-bench.md"
echo "raw results: $raw" >&2
