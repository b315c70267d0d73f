#!/usr/bin/env bash
# Packs the GPU kit: everything a Linux x64 machine with an NVIDIA GPU, CUDA and PyTorch but no .NET needs to build the
# native shim against PyTorch's libtorch and run AdvCam there (docs/gpu.md). Run it here, on the .NET machine:
#
#   bash scripts/gpu/pack.sh [--out DIR] [--train-images N|all] [--no-tar]
#
# DIR (default gpu-kit/) then holds, laid out as the repository is so that the same paths work in both:
#   run.sh                       the GPU machine's entry point (scripts/gpu/run.sh): builds the shim, runs tests, suites, report
#   advcam/                      `advcam`, self-contained (linux-x64, the .NET runtime inside), its plugins in advcam/plugins/
#   tests/<Project>/             test projects as self-contained test executables (NUnit on Microsoft.Testing.Platform:
#                                ./AdvCam.Torch.Tests --filter ...): Torch.Tests (the binding), Perturbations.Tests,
#                                Suites.Tests (with the CPU-vs-CUDA agreement test), Shipped (the shipped models' suites)
#   benchmarks/                  gpu.sh, the blur benchmark (self-contained) and the PyTorch peers
#   Torch/Native/, scripts/build-native.sh, third_party/stb/   the shim's source, its build script and the stb headers
#   models/                      the shipped models, thresholds and baselines
#   data/fashion-mnist/          Fashion-MNIST: the test split, and the first N training images (default 10000; `all`: 60000)
#   GPU.md, kit.txt              docs/gpu.md, and what was packed from which commit
# and DIR.tar.xz (unless --no-tar) the same, compressed: the file to copy to the GPU machine. Identical files of the
# self-contained folders (the .NET runtime in each) are hard links to one copy, which tar keeps.
# The publishes build in artifacts/gpu-kit/ (their own obj/ and bin/), apart from the tree's bin/ and obj/ folders.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="$root/gpu-kit"
train_images=10000
make_tar=1
while [ $# -gt 0 ]; do
  case "$1" in
    --out) out="$(realpath -m "$2")"; shift 2 ;;
    --train-images) train_images="$2"; shift 2 ;;
    --no-tar) make_tar=0; shift ;;
    -h|--help) sed -n '2,22p' "$0"; exit 0 ;;
    *) echo "pack.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done
case "$train_images" in
  all) ;;
  ''|*[!0-9]*|0) echo "pack.sh: --train-images needs a positive number or 'all'" >&2; exit 2 ;;
esac
command -v dotnet >/dev/null || { echo "pack.sh: needs the .NET SDK (dotnet); run it on the .NET machine, not the GPU one" >&2; exit 1; }
data_dir="${ADVCAM_FASHION_MNIST_DIR:-/usr/share/datasets/fashion-mnist}"
for f in t10k-images-idx3-ubyte.gz t10k-labels-idx1-ubyte.gz train-images-idx3-ubyte.gz train-labels-idx1-ubyte.gz; do
  [ -f "$data_dir/$f" ] || { echo "pack.sh: $data_dir/$f missing (Debian's dataset-fashion-mnist, or ADVCAM_FASHION_MNIST_DIR)" >&2; exit 1; }
done
for f in stb_image.h stb_image_write.h; do
  [ -f "/usr/include/stb/$f" ] || { echo "pack.sh: /usr/include/stb/$f missing (apt-get install libstb-dev)" >&2; exit 1; }
done

lock() { if command -v flock >/dev/null; then flock /tmp/advcam-build.lock nice -n 10 "$@"; else nice -n 10 "$@"; fi; }
artifacts="$root/artifacts/gpu-kit"
start=$SECONDS
rm -rf "$out" "$out.tar.xz"
mkdir -p "$out"

# ---- .NET: self-contained publishes ---------------------------------------------------------------------------------
publish() { # project folder-in-kit [msbuild arguments...]
  local project=$1 dest=$2; shift 2
  echo "== publishing $project -> $dest" >&2
  lock dotnet publish "$root/$project" -c Release -r linux-x64 --self-contained \
    -p:SatelliteResourceLanguages=en --artifacts-path "$artifacts" -o "$out/$dest" -nologo -v q -clp:ErrorsOnly "$@" >&2
}
publish Harness/Cli/Cli.csproj advcam
# Test projects: -p:AdvCamTestExecutable=<name> makes that one an executable on NUnit's Microsoft.Testing.Platform runner
# (Directory.Build.props), which needs no SDK and no `dotnet test` to run.
tests=(tests/Torch.Tests/Torch.Tests.csproj tests/Plugins/Perturbations.Tests/Perturbations.Tests.csproj
       tests/Suites.Tests/Suites.Tests.csproj Suites/Shipped/Shipped.csproj)
for t in "${tests[@]}"; do
  name="$(basename "$t" .csproj)"
  publish "$t" "tests/$name" "-p:AdvCamTestExecutable=$name"
done
publish benchmarks/Blur.Benchmarks/Blur.Benchmarks.csproj benchmarks/blur

# What must be there for the kit to work, checked rather than assumed.
[ -x "$out/advcam/advcam" ] || { echo "pack.sh: advcam/advcam missing after publish" >&2; exit 1; }
ls "$out"/advcam/plugins/*/*.dll >/dev/null 2>&1 || { echo "pack.sh: no plugin in advcam/plugins/ (build/PluginCopy.targets)" >&2; exit 1; }
for exe in tests/Torch.Tests/AdvCam.Torch.Tests tests/Perturbations.Tests/AdvCam.Plugins.Perturbations.Tests \
           tests/Suites.Tests/AdvCam.Suites.Tests tests/Shipped/AdvCam.Suites.Shipped benchmarks/blur/AdvCam.Blur.Benchmarks; do
  [ -x "$out/$exe" ] || { echo "pack.sh: $exe missing after publish" >&2; exit 1; }
done
# Documentation XML files are for IDEs; nothing reads them at run time.
find "$out" \( -name 'AdvCam.*.xml' -o -name 'advcam.xml' \) -delete

# ---- the shim's source, its build script, stb, scripts, models, data -------------------------------------------------
echo "== copying sources, scripts, models and data" >&2
mkdir -p "$out/Torch/Native" "$out/scripts" "$out/third_party/stb" "$out/benchmarks/peer" "$out/data/fashion-mnist"
cp -r "$root/Torch/Native/CMakeLists.txt" "$root/Torch/Native/src" "$out/Torch/Native/"
cp "$root/scripts/build-native.sh" "$out/scripts/"
cp /usr/include/stb/stb_image.h /usr/include/stb/stb_image_write.h "$out/third_party/stb/"
cp "$root/scripts/gpu/run.sh" "$out/run.sh"
cp "$root/benchmarks/gpu.sh" "$out/benchmarks/"
cp "$root/benchmarks/peer/advcam_peer.py" "$root/benchmarks/peer/blur_torch.py" "$root/benchmarks/peer/train_peer.py" "$out/benchmarks/peer/"
cp "$root/docs/gpu.md" "$out/GPU.md"
chmod +x "$out/run.sh" "$out/benchmarks/gpu.sh" "$out/scripts/build-native.sh"
cp -r "$root/models" "$out/models"
cp "$data_dir"/t10k-*-ubyte.gz "$out/data/fashion-mnist/"
if [ "$train_images" = all ]; then
  cp "$data_dir"/train-*-ubyte.gz "$out/data/fashion-mnist/"
else
  # The first N training images and labels, as IDX files of N items (for `advcam train` in benchmarks/gpu.sh).
  python3 - "$data_dir" "$out/data/fashion-mnist" "$train_images" <<'PY'
import gzip, struct, sys
src, dst, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
for name, item in (("train-images-idx3-ubyte.gz", 28 * 28), ("train-labels-idx1-ubyte.gz", 1)):
    data = gzip.open(f"{src}/{name}").read()
    dims = data[3]
    count = struct.unpack(">I", data[4:8])[0]
    if n > count:
        sys.exit(f"pack.sh: --train-images {n} is more than the {count} of {name}")
    header = data[:4] + struct.pack(">I", n) + data[8:4 + 4 * dims]
    body = data[4 + 4 * dims:4 + 4 * dims + n * item]
    with open(f"{dst}/{name}", "wb") as f, gzip.GzipFile(fileobj=f, mode="wb", mtime=0) as g:
        g.write(header + body)
PY
fi

# ---- one copy of each identical file (hard links) --------------------------------------------------------------------
python3 - "$out" <<'PY'
import hashlib, os, sys
root, seen, linked, saved = sys.argv[1], {}, 0, 0
for folder, _, files in os.walk(root):
    for name in sorted(files):
        path = os.path.join(folder, name)
        if os.path.islink(path):
            continue
        st = os.stat(path)
        with open(path, "rb") as f:
            key = (st.st_size, st.st_mode & 0o777, hashlib.sha256(f.read()).hexdigest())
        first = seen.setdefault(key, path)
        if first != path and os.stat(first).st_ino != st.st_ino:
            os.unlink(path)
            os.link(first, path)
            linked += 1
            saved += st.st_size
print(f"pack.sh: {linked} duplicate files made hard links ({saved / 2**20:.0f} MiB saved)", file=sys.stderr)
PY

commit="$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)"
dirty="$(git -C "$root" status --porcelain 2>/dev/null | grep -q . && echo ' plus working-tree changes' || true)"
{
  echo "AdvCam GPU kit, packed $(date -u +%Y-%m-%dT%H:%MZ) from commit $commit$dirty"
  echo ".NET SDK $(dotnet --version), runtime inside each self-contained folder; linux-x64"
  echo "Fashion-MNIST: test split, training split $( [ "$train_images" = all ] && echo complete || echo "first $train_images images")"
  echo "Run on the GPU machine: ./run.sh (GPU.md)"
  echo
  echo "Contents (du, hard links counted once):"
  (cd "$out" && du -sh advcam tests/* benchmarks models data Torch third_party 2>/dev/null)
} > "$out/kit.txt"

size="$(du -sh "$out" | cut -f1)"
echo "== kit: $out ($size on disk)" >&2
if [ "$make_tar" = 1 ]; then
  echo "== compressing $out.tar.xz" >&2
  tar -C "$(dirname "$out")" -cf - "$(basename "$out")" | lock xz -T2 -6 > "$out.tar.xz"
  echo "== $out.tar.xz: $(du -h "$out.tar.xz" | cut -f1)" >&2
fi
echo "== done in $((SECONDS - start)) s" >&2
