#!/usr/bin/env bash
# Runs AdvCam on a GPU machine from the GPU kit (scripts/gpu/pack.sh made it; docs/gpu.md): a Linux x64 machine with an
# NVIDIA GPU, CUDA and PyTorch, and no .NET (the kit carries its own runtime).
#
#   ./run.sh [--device cuda|cuda:N|cpu] [--out DIR] [--only STEPS] [--report-args "ARGS"] [--rebuild]
#
# 1. Checks the tools (cmake, a C++ compiler, make; for CUDA nvidia-smi and a PyTorch that sees the GPU) and says what
#    is missing.
# 2. Finds libtorch: ADVCAM_LIBTORCH_ROOT (a libtorch folder with include/ and lib/), else ADVCAM_TORCH_DIR (a
#    share/cmake/Torch folder, found with find_package), else PyTorch's, from
#    `python3 -c 'import torch; print(torch.utils.cmake_prefix_path)'` (ADVCAM_PYTHON names another interpreter), used
#    directly so that no CUDA toolkit is needed. Debian's python3-torch has no share/cmake; then Debian's libtorch-dev
#    is used, with a message.
# 3. Builds the native shim from the kit's Torch/Native against it (build/native/, reused until --rebuild or another
#    libtorch) and puts it beside advcam, the tests and the benchmark, where they load it from.
# 4. Runs, each step logged to DIR/logs/STEP.log, on the device (ADVCAM_DEVICE):
#      info        advcam info: libtorch, CUDA, the device
#      binding     the binding tests (tests/Torch.Tests)
#      plugins     the perturbation plugins' tests (tests/Perturbations.Tests; blur and shifts on the device)
#      suites      the suites' tests (tests/Suites.Tests; not the sample that needs the .NET SDK)
#      shipped     the shipped models' robustness suites (tests/Shipped) on the device
#      agreement   CPU against CUDA on the shipped suites (tests/Suites.Tests, category Cuda; ignored without CUDA)
#      report      `advcam report --device DEVICE`, timed; the report in DIR/report/
#    --only info,binding,... runs some of them. DIR (default: $OUT when set, else ./out) gets summary.md with every
#    step's result, the logs, the test results and the report. The exit code is 0 only when every step passed.
# --device cpu runs the same on the CPU (any libtorch): the way to check the kit on a machine without a GPU.
set -uo pipefail
kit="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
device="${ADVCAM_DEVICE:-cuda}"
out="${OUT:-$kit/out}"
only="info,binding,plugins,suites,shipped,agreement,report"
report_args=""
rebuild=0
while [ $# -gt 0 ]; do
  case "$1" in
    --device) device="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --only) only="$2"; shift 2 ;;
    --report-args) report_args="$2"; shift 2 ;;
    --rebuild) rebuild=1; shift ;;
    -h|--help) sed -n '2,31p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done
case "$device" in
  cpu|cuda|cuda:[0-9]*) ;;
  *) echo "run.sh: --device must be cpu, cuda or cuda:N, got '$device'" >&2; exit 2 ;;
esac
mkdir -p "$out/logs" || exit 1
out="$(cd "$out" && pwd)"
fail() { echo "run.sh: $*" >&2; exit 1; }
note() { echo "== $*" >&2; }
[ -x "$kit/advcam/advcam" ] || fail "$kit/advcam/advcam missing: run.sh runs inside the kit that scripts/gpu/pack.sh makes"
[ "$(uname -sm)" = "Linux x86_64" ] || fail "the kit is for Linux x86_64; this is $(uname -sm)"

# ---- 1. tools ----------------------------------------------------------------------------------------------------------
missing=()
command -v cmake >/dev/null || missing+=("cmake (3.18 or newer)")
command -v c++ >/dev/null || command -v g++ >/dev/null || missing+=("a C++17 compiler (g++)")
command -v make >/dev/null || missing+=("make")
[ ${#missing[@]} -eq 0 ] || fail "missing: ${missing[*]}. On Debian/Ubuntu: apt-get install cmake g++ make"
python="${ADVCAM_PYTHON:-python3}"
if [ "$device" != cpu ]; then
  command -v nvidia-smi >/dev/null || fail "--device $device, but there is no nvidia-smi: no NVIDIA driver on this machine"
  nvidia-smi -L > "$out/logs/nvidia-smi.log" 2>&1 || fail "nvidia-smi failed (the NVIDIA driver does not answer): $(head -3 "$out/logs/nvidia-smi.log")"
  nvidia-smi >> "$out/logs/nvidia-smi.log" 2>&1
  note "GPUs: $(grep -c '^GPU' "$out/logs/nvidia-smi.log"): $(grep '^GPU' "$out/logs/nvidia-smi.log" | head -1)"
fi

# ---- 2. libtorch -------------------------------------------------------------------------------------------------------
torch_env=()
if [ -n "${ADVCAM_LIBTORCH_ROOT:-}" ]; then
  torch_env=(ADVCAM_LIBTORCH_ROOT="$ADVCAM_LIBTORCH_ROOT")
  [ -n "${ADVCAM_TORCH_CXX11_ABI:-}" ] && torch_env+=(ADVCAM_TORCH_CXX11_ABI="$ADVCAM_TORCH_CXX11_ABI")
  libtorch="$ADVCAM_LIBTORCH_ROOT (ADVCAM_LIBTORCH_ROOT)"
elif [ -n "${ADVCAM_TORCH_DIR:-}" ]; then
  torch_env=(ADVCAM_TORCH_DIR="$ADVCAM_TORCH_DIR")
  libtorch="$ADVCAM_TORCH_DIR (ADVCAM_TORCH_DIR, find_package)"
else
  probe="$("$python" - 2>&1 <<'PY'
import os, torch, torch.utils
print("version", torch.__version__)
print("prefix", torch.utils.cmake_prefix_path)
print("root", os.path.dirname(torch.__file__))
print("abi", int(torch.compiled_with_cxx11_abi()))
print("cuda_build", torch.version.cuda or "none")
print("cuda_available", int(torch.cuda.is_available()))
print("gpus", torch.cuda.device_count() if torch.cuda.is_available() else 0)
PY
)"
  field() { sed -n "s/^$1 //p" <<< "$probe"; }
  if [ -z "$(field version)" ]; then
    [ "$device" = cpu ] || fail "no PyTorch: '$python -c \"import torch\"' failed ($(tail -1 <<< "$probe")). Install a CUDA PyTorch (pip install torch), or set ADVCAM_LIBTORCH_ROOT to a libtorch folder, or ADVCAM_PYTHON to the Python that has torch"
    note "no PyTorch in $python ($(tail -1 <<< "$probe")); trying Debian's libtorch-dev"
  fi
  if [ -n "$(field version)" ] && [ -f "$(field prefix)/Torch/TorchConfig.cmake" ]; then
    torch_env=(ADVCAM_LIBTORCH_ROOT="$(field root)" ADVCAM_TORCH_CXX11_ABI="$(field abi)")
    libtorch="PyTorch $(field version) at $(field root) (CUDA build: $(field cuda_build); C++11 ABI: $(field abi))"
    if [ "$device" != cpu ]; then
      [ "$(field cuda_build)" != none ] || fail "PyTorch $(field version) at $(field root) is a CPU-only build; install a CUDA build of PyTorch"
      [ "$(field cuda_available)" = 1 ] || fail "PyTorch $(field version) itself cannot use the GPU (torch.cuda.is_available() is False): a driver or CUDA problem of this machine, not of AdvCam (nvidia-smi: $out/logs/nvidia-smi.log)"
    fi
  else
    if [ -n "$(field version)" ]; then
      note "$python's torch $(field version) at $(field root) has no share/cmake/Torch (Debian's python3-torch ships none): using Debian's libtorch-dev instead; ADVCAM_TORCH_DIR or ADVCAM_LIBTORCH_ROOT name another"
    fi
    debian=/usr/lib/x86_64-linux-gnu/cmake/Torch
    [ -f "$debian/TorchConfig.cmake" ] || fail "no libtorch to build against: no PyTorch with share/cmake/Torch, and no Debian libtorch-dev ($debian). Set ADVCAM_LIBTORCH_ROOT or ADVCAM_TORCH_DIR"
    torch_env=(ADVCAM_TORCH_DIR="$debian")
    libtorch="Debian's libtorch-dev ($debian, find_package)"
  fi
fi
note "libtorch: $libtorch"

# ---- 3. the shim -------------------------------------------------------------------------------------------------------
build="$kit/build/native"
stamp="$build/advcam-libtorch.txt"
if [ "$rebuild" = 1 ] || [ ! -f "$build/libadvcam_torch.so" ] || [ "$(cat "$stamp" 2>/dev/null)" != "${torch_env[*]}" ]; then
  rm -rf "$build"
  mkdir -p "$build"
  note "building the native shim against $libtorch (log: $out/logs/native-build.log)"
  shim_start=$SECONDS
  if ! env "${torch_env[@]}" ADVCAM_STB_DIR="$kit/third_party/stb" bash "$kit/scripts/build-native.sh" "$build" > "$out/logs/native-build.log" 2>&1; then
    tail -30 "$out/logs/native-build.log" >&2
    fail "the native shim did not build against $libtorch; the whole log: $out/logs/native-build.log"
  fi
  echo "${torch_env[*]}" > "$stamp"
  note "shim built in $((SECONDS - shim_start)) s"
fi
shim="$build/libadvcam_torch.so"
if ldd "$shim" | grep -q "not found"; then
  ldd "$shim" >&2
  fail "$shim cannot find some of its libraries (above)"
fi
if ldd "$shim" | grep -q "libtorch_cuda"; then
  note "the shim links libtorch_cuda: $(ldd "$shim" | grep -o '/[^ ]*libtorch_cuda[^ ]*')"
elif [ "$device" != cpu ]; then
  note "the shim does not link libtorch_cuda (a CPU libtorch?); it loads it at start-up when it is beside libtorch_cpu"
fi
apps=("$kit/advcam" "$kit"/tests/* "$kit/benchmarks/blur")
for app in "${apps[@]}"; do
  [ -d "$app" ] && cp --remove-destination "$shim" "$app/libadvcam_torch.so"
done

# ---- 4. the steps ------------------------------------------------------------------------------------------------------
export ADVCAM_DEVICE="$device"
export ADVCAM_FASHION_MNIST_DIR="${ADVCAM_FASHION_MNIST_DIR:-$kit/data/fashion-mnist}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 TESTINGPLATFORM_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
ldconfig="$(command -v ldconfig || echo /sbin/ldconfig)"
if ! { "$ldconfig" -p 2>/dev/null | grep -q libicuuc; } && [ -z "${DOTNET_SYSTEM_GLOBALIZATION_INVARIANT:-}" ]; then
  note "no libicu on this machine: .NET runs in invariant-globalization mode (AdvCam formats with the invariant culture anyway)"
  export DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1
fi
summary="$out/summary.md"
{
  echo "# AdvCam on $(hostname) — device $device"
  echo
  echo "$(head -1 "$kit/kit.txt" 2>/dev/null)"
  echo "Run $(date -u +%Y-%m-%dT%H:%MZ); libtorch: $libtorch; $(nproc) CPUs"
  [ -f "$out/logs/nvidia-smi.log" ] && echo "GPU: $(grep '^GPU' "$out/logs/nvidia-smi.log" | head -1)"
  echo
  echo "| step | result | seconds | details |"
  echo "|---|---|---|---|"
} > "$summary"
failed=0
wanted() { [[ ",$only," == *",$1,"* ]]; }
record() { # step ok|FAILED seconds details
  echo "| $1 | $2 | $3 | $4 |" >> "$summary"
  [ "$2" = ok ] || failed=$((failed + 1))
  note "$1: $2 ($3 s) $4"
}
tests_step() { # step folder exe [test-platform arguments...]
  local step=$1 folder=$2 exe=$3; shift 3
  local log="$out/logs/$step.log" work="$out/work/$step" t0=$SECONDS rc
  mkdir -p "$work"
  # NUnit's work directory (the suites write their results.json and HTML page there) in OUT, not in the kit.
  printf '<RunSettings><NUnit><WorkDirectory>%s</WorkDirectory></NUnit></RunSettings>\n' "$work" > "$out/work/$step.runsettings"
  note "$step: $folder/$exe $* (log: $log)"
  (cd "$work" && "$kit/tests/$folder/$exe" --no-progress --no-ansi --results-directory "$out/test-results/$step" \
    --settings "$out/work/$step.runsettings" "$@") > "$log" 2>&1
  rc=$?
  local counts
  counts="$(grep -E '^\s+(total|failed|succeeded|skipped):' "$log" | tr -s ' ' | tr '\n' ' ' | sed 's/^ //; s/ $//')"
  [ -n "$counts" ] || counts="no test summary (see the log)"
  if [ $rc -eq 0 ]; then record "$step" ok $((SECONDS - t0)) "$counts"; else record "$step" FAILED $((SECONDS - t0)) "exit code $rc; $counts; $log"; fi
}

if wanted info; then
  t0=$SECONDS
  if "$kit/advcam/advcam" --device "$device" info > "$out/logs/info.log" 2>&1; then
    record info ok $((SECONDS - t0)) "$(grep -E '^(libtorch|cuda|device) ' "$out/logs/info.log" | tr -s ' ' | paste -sd ';' -)"
  else
    record info FAILED $((SECONDS - t0)) "$(tail -1 "$out/logs/info.log")"
    echo "run.sh: advcam cannot use $device (above); the other steps would fail the same way" >&2
    cat "$summary" >&2
    exit 1
  fi
fi
wanted binding && tests_step binding Torch.Tests AdvCam.Torch.Tests
wanted plugins && tests_step plugins Perturbations.Tests AdvCam.Plugins.Perturbations.Tests
# The user-model sample builds and runs a project with `dotnet test`: it needs the .NET SDK, which the GPU machine lacks.
wanted suites && tests_step suites Suites.Tests AdvCam.Suites.Tests --filter "FullyQualifiedName!~UserModelSuiteSample&TestCategory!=Cuda"
wanted shipped && tests_step shipped Shipped AdvCam.Suites.Shipped
if wanted agreement; then
  if [ "$device" = cpu ]; then
    # Without CUDA the agreement tests are ignored; the step still shows that they load and run.
    tests_step agreement Suites.Tests AdvCam.Suites.Tests --filter "TestCategory=Cuda" --ignore-exit-code 8
  else
    tests_step agreement Suites.Tests AdvCam.Suites.Tests --filter "TestCategory=Cuda" --minimum-expected-tests 2
    # On a GPU the agreement tests must run, not be ignored for want of CUDA.
    if grep -qE '^\s+skipped: [1-9]' "$out/logs/agreement.log"; then
      record agreement-ran FAILED 0 "the CPU-vs-CUDA tests were skipped: the test process saw no CUDA ($out/logs/agreement.log)"
    fi
  fi
fi
if wanted report; then
  t0=$SECONDS
  read -r -a extra <<< "$report_args"
  note "report: advcam report --device $device --out $out/report ${extra[*]} (log: $out/logs/report.log)"
  if "$kit/advcam/advcam" --device "$device" report --out "$out/report" "${extra[@]}" > "$out/logs/report.log" 2>&1; then
    record report ok $((SECONDS - t0)) "wall $((SECONDS - t0)) s; $out/report/index.html"
  else
    record report FAILED $((SECONDS - t0)) "$(tail -1 "$out/logs/report.log"); $out/logs/report.log"
  fi
fi

echo >> "$summary"
echo "$failed step(s) failed." >> "$summary"
cat "$summary"
[ "$failed" -eq 0 ]
