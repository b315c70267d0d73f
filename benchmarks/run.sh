#!/usr/bin/env bash
# AdvCam's libtorch binding against PyTorch on the same libtorch (Debian's libtorch 1.13 / python3-torch), in one run.
#
#   bash benchmarks/run.sh            # build (Release), run every configuration, print the markdown tables
#   bash benchmarks/run.sh --quick    # a smoke test: few iterations, numbers meaningless
#   bash benchmarks/run.sh --no-build # reuse the last Release build
#
# Configurations: intra-op threads 1 and 2 x glibc malloc "tuned" (AdvCam's start-up mallopt; the PyTorch peer gets
# the same values through MALLOC_*_ variables) and "default" (ADVCAM_MALLOC=default, no MALLOC_*_ variables).
# Every process is started fresh for each configuration. Raw results (JSON lines) are kept in $BENCH_OUT
# (default: a file under /tmp, printed at the end). Takes about 4 minutes on 2 cores.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

quick=0
build=1
for arg in "$@"; do
  case "$arg" in
    --quick) quick=1 ;;
    --no-build) build=0 ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown argument $arg" >&2; exit 2 ;;
  esac
done

python=/usr/bin/python3   # Debian's interpreter with python3-torch, not whatever python3 is first on PATH
project=benchmarks/Torch.Benchmarks/Torch.Benchmarks.csproj
dll=benchmarks/Torch.Benchmarks/bin/Release/net10.0/AdvCam.Torch.Benchmarks.dll
shim=benchmarks/Torch.Benchmarks/bin/Release/net10.0/libadvcam_torch.so
floor_src=benchmarks/native/add_floor.cpp
floor_bin=benchmarks/native/bin/add_floor
out="${BENCH_OUT:-$(mktemp /tmp/advcam-bench.XXXXXX.jsonl)}"
: > "$out"

if [ "$quick" = 1 ]; then
  common=(--add-iters 20000 --add-repeats 3 --conv-iters 3 --conv-warmup 1 --warmup-seconds 0.2)
  floor_args=(20000 3 0.2)
  profile=(--add-iters 20000 --add-repeats 3 --warmup-seconds 0.2)
else
  common=(--add-iters 200000 --add-repeats 9 --conv-iters 15 --conv-warmup 3 --warmup-seconds 0.5)
  floor_args=(100000 15 0.5)
  profile=(--add-iters 100000 --add-repeats 15 --warmup-seconds 0.5)
fi

# ---- checks and build ------------------------------------------------------------------------------------------
peer_version="$("$python" -c 'import torch; print(torch.__version__)')" || {
  echo "run.sh: $python cannot import torch (apt-get install python3-torch)" >&2; exit 1; }
case "$peer_version" in
  1.13*) ;;
  *) echo "run.sh: $python has torch $peer_version; the comparison needs 1.13 (the libtorch AdvCam links)" >&2; exit 1 ;;
esac

lock() { if command -v flock >/dev/null; then flock /tmp/advcam-build.lock "$@"; else "$@"; fi; }
if [ "$build" = 1 ]; then
  echo "== building $project (Release)" >&2
  lock dotnet build "$project" -c Release -nologo -v quiet -clp:ErrorsOnly >&2
fi
[ -f "$dll" ] || { echo "run.sh: $dll missing; run without --no-build" >&2; exit 1; }
if [ ! -x "$floor_bin" ] || [ "$floor_src" -nt "$floor_bin" ]; then
  echo "== compiling $floor_src" >&2
  mkdir -p "$(dirname "$floor_bin")"
  lock g++ -O2 -std=c++17 -o "$floor_bin" "$floor_src" -ltorch_cpu -lc10 -ldl
fi

# ---- runs --------------------------------------------------------------------------------------------------------
# Only the variables named here reach the benchmark processes' allocator and thread settings.
clean=(env -u ADVCAM_MALLOC -u ADVCAM_THREADS -u ADVCAM_NATIVE_LIB -u OMP_NUM_THREADS -u MKL_NUM_THREADS
       -u MALLOC_MMAP_THRESHOLD_ -u MALLOC_TRIM_THRESHOLD_ -u MALLOC_TOP_PAD_ -u MALLOC_ARENA_MAX
       -u DOTNET_gcServer -u DOTNET_TieredCompilation -u DOTNET_TieredPGO -u DOTNET_ReadyToRun)
glibc_tuned=(MALLOC_MMAP_THRESHOLD_=33554432 MALLOC_TRIM_THRESHOLD_=1073741824 MALLOC_TOP_PAD_=67108864)

advcam() { # malloc threads args...
  local m=$1 t=$2; shift 2
  if [ "$m" = default ]; then "${clean[@]}" ADVCAM_MALLOC=default dotnet "$dll" --threads "$t" "$@"
  else "${clean[@]}" dotnet "$dll" --threads "$t" "$@"; fi
}
glibc_env() { # malloc command... (PyTorch and the C++ floor: glibc reads the MALLOC_*_ variables at start-up)
  local m=$1; shift
  if [ "$m" = default ]; then "${clean[@]}" "$@"; else "${clean[@]}" "${glibc_tuned[@]}" "$@"; fi
}

echo "== load before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
start=$SECONDS
i=0
for malloc in tuned default; do
  for threads in 1 2; do
    echo "== malloc=$malloc threads=$threads" >&2
    # Alternate which side goes first so slow drift on a shared machine does not always favour one side.
    if [ $((i % 2)) = 0 ]; then
      advcam "$malloc" "$threads" "${common[@]}" >> "$out"
      glibc_env "$malloc" "$python" benchmarks/peer/torch_peer.py --threads "$threads" "${common[@]}" >> "$out"
    else
      glibc_env "$malloc" "$python" benchmarks/peer/torch_peer.py --threads "$threads" "${common[@]}" >> "$out"
      advcam "$malloc" "$threads" "${common[@]}" >> "$out"
    fi
    glibc_env "$malloc" "$floor_bin" "$threads" "${floor_args[@]}" "$shim" >> "$out"
    i=$((i + 1))
  done
done
echo "== profile of the tiny op (malloc=tuned threads=1)" >&2
profile_out="$(mktemp /tmp/advcam-bench-profile.XXXXXX.jsonl)"
advcam tuned 1 --workload add --profile "${profile[@]}" > "$profile_out"
grep -v '"variant":"api"' "$profile_out" >> "$out" || true   # the api row is already in the main results
rm -f "$profile_out"
echo "== load after: $(cut -d' ' -f1-3 /proc/loadavg); $((SECONDS - start)) s of runs" >&2

# ---- report ------------------------------------------------------------------------------------------------------
ADVCAM_DOTNET="$(dotnet --version)" ADVCAM_COMMIT="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)" \
"$python" - "$out" <<'EOF'
import json, os, platform, sys, time
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "unknown CPU")
print(f'Run {time.strftime("%Y-%m-%d %H:%M %Z")} at commit {os.environ["ADVCAM_COMMIT"]} (plus working-tree changes); '
      f'{os.cpu_count()} CPUs ({cpu}); Linux {platform.release()}; .NET SDK {os.environ["ADVCAM_DOTNET"]}; '
      f'load average {" ".join(open("/proc/loadavg").read().split()[0:3])}.')
print()
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip().startswith("{")]
res = [r for r in rows if r["kind"] == "result"]
def get(side, workload, variant, threads, malloc):
    for r in res:
        if (r["side"], r["workload"], r["variant"], r["threads"], r["malloc"]) == (side, workload, variant, threads, malloc):
            return r
    return None
def fmt(r):
    if r is None: return "n/a"
    if r["unit"] == "ns/call":
        return f'{r["median"] / 1000:.2f} µs <sub>[{r["min"] / 1000:.2f}–{r["max"] / 1000:.2f}]</sub>'
    return f'{r["median"]:.1f} ms <sub>[{r["min"]:.1f}–{r["max"]:.1f}]</sub>'
names = {"add": "tiny op `c = a + b` (1 float, result freed), per call",
         "conv2d_fwd_bwd": "conv2d 32×64×56×56 ⊛ 64×64×3×3 pad 1, fwd + `sum().backward()`, per iteration"}
targets = {"add": 0.5, "conv2d_fwd_bwd": 1.05}
print("| Workload | Threads | malloc | AdvCam (median [min–max]) | PyTorch (median [min–max]) | AdvCam / PyTorch (medians) | (mins) | Target |")
print("|---|---|---|---|---|---|---|---|")
for workload in ("add", "conv2d_fwd_bwd"):
    for malloc in ("tuned", "default"):
        for threads in (1, 2):
            a = get("advcam", workload, "api", threads, malloc)
            p = get("pytorch", workload, "api", threads, malloc)
            ratio = a["median"] / p["median"] if a and p else None
            rmin = a["min"] / p["min"] if a and p else None
            t = targets[workload]
            verdict = "n/a" if ratio is None else ("met" if ratio <= t else "missed")
            print(f'| {names[workload]} | {threads} | {malloc} | {fmt(a)} | {fmt(p)} | '
                  f'{"n/a" if ratio is None else f"{ratio:.2f}"} | {"n/a" if rmin is None else f"{rmin:.2f}"} | ≤ {t:.2f}: {verdict} |')
print()
print("Tiny op against libtorch's own floor (`at::add` from C++, freeing each result; same configuration, separate process).")
print("Overhead = time above the floor; medians, then mins in parentheses:")
print()
print("| Threads | malloc | libtorch floor | AdvCam overhead | PyTorch overhead | overhead ratio AdvCam/PyTorch |")
print("|---|---|---|---|---|---|")
for malloc in ("tuned", "default"):
    for threads in (1, 2):
        f = get("native", "add", "aten", threads, malloc)
        a = get("advcam", "add", "api", threads, malloc)
        p = get("pytorch", "add", "api", threads, malloc)
        if not (f and a and p):
            continue
        def ov(r, k): return r[k] - f[k]
        def ratio(k):
            d = ov(p, k)
            return f"{ov(a, k) / d:.2f}" if d > 0 else "n/a"
        print(f'| {threads} | {malloc} | {f["median"]:.0f} ns ({f["min"]:.0f}) | {ov(a, "median"):.0f} ns ({ov(a, "min"):.0f}) | '
              f'{ov(p, "median"):.0f} ns ({ov(p, "min"):.0f}) | {ratio("median")} ({ratio("min")}) |')
print()
print("Where the tiny op's time goes: AdvCam variants timed interleaved in one process (malloc tuned, 1 thread), and")
print("the C++ floor variants (interleaved in their own process, per configuration). ns per call:")
print()
print("| Variant | Threads | malloc | median | min |")
print("|---|---|---|---|---|")
for r in res:
    if r["workload"] == "add" and (r["side"] == "native" or (r["side"] == "advcam" and r["variant"] != "api")):
        print(f'| {r["side"]}: {r["variant"]} | {r["threads"]} | {r["malloc"]} | {r["median"]:.0f} | {r["min"]:.0f} |')
checks = {(r["side"], r["threads"], r["malloc"]): r["check"] for r in res if "check" in r}
if len(set(round(v, 1) for v in checks.values())) > 1:
    print("\nWARNING: the conv gradient checksums differ between runs:", checks)
else:
    print(f"\nconv checksum sum(w.grad) = {next(iter(checks.values()), 'n/a')} on every run (both sides computed the same thing)")
info = {r["side"]: r for r in rows if r["kind"] == "info"}
print("\n" + "; ".join(f'{s}: libtorch {r["libtorch"]}, {r["runtime"]}' for s, r in info.items()))
EOF
echo "" >&2
echo "raw results: $out" >&2
