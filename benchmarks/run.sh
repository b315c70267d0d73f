#!/usr/bin/env bash
# AdvCam's libtorch binding against PyTorch on the same libtorch (Debian's libtorch 1.13 / python3-torch), in one run.
#
#   bash benchmarks/run.sh              # build (Release), run every configuration in rounds, print the markdown tables
#   bash benchmarks/run.sh --quick      # a smoke test: 2 rounds, few iterations, numbers meaningless
#   bash benchmarks/run.sh --no-build   # reuse the last Release build
#   bash benchmarks/run.sh --rounds N   # N rounds (default 6; a multiple of 3 puts every side in every slot equally)
#   bash benchmarks/run.sh --no-profile # skip the profile of AdvCam's tiny op (about 20 s)
#
# Configurations: intra-op threads 1 and 2 x glibc malloc "tuned" (AdvCam's start-up mallopt; the PyTorch peer gets
# the same values through MALLOC_*_ variables) and "default" (ADVCAM_MALLOC=default, no MALLOC_*_ variables).
# The machine's speed drifts between processes, so every configuration is measured in ROUNDS: each round starts a
# fresh process for each of AdvCam, PyTorch and the C++ libtorch floor, back to back, in an order that rotates from
# round to round (and between configurations); rounds are the outer loop, so each configuration's rounds are spread
# over the whole run. Reported per side: the median over rounds of the per-round medians, and the minimum over all
# rounds. Raw results (JSON lines, with "round") are kept in $BENCH_OUT (default: a file under /tmp, printed at the
# end). Takes about 5 minutes on 2 cores.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

quick=0
build=1
profile_on=1
rounds=
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=1 ;;
    --no-build) build=0 ;;
    --no-profile) profile_on=0 ;;
    --profile) profile_on=1 ;;
    --rounds) [ $# -ge 2 ] || { echo "run.sh: --rounds needs a value" >&2; exit 2; }
              rounds=$2; shift ;;
    -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done
case "$rounds" in
  '') ;;
  *[!0-9]*|0) echo "run.sh: --rounds needs a positive integer" >&2; exit 2 ;;
esac

python=/usr/bin/python3   # Debian's interpreter with python3-torch, not whatever python3 is first on PATH
project=benchmarks/Torch.Benchmarks/Torch.Benchmarks.csproj
dll=benchmarks/Torch.Benchmarks/bin/Release/net10.0/AdvCam.Torch.Benchmarks.dll
shim=benchmarks/Torch.Benchmarks/bin/Release/net10.0/libadvcam_torch.so
floor_src=benchmarks/native/add_floor.cpp
floor_bin=benchmarks/native/bin/add_floor
out="${BENCH_OUT:-$(mktemp /tmp/advcam-bench.XXXXXX.jsonl)}"
: > "$out"

# Per round and side: tiny op = warm-up, then REPEATS loops of ITERS calls; conv = WARMUP + ITERS iterations.
if [ "$quick" = 1 ]; then
  rounds=${rounds:-2}
  common=(--add-iters 20000 --add-repeats 3 --conv-iters 2 --conv-warmup 1 --warmup-seconds 0.1)
  floor_args=(20000 3 0.1)
  profile=(--add-iters 20000 --add-repeats 3 --warmup-seconds 0.1)
else
  rounds=${rounds:-6}
  common=(--add-iters 60000 --add-repeats 5 --conv-iters 3 --conv-warmup 2 --warmup-seconds 0.25)
  floor_args=(30000 5 0.25)
  profile=(--add-iters 50000 --add-repeats 9 --warmup-seconds 0.3)
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
tag() { sed "s/^{/{\"round\":$1,/"; } # JSON lines get their round number
run_side() { # side malloc threads round
  case "$1" in
    advcam) advcam "$2" "$3" "${common[@]}" | tag "$4" >> "$out" ;;
    pytorch) glibc_env "$2" "$python" benchmarks/peer/torch_peer.py --threads "$3" "${common[@]}" | tag "$4" >> "$out" ;;
    native) glibc_env "$2" "$floor_bin" "$3" "${floor_args[@]}" "$shim" | tag "$4" >> "$out" ;;
  esac
}

load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
echo "== load before: $load_before; $rounds rounds" >&2
start=$SECONDS
sides=(advcam pytorch native)
for ((r = 0; r < rounds; r++)); do
  c=0
  for malloc in tuned default; do
    for threads in 1 2; do
      # Rotate the order (advcam pytorch native -> pytorch native advcam -> native advcam pytorch) from round to
      # round and between configurations, so that no side always runs first, last, or right after another.
      k=$(( (r + c) % 3 ))
      order=("${sides[@]:k}" "${sides[@]:0:k}")
      echo "== round $((r + 1))/$rounds malloc=$malloc threads=$threads: ${order[*]} ($((SECONDS - start)) s)" >&2
      for side in "${order[@]}"; do run_side "$side" "$malloc" "$threads" "$((r + 1))"; done
      c=$((c + 1))
    done
  done
done
if [ "$profile_on" = 1 ]; then
  echo "== profile of the tiny op (malloc=tuned threads=1)" >&2
  profile_out="$(mktemp /tmp/advcam-bench-profile.XXXXXX.jsonl)"
  advcam tuned 1 --workload add --profile "${profile[@]}" > "$profile_out"
  grep -v '"variant":"api"' "$profile_out" | tag 0 >> "$out" || true   # the api row is already in the main results
  rm -f "$profile_out"
fi
load_after="$(cut -d' ' -f1-3 /proc/loadavg)"
echo "== load after: $load_after; $((SECONDS - start)) s of runs" >&2

# ---- report ------------------------------------------------------------------------------------------------------
ADVCAM_DOTNET="$(dotnet --version)" ADVCAM_COMMIT="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)" \
ADVCAM_LOAD="$load_before" ADVCAM_LOAD_AFTER="$load_after" ADVCAM_ROUNDS="$rounds" ADVCAM_SECONDS="$((SECONDS - start))" \
"$python" - "$out" <<'PY'
import json, os, platform, statistics, sys, time
env = os.environ
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "unknown CPU")
print(f'Run {time.strftime("%Y-%m-%d %H:%M %Z")} at commit {env["ADVCAM_COMMIT"]} (plus working-tree changes); '
      f'{os.cpu_count()} CPUs ({cpu}); Linux {platform.release()}; .NET SDK {env["ADVCAM_DOTNET"]}; '
      f'load average {env["ADVCAM_LOAD"]} before, {env["ADVCAM_LOAD_AFTER"]} after; '
      f'{env["ADVCAM_ROUNDS"]} rounds, {env["ADVCAM_SECONDS"]} s of runs.')
print()
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip().startswith("{")]
res = [r for r in rows if r["kind"] == "result"]

def agg(side, workload, variant, threads, malloc):
    """Median over rounds of the per-round medians, range of those, minimum over all rounds' samples."""
    rs = [r for r in res if (r["side"], r["workload"], r["variant"], r["threads"], r["malloc"]) ==
          (side, workload, variant, threads, malloc)]
    if not rs:
        return None
    meds = [r["median"] for r in rs]
    return {"median": statistics.median(meds), "lo": min(meds), "hi": max(meds), "min": min(r["min"] for r in rs),
            "n": len(rs), "unit": rs[0]["unit"]}

def fmt(a):
    if a is None: return "n/a"
    if a["unit"] == "ns/call":
        return f'{a["median"] / 1000:.2f} µs <sub>[{a["lo"] / 1000:.2f}–{a["hi"] / 1000:.2f}]; min {a["min"] / 1000:.2f}</sub>'
    return f'{a["median"]:.1f} ms <sub>[{a["lo"]:.1f}–{a["hi"]:.1f}]; min {a["min"]:.1f}</sub>'

def q(x, y):
    return f"{x / y:.2f}" if x is not None and y and y > 0 else "n/a"

names = {"add": "tiny op `c = a + b` (1 float, result freed), per call",
         "conv2d_fwd_bwd": "conv2d 32×64×56×56 ⊛ 64×64×3×3 pad 1, fwd + `sum().backward()`, per iteration"}
targets = {"add": 0.5, "conv2d_fwd_bwd": 1.05}
configs = [(m, t) for m in ("tuned", "default") for t in (1, 2)]
print("Per side: median over rounds of each round's median <sub>[lowest–highest round median]; minimum over all rounds</sub>.")
print()
print("| Workload | Threads | malloc | AdvCam | PyTorch | AdvCam / PyTorch (medians) | (mins) | Target (total time) |")
print("|---|---|---|---|---|---|---|---|")
for workload in ("add", "conv2d_fwd_bwd"):
    for malloc, threads in configs:
        a = agg("advcam", workload, "api", threads, malloc)
        p = agg("pytorch", workload, "api", threads, malloc)
        rm = a["median"] / p["median"] if a and p else None
        rn = a["min"] / p["min"] if a and p else None
        t = targets[workload]
        verdict = "n/a" if rm is None else (
            "met" if rm <= t and rn <= t else "missed" if rm > t and rn > t else "medians " + ("met" if rm <= t else "missed")
            + ", mins " + ("met" if rn <= t else "missed"))
        print(f'| {names[workload]} | {threads} | {malloc} | {fmt(a)} | {fmt(p)} | '
              f'{"n/a" if rm is None else f"{rm:.2f}"} | {"n/a" if rn is None else f"{rn:.2f}"} | ≤ {t:.2f}: {verdict} |')
print()
print("Tiny op against libtorch's own floor (`at::add` from C++, freeing each result; same configuration and rounds,")
print("separate process). Overhead = time above the floor; from the medians, then from the mins in parentheses:")
print()
print("| Threads | malloc | libtorch floor | AdvCam overhead | PyTorch overhead | overhead ratio AdvCam/PyTorch | Target ≤ 0.50 (overhead) | half of PyTorch's total |")
print("|---|---|---|---|---|---|---|---|")
for malloc, threads in configs:
    f = agg("native", "add", "aten", threads, malloc)
    a = agg("advcam", "add", "api", threads, malloc)
    p = agg("pytorch", "add", "api", threads, malloc)
    if not (f and a and p):
        continue
    ov = lambda x, k: x[k] - f[k]
    def ratio(k):
        d = ov(p, k)
        return ov(a, k) / d if d > 0 else None
    rm, rn = ratio("median"), ratio("min")
    s = lambda x: "n/a" if x is None else f"{x:.2f}"
    verdict = ("met" if rm is not None and rn is not None and rm <= 0.5 and rn <= 0.5 else
               "missed" if rm is not None and rn is not None and rm > 0.5 and rn > 0.5 else
               f'medians {"met" if rm is not None and rm <= 0.5 else "missed"}, mins {"met" if rn is not None and rn <= 0.5 else "missed"}')
    half = (f'{p["median"] / 2:.0f} ns ({p["min"] / 2:.0f}): '
            + ("below" if p["median"] / 2 < f["median"] and p["min"] / 2 < f["min"] else "not below") + " the floor")
    print(f'| {threads} | {malloc} | {f["median"]:.0f} ns ({f["min"]:.0f}) | {ov(a, "median"):.0f} ns ({ov(a, "min"):.0f}) | '
          f'{ov(p, "median"):.0f} ns ({ov(p, "min"):.0f}) | {s(rm)} ({s(rn)}) | {verdict} | {half} |')
print()
print("glibc malloc: \"default\" time / \"tuned\" time per side (> 1: the tuned setting is faster); medians, then mins:")
print()
print("| Workload | Threads | AdvCam default/tuned | PyTorch default/tuned | libtorch floor default/tuned |")
print("|---|---|---|---|---|")
for workload in ("add", "conv2d_fwd_bwd"):
    for threads in (1, 2):
        cells = []
        for side, variant in (("advcam", "api"), ("pytorch", "api"), ("native", "aten")):
            d, t = agg(side, workload, variant, threads, "default"), agg(side, workload, variant, threads, "tuned")
            cells.append(f'{q(d["median"], t["median"])} ({q(d["min"], t["min"])})' if d and t else "—")
        print(f'| {"tiny op" if workload == "add" else "conv2d fwd+bwd"} | {threads} | ' + " | ".join(cells) + " |")
print()
print("Where the tiny op's time goes, ns per call: the C++ floor variants (interleaved in their own process, every")
print("configuration and round; median of round medians, min over rounds) and, if profiled, AdvCam variants timed")
print("interleaved in one process (malloc tuned, 1 thread; median of its repeats, min):")
print()
print("| Variant | Threads | malloc | median | min |")
print("|---|---|---|---|---|")
seen = []
for r in res:
    key = (r["side"], r["variant"], r["threads"], r["malloc"])
    if r["workload"] == "add" and (r["side"] == "native" or (r["side"] == "advcam" and r["variant"] != "api")) and key not in seen:
        seen.append(key)
for side, variant, threads, malloc in sorted(seen, key=lambda k: (k[0] != "native", k[3] != "tuned", k[2], seen.index(k))):
    a = agg(side, "add", variant, threads, malloc)
    print(f'| {side}: {variant} | {threads} | {malloc} | {a["median"]:.0f} | {a["min"]:.0f} |')
checks = [(r["side"], r["threads"], r["malloc"], r.get("round"), r["check"]) for r in res if "check" in r]
values = set(round(c[-1], 1) for c in checks)
if len(values) > 1:
    print("\nWARNING: the conv gradient checksums differ between runs:", checks)
else:
    print(f"\nconv checksum sum(w.grad) = {checks[0][-1] if checks else 'n/a'} on every run ({len(checks)} runs: "
          "both sides computed the same thing)")
info = {r["side"]: r for r in rows if r["kind"] == "info"}
print("\n" + "; ".join(f'{s}: libtorch {r["libtorch"]}, {r["runtime"]}' for s, r in info.items()))
if len(values) > 1:
    sys.exit(1)
PY
echo "" >&2
echo "raw results: $out" >&2
