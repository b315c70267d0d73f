// Random numbers from seedable generators.
//
// A generator made here is a CPU generator: with one, numbers are drawn on the CPU and then moved to the target
// device, so a seed gives the same numbers on every device. Without one (null), the device's default generator
// (seeded by advt_manual_seed) is used and numbers are drawn where they live.
#include "common.h"
#include <ATen/CPUGeneratorImpl.h>

using advt::T;
typedef at::Generator* GeneratorHandle;

ADVT_EXPORT GeneratorHandle advt_generator_new(uint64_t seed) {
  ADVT_TRY return new at::Generator(at::make_generator<at::CPUGeneratorImpl>(seed)); ADVT_CATCH(nullptr)
}
ADVT_EXPORT void advt_generator_free(GeneratorHandle g) { delete g; }
ADVT_EXPORT int advt_generator_set_seed(GeneratorHandle g, uint64_t seed) {
  ADVT_TRY
  if (!g) throw std::invalid_argument("null generator");
  std::lock_guard<std::mutex> lock(g->mutex());
  g->set_current_seed(seed);
  return 0;
  ADVT_CATCH(-1)
}

namespace {
c10::optional<at::Generator> gen_of(GeneratorHandle g) {
  if (!g) return c10::nullopt;
  return *g;
}
/// Options for drawing: on the CPU when an explicit generator is used, else on the target device.
at::TensorOptions draw_options(GeneratorHandle g, int dtype, int dt, int di) {
  return g ? at::TensorOptions().dtype(advt::dtype_of(dtype)) : advt::options(dtype, dt, di);
}
at::Tensor place(at::Tensor t, int dt, int di) {
  auto dev = advt::device_of(dt, di);
  return t.device() == dev ? t : t.to(dev);
}
}  // namespace

ADVT_EXPORT TensorHandle advt_rand(const int64_t* s, int n, GeneratorHandle g, int dtype, int dt, int di) {
  ADVT_TENSOR(place(at::rand(advt::dims(s, n), gen_of(g), draw_options(g, dtype, dt, di)), dt, di))
}
ADVT_EXPORT TensorHandle advt_randn(const int64_t* s, int n, GeneratorHandle g, int dtype, int dt, int di) {
  ADVT_TENSOR(place(at::randn(advt::dims(s, n), gen_of(g), draw_options(g, dtype, dt, di)), dt, di))
}
ADVT_EXPORT TensorHandle advt_randint(int64_t low, int64_t high, const int64_t* s, int n, GeneratorHandle g, int dtype,
                                      int dt, int di) {
  ADVT_TRY
  if (high <= low) throw std::invalid_argument("randint needs low < high, got [" + std::to_string(low) + ", " + std::to_string(high) + ")");
  return advt::wrap(place(at::randint(low, high, advt::dims(s, n), gen_of(g), draw_options(g, dtype, dt, di)), dt, di));
  ADVT_CATCH(nullptr)
}
ADVT_EXPORT TensorHandle advt_randperm(int64_t count, GeneratorHandle g, int dtype, int dt, int di) {
  ADVT_TENSOR(place(at::randperm(count, gen_of(g), draw_options(g, dtype, dt, di)), dt, di))
}
/// Draws 0/1 with the probabilities in `p` (same shape as the result).
ADVT_EXPORT TensorHandle advt_bernoulli(TensorHandle p, GeneratorHandle g) {
  ADVT_TRY
  auto& probs = T(p, "p");
  if (!g) return advt::wrap(at::bernoulli(probs));
  return advt::wrap(at::bernoulli(probs.to(at::kCPU), gen_of(g)).to(probs.device()));
  ADVT_CATCH(nullptr)
}
ADVT_EXPORT int advt_uniform_gen_(TensorHandle a, double lo, double hi, GeneratorHandle g) {
  ADVT_TRY
  T(a);
  if (!g || a->device().is_cpu()) { a->uniform_(lo, hi, gen_of(g)); return 0; }
  a->copy_(at::empty(a->sizes(), a->options().device(at::kCPU)).uniform_(lo, hi, gen_of(g)));
  return 0;
  ADVT_CATCH(-1)
}
ADVT_EXPORT int advt_normal_gen_(TensorHandle a, double mean, double std, GeneratorHandle g) {
  ADVT_TRY
  T(a);
  if (!g || a->device().is_cpu()) { a->normal_(mean, std, gen_of(g)); return 0; }
  a->copy_(at::empty(a->sizes(), a->options().device(at::kCPU)).normal_(mean, std, gen_of(g)));
  return 0;
  ADVT_CATCH(-1)
}
