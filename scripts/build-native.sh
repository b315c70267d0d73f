#!/usr/bin/env bash
# Builds the native shim (Torch/Native) with CMake into the given build folder (default Torch/Native/build).
# libtorch: Debian's libtorch-dev by default; another one (e.g. the CUDA libtorch inside a PyTorch install) through
# ADVCAM_TORCH_DIR or Torch_DIR pointing at its share/cmake/Torch folder.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${1:-$root/Torch/Native/build}"
torch_dir="${ADVCAM_TORCH_DIR:-${Torch_DIR:-}}"

if [ -z "$torch_dir" ]; then
  if [ ! -f /usr/include/ATen/ATen.h ] || [ ! -f /usr/include/stb/stb_image.h ] || ! command -v cmake >/dev/null; then
    echo "build-native: libtorch/stb headers or cmake missing; running scripts/install-deps.sh" >&2
    if ! bash "$root/scripts/install-deps.sh"; then
      echo "error ADVCAM001: the native shim needs Debian packages libtorch-dev libstb-dev cmake g++ (run scripts/install-deps.sh as root), or ADVCAM_TORCH_DIR set to a libtorch's share/cmake/Torch" >&2
      exit 1
    fi
  fi
fi

args=(-S "$root/Torch/Native" -B "$build" -DCMAKE_BUILD_TYPE=Release)
[ -n "$torch_dir" ] && args+=("-DTorch_DIR=$torch_dir")
# Configure on the first build, and again whenever a libtorch is named (it may differ from the cached one).
if [ ! -f "$build/CMakeCache.txt" ] || [ -n "$torch_dir" ]; then
  cmake "${args[@]}" >/dev/null
fi
cmake --build "$build" -j"$(nproc)"
