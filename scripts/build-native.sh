#!/usr/bin/env bash
# Builds the native shim (Torch/Native) with CMake into the given build folder (default Torch/Native/build).
# libtorch: Debian's libtorch-dev by default; another one through
#   ADVCAM_TORCH_DIR (or Torch_DIR): its share/cmake/Torch folder, found with find_package(Torch) (a CUDA libtorch then
#     needs the CUDA toolkit), or
#   ADVCAM_LIBTORCH_ROOT: a libtorch folder with include/ and lib/ (pip's torch package folder, an unpacked libtorch zip),
#     used directly (no CUDA toolkit needed); ADVCAM_TORCH_CXX11_ABI=0|1 gives its C++ ABI (else read from its TorchConfig).
# ADVCAM_STB_DIR: a folder with stb_image.h and stb_image_write.h, where Debian's libstb-dev is not installed.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source_dir="$root/Torch/Native"
build="${1:-$source_dir/build}"
torch_dir="${ADVCAM_TORCH_DIR:-${Torch_DIR:-}}"
libtorch_root="${ADVCAM_LIBTORCH_ROOT:-}"

if [ -z "$torch_dir" ] && [ -z "$libtorch_root" ]; then
  if [ ! -f /usr/include/ATen/ATen.h ] || [ ! -f /usr/include/stb/stb_image.h ] || ! command -v cmake >/dev/null; then
    echo "build-native: libtorch/stb headers or cmake missing; running scripts/install-deps.sh" >&2
    if ! bash "$root/scripts/install-deps.sh"; then
      echo "error ADVCAM001: the native shim needs Debian packages libtorch-dev libstb-dev cmake g++ (run scripts/install-deps.sh as root), or ADVCAM_TORCH_DIR set to a libtorch's share/cmake/Torch" >&2
      exit 1
    fi
  fi
fi

args=(-S "$source_dir" -B "$build" -DCMAKE_BUILD_TYPE=Release)
if [ -n "$libtorch_root" ]; then
  args+=("-DADVCAM_LIBTORCH_ROOT=$libtorch_root")
  if [ -n "${ADVCAM_TORCH_CXX11_ABI:-}" ]; then args+=("-DADVCAM_TORCH_CXX11_ABI=$ADVCAM_TORCH_CXX11_ABI"); else args+=(-UADVCAM_TORCH_CXX11_ABI); fi
elif [ -n "$torch_dir" ]; then
  args+=("-DTorch_DIR=$torch_dir" -UADVCAM_LIBTORCH_ROOT -UADVCAM_TORCH_CXX11_ABI)
fi
[ -n "${ADVCAM_STB_DIR:-}" ] && args+=("-DSTB_INCLUDE_DIR=$ADVCAM_STB_DIR")
# Configure on the first build, and again whenever a libtorch is named (it may differ from the cached one).
if [ ! -f "$build/CMakeCache.txt" ] || [ -n "$torch_dir$libtorch_root" ]; then
  cmake "${args[@]}" >/dev/null
fi
cmake --build "$build" -j"$(nproc)"
