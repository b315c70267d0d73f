// Process-wide settings: version, threads, devices, seeds, allocator.
#include "common.h"
#include <ATen/Parallel.h>
#include <ATen/detail/CUDAHooksInterface.h>
#include <dlfcn.h>
#include <malloc.h>
#include <sys/stat.h>
#include <torch/csrc/api/include/torch/version.h>
#include <torch/csrc/api/include/torch/cuda.h>

ADVT_EXPORT const char* advt_version() { return TORCH_VERSION; }

ADVT_EXPORT int advt_get_num_threads() { return at::get_num_threads(); }

ADVT_EXPORT int advt_set_num_threads(int n) {
  ADVT_TRY
  if (n < 1) throw std::invalid_argument("thread count must be at least 1, got " + std::to_string(n));
  at::set_num_threads(n);
  return 0;
  ADVT_CATCH(-1)
}

namespace {
std::string cuda_load_error;  // why libtorch_cuda.so, though present, did not load; empty otherwise

int load_cuda() {
  // Loaded already: linked with --no-as-needed (CMakeLists.txt), or by the host.
  if (void* loaded = dlopen("libtorch_cuda.so", RTLD_NOW | RTLD_NOLOAD)) {
    dlclose(loaded);
    return 1;
  }
  // Else look beside the libtorch_cpu that this process has loaded.
  Dl_info info{};
  if (dladdr(reinterpret_cast<void*>(&at::set_num_threads), &info) == 0 || info.dli_fname == nullptr) return 0;
  std::string path(info.dli_fname);
  const auto slash = path.rfind('/');
  path = (slash == std::string::npos ? std::string(".") : path.substr(0, slash)) + "/libtorch_cuda.so";
  struct stat st {};
  if (stat(path.c_str(), &st) != 0) return 0;  // a CPU-only libtorch
  if (dlopen(path.c_str(), RTLD_NOW | RTLD_GLOBAL) != nullptr) return 1;
  const char* why = dlerror();
  cuda_load_error = path + ": " + (why != nullptr ? why : "dlopen failed");
  return -1;
}
}  // namespace

/// Loads libtorch's CUDA half (libtorch_cuda.so, beside libtorch_cpu.so) into the process, once. libtorch registers its
/// CUDA hooks when that library loads and remembers "no CUDA" the first time it is asked without them, so this must run
/// before anything asks about CUDA (the C# loader calls it right after loading the shim). The shim is linked against
/// libtorch_cuda with --no-as-needed, so this only acts when a toolchain dropped the library anyway.
/// Returns 1 when it is loaded (already, or now), 0 when this libtorch has none (a CPU build), -1 when it is there but
/// failed to load (advt_cuda_load_error says why: typically a missing CUDA runtime, cuDNN or driver library).
ADVT_EXPORT int advt_load_cuda() {
  static const int state = load_cuda();
  return state;
}

/// Why libtorch_cuda.so did not load (advt_load_cuda returned -1), or null.
ADVT_EXPORT const char* advt_cuda_load_error() { return cuda_load_error.empty() ? nullptr : cuda_load_error.c_str(); }

ADVT_EXPORT int advt_cuda_is_available() { return at::hasCUDA() ? 1 : 0; }

ADVT_EXPORT int advt_cuda_device_count() {
  ADVT_TRY return at::hasCUDA() ? static_cast<int>(at::detail::getCUDAHooks().getNumGPUs()) : 0;
  ADVT_CATCH(-1)
}

ADVT_EXPORT int advt_cuda_synchronize(int device_index) {
  ADVT_STATUS(torch::cuda::synchronize(device_index))
}

ADVT_EXPORT int advt_manual_seed(uint64_t seed) { ADVT_STATUS(at::manual_seed(seed)) }

/// Deterministic algorithms (cuDNN/cuBLAS choices) on or off.
ADVT_EXPORT int advt_set_deterministic(int on) {
  ADVT_STATUS(at::globalContext().setDeterministicAlgorithms(on != 0, /*warn_only=*/false);
              at::globalContext().setDeterministicCuDNN(on != 0);
              at::globalContext().setBenchmarkCuDNN(on == 0))
}

/// libtorch's build configuration, as at::show_config prints it.
ADVT_EXPORT const char* advt_config() {
  static thread_local std::string text;
  text = at::show_config();
  return text.c_str();
}

/// Keeps glibc from returning large activation buffers to the OS between batches (see DESIGN.md §7):
/// raises the mmap threshold, disables trimming and sets a top pad. Returns 0 when every setting took.
ADVT_EXPORT int advt_configure_allocator(int64_t mmap_threshold, int64_t trim_threshold, int64_t top_pad) {
  int ok = 1;
  if (mmap_threshold >= 0) ok &= mallopt(M_MMAP_THRESHOLD, static_cast<int>(mmap_threshold));
  if (trim_threshold >= 0) ok &= mallopt(M_TRIM_THRESHOLD, static_cast<int>(trim_threshold));
  if (top_pad >= 0) ok &= mallopt(M_TOP_PAD, static_cast<int>(top_pad));
  return ok ? 0 : -1;
}

/// TF32 (float32 inputs multiplied with a 10-bit mantissa on Ampere and newer GPUs) for cuDNN convolutions and cuBLAS
/// matrix products, on or off together. libtorch's defaults: on for convolutions, off for matrix products.
ADVT_EXPORT int advt_set_allow_tf32(int on) {
  ADVT_STATUS(at::globalContext().setAllowTF32CuDNN(on != 0);
              at::globalContext().setAllowTF32CuBLAS(on != 0))
}

/// Whether cuDNN convolutions may use TF32 (1) or not (0).
ADVT_EXPORT int advt_get_allow_tf32_cudnn() { ADVT_TRY return at::globalContext().allowTF32CuDNN() ? 1 : 0; ADVT_CATCH(-1) }
