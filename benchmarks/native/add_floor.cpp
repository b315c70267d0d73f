// The floor under the tiny-op row: c = a + b on 1-element float32 tensors, freeing c each iteration, from C++
// with no managed or Python runtime in between. Variants (timed interleaved, round-robin, in one process):
//   "aten":                at::add(a, b) straight into libtorch (what any binding must at least pay);
//   "aten+heap_handle":    the same, the result moved into a new at::Tensor and deleted (what the shim's wrap/free do,
//                          minus its live-tensor counter);
//   "aten_inference_mode": at::add under c10::InferenceMode (skips the autograd dispatch keys; not what PyTorch's
//                          a + b does, shown as the libtorch-side option for inference-only code);
//   "shim_dlopen":         the AdvCam shim's exported advt_add / advt_free, called through dlsym (the shim's own cost on
//                          top: handle allocation, the live counter, argument checks).
// Usage: add_floor THREADS ITERS REPEATS WARMUP_SECONDS PATH/TO/libadvcam_torch.so
// Prints JSON lines like the C# and Python sides (side "native").
#include <ATen/ATen.h>
#include <ATen/Parallel.h>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <dlfcn.h>
#include <functional>
#include <string>
#include <time.h>
#include <vector>

using Clock = std::chrono::steady_clock;
typedef void* (*add_fn)(void*, void*, double);
typedef void (*free_fn)(void*);
typedef void* (*ones_fn)(const int64_t*, int, int, int, int, int);

struct Samples {
  std::vector<double> wall, cpu;
};

static double thread_cpu_ns() {
  timespec t;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return t.tv_sec * 1e9 + t.tv_nsec;
}

// Wall and thread-CPU nanoseconds per call of each loop, as the C# side's Timing.Interleaved measures them:
// each loop warmed up, then REPEATS rounds that time every loop once.
static std::vector<Samples> interleaved(const std::vector<std::function<void(long)>>& loops, long iters, int repeats,
                                        double warmup) {
  for (auto& loop : loops) {
    auto start = Clock::now();
    while (std::chrono::duration<double>(Clock::now() - start).count() < warmup) loop(10000);
  }
  std::vector<Samples> s(loops.size());
  for (int r = 0; r < repeats; ++r) {
    for (size_t k = 0; k < loops.size(); ++k) {
      size_t v = (k + r) % loops.size();
      double c = thread_cpu_ns();
      auto t = Clock::now();
      loops[v](iters);
      s[v].wall.push_back(std::chrono::duration<double, std::nano>(Clock::now() - t).count() / iters);
      s[v].cpu.push_back((thread_cpu_ns() - c) / iters);
    }
  }
  return s;
}

static double median_of(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static std::string join(const std::vector<double>& v) {
  std::string s;
  for (size_t i = 0; i < v.size(); ++i) s += (i ? "," : "") + std::to_string(v[i]);
  return s;
}

static void emit(const char* variant, int threads, const Samples& s) {
  const char* m = std::getenv("MALLOC_MMAP_THRESHOLD_") ? "tuned" : "default";
  std::printf("{\"kind\":\"result\",\"side\":\"native\",\"threads\":%d,\"malloc\":\"%s\",\"workload\":\"add\","
              "\"variant\":\"%s\",\"unit\":\"ns/call\",\"median\":%.3f,\"min\":%.3f,\"max\":%.3f,\"samples\":[%s],"
              "\"cpu_median\":%.3f,\"cpu_min\":%.3f,\"cpu_samples\":[%s]}\n",
              threads, m, variant, median_of(s.wall), *std::min_element(s.wall.begin(), s.wall.end()),
              *std::max_element(s.wall.begin(), s.wall.end()), join(s.wall).c_str(), median_of(s.cpu),
              *std::min_element(s.cpu.begin(), s.cpu.end()), join(s.cpu).c_str());
  std::fflush(stdout);
}

int main(int argc, char** argv) {
  if (argc != 6) {
    std::fprintf(stderr, "usage: add_floor THREADS ITERS REPEATS WARMUP_SECONDS libadvcam_torch.so\n");
    return 2;
  }
  int threads = std::atoi(argv[1]);
  long iters = std::atol(argv[2]);
  int repeats = std::atoi(argv[3]);
  double warmup = std::atof(argv[4]);
  at::set_num_threads(threads);

  void* lib = dlopen(argv[5], RTLD_NOW);
  if (!lib) {
    std::fprintf(stderr, "dlopen failed: %s\n", dlerror());
    return 1;
  }
  auto add = (add_fn)dlsym(lib, "advt_add");
  auto free_ = (free_fn)dlsym(lib, "advt_free");
  auto ones = (ones_fn)dlsym(lib, "advt_ones");
  if (!add || !free_ || !ones) {
    std::fprintf(stderr, "advt_add / advt_free / advt_ones not exported by %s\n", argv[5]);
    return 1;
  }
  int64_t one = 1;
  void* ha = ones(&one, 1, 6, 0, -1, 0);
  void* hb = ones(&one, 1, 6, 0, -1, 0);

  at::Tensor a = at::ones({1}), b = at::ones({1});
  std::vector<const char*> names = {"aten", "aten+heap_handle", "aten_inference_mode", "shim_dlopen"};
  std::vector<std::function<void(long)>> loops = {
      [&](long n) {
        for (long i = 0; i < n; ++i) {
          at::Tensor c = at::add(a, b);
        }
      },
      [&](long n) {
        for (long i = 0; i < n; ++i) delete new at::Tensor(at::add(a, b));
      },
      [&](long n) {
        c10::InferenceMode guard;
        for (long i = 0; i < n; ++i) {
          at::Tensor c = at::add(a, b);
        }
      },
      [&](long n) {
        for (long i = 0; i < n; ++i) free_(add(ha, hb, 1.0));
      },
  };
  auto samples = interleaved(loops, iters, repeats, warmup);
  for (size_t v = 0; v < loops.size(); ++v) emit(names[v], threads, samples[v]);
  free_(ha);
  free_(hb);
  if (at::get_num_threads() != threads) {
    std::fprintf(stderr, "thread count changed to %d\n", at::get_num_threads());
    return 1;
  }
  return 0;
}
