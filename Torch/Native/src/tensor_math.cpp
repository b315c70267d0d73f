// Elementwise arithmetic, comparisons, unary functions, matrix products and in-place updates.
#include "common.h"

using advt::T;

// ---- binary with a tensor ----
ADVT_EXPORT TensorHandle advt_add(TensorHandle a, TensorHandle b, double alpha) {
  ADVT_TRY auto& x = T(a); return advt::wrap(at::add(x, T(b, "other"), advt::scalar_for(x, alpha))); ADVT_CATCH(nullptr)
}
ADVT_EXPORT TensorHandle advt_sub(TensorHandle a, TensorHandle b, double alpha) {
  ADVT_TRY auto& x = T(a); return advt::wrap(at::sub(x, T(b, "other"), advt::scalar_for(x, alpha))); ADVT_CATCH(nullptr)
}
ADVT_EXPORT TensorHandle advt_mul(TensorHandle a, TensorHandle b) { ADVT_TENSOR(at::mul(T(a), T(b, "other"))) }
ADVT_EXPORT TensorHandle advt_div(TensorHandle a, TensorHandle b) { ADVT_TENSOR(at::div(T(a), T(b, "other"))) }
ADVT_EXPORT TensorHandle advt_remainder(TensorHandle a, TensorHandle b) { ADVT_TENSOR(at::remainder(T(a), T(b, "other"))) }
ADVT_EXPORT TensorHandle advt_pow(TensorHandle a, TensorHandle b) { ADVT_TENSOR(at::pow(T(a), T(b, "exponent"))) }
ADVT_EXPORT TensorHandle advt_maximum(TensorHandle a, TensorHandle b) { ADVT_TENSOR(at::maximum(T(a), T(b, "other"))) }
ADVT_EXPORT TensorHandle advt_minimum(TensorHandle a, TensorHandle b) { ADVT_TENSOR(at::minimum(T(a), T(b, "other"))) }
ADVT_EXPORT TensorHandle advt_logical_and(TensorHandle a, TensorHandle b) { ADVT_TENSOR(at::logical_and(T(a), T(b, "other"))) }
ADVT_EXPORT TensorHandle advt_logical_or(TensorHandle a, TensorHandle b) { ADVT_TENSOR(at::logical_or(T(a), T(b, "other"))) }
ADVT_EXPORT TensorHandle advt_logical_not(TensorHandle a) { ADVT_TENSOR(at::logical_not(T(a))) }

// ---- binary with a scalar ----
#define ADVT_SCALAR_OP(name, expr)                                   \
  ADVT_EXPORT TensorHandle advt_##name##_scalar(TensorHandle a, double v) { \
    ADVT_TRY auto& x = T(a); auto s = advt::scalar_for(x, v); return advt::wrap(expr); ADVT_CATCH(nullptr) \
  }
ADVT_SCALAR_OP(add, at::add(x, s))
ADVT_SCALAR_OP(sub, at::sub(x, s))
ADVT_SCALAR_OP(mul, at::mul(x, s))
ADVT_SCALAR_OP(div, at::div(x, s))
ADVT_SCALAR_OP(rsub, at::rsub(x, s))
ADVT_SCALAR_OP(remainder, at::remainder(x, s))
ADVT_SCALAR_OP(pow, at::pow(x, s))
ADVT_SCALAR_OP(rpow, at::pow(s, x))
ADVT_SCALAR_OP(rdiv, at::mul(at::reciprocal(x), s))
ADVT_SCALAR_OP(eq, at::eq(x, s))
ADVT_SCALAR_OP(ne, at::ne(x, s))
ADVT_SCALAR_OP(lt, at::lt(x, s))
ADVT_SCALAR_OP(le, at::le(x, s))
ADVT_SCALAR_OP(gt, at::gt(x, s))
ADVT_SCALAR_OP(ge, at::ge(x, s))
ADVT_SCALAR_OP(fmod, at::fmod(x, s))

// ---- comparisons ----
ADVT_EXPORT TensorHandle advt_eq(TensorHandle a, TensorHandle b) { ADVT_TENSOR(at::eq(T(a), T(b, "other"))) }
ADVT_EXPORT TensorHandle advt_ne(TensorHandle a, TensorHandle b) { ADVT_TENSOR(at::ne(T(a), T(b, "other"))) }
ADVT_EXPORT TensorHandle advt_lt(TensorHandle a, TensorHandle b) { ADVT_TENSOR(at::lt(T(a), T(b, "other"))) }
ADVT_EXPORT TensorHandle advt_le(TensorHandle a, TensorHandle b) { ADVT_TENSOR(at::le(T(a), T(b, "other"))) }
ADVT_EXPORT TensorHandle advt_gt(TensorHandle a, TensorHandle b) { ADVT_TENSOR(at::gt(T(a), T(b, "other"))) }
ADVT_EXPORT TensorHandle advt_ge(TensorHandle a, TensorHandle b) { ADVT_TENSOR(at::ge(T(a), T(b, "other"))) }
ADVT_EXPORT int advt_equal(TensorHandle a, TensorHandle b) { ADVT_TRY return at::equal(T(a), T(b, "other")) ? 1 : 0; ADVT_CATCH(-1) }
ADVT_EXPORT int advt_allclose(TensorHandle a, TensorHandle b, double rtol, double atol) {
  ADVT_TRY return at::allclose(T(a), T(b, "other"), rtol, atol) ? 1 : 0; ADVT_CATCH(-1)
}
ADVT_EXPORT TensorHandle advt_isnan(TensorHandle a) { ADVT_TENSOR(at::isnan(T(a))) }
ADVT_EXPORT TensorHandle advt_isfinite(TensorHandle a) { ADVT_TENSOR(at::isfinite(T(a))) }

// ---- unary ----
#define ADVT_UNARY(name) ADVT_EXPORT TensorHandle advt_##name(TensorHandle a) { ADVT_TENSOR(at::name(T(a))) }
ADVT_UNARY(neg)
ADVT_UNARY(abs)
ADVT_UNARY(sign)
ADVT_UNARY(exp)
ADVT_UNARY(log)
ADVT_UNARY(log1p)
ADVT_UNARY(sqrt)
ADVT_UNARY(rsqrt)
ADVT_UNARY(sigmoid)
ADVT_UNARY(tanh)
ADVT_UNARY(relu)
ADVT_UNARY(sin)
ADVT_UNARY(cos)
ADVT_UNARY(floor)
ADVT_UNARY(ceil)
ADVT_UNARY(round)
ADVT_UNARY(reciprocal)
ADVT_UNARY(square)
ADVT_UNARY(log_sigmoid)
ADVT_EXPORT TensorHandle advt_leaky_relu(TensorHandle a, double slope) { ADVT_TENSOR(at::leaky_relu(T(a), slope)) }
ADVT_EXPORT TensorHandle advt_clamp(TensorHandle a, double lo, double hi, int has_lo, int has_hi) {
  ADVT_TRY
  auto& x = T(a);
  c10::optional<at::Scalar> l, h;
  if (has_lo) l = advt::scalar_for(x, lo);
  if (has_hi) h = advt::scalar_for(x, hi);
  return advt::wrap(at::clamp(x, l, h));
  ADVT_CATCH(nullptr)
}
ADVT_EXPORT TensorHandle advt_clamp_tensor(TensorHandle a, TensorHandle lo, TensorHandle hi) {
  ADVT_TENSOR(at::clamp(T(a), advt::opt(lo), advt::opt(hi)))
}

// ---- products ----
ADVT_EXPORT TensorHandle advt_matmul(TensorHandle a, TensorHandle b) { ADVT_TENSOR(at::matmul(T(a), T(b, "other"))) }
ADVT_EXPORT TensorHandle advt_linear(TensorHandle x, TensorHandle w, TensorHandle bias) {
  ADVT_TENSOR(at::linear(T(x, "input"), T(w, "weight"), advt::opt(bias)))
}
ADVT_EXPORT TensorHandle advt_einsum(const char* equation, TensorHandle* hs, int n) {
  ADVT_TRY
  std::vector<at::Tensor> v;
  for (int i = 0; i < n; ++i) v.push_back(T(hs[i], "operand"));
  return advt::wrap(at::einsum(equation, v));
  ADVT_CATCH(nullptr)
}

// ---- in place ----
ADVT_EXPORT int advt_add_(TensorHandle a, TensorHandle b, double alpha) {
  ADVT_TRY auto& x = T(a); const_cast<at::Tensor&>(x).add_(T(b, "other"), advt::scalar_for(x, alpha)); return 0; ADVT_CATCH(-1)
}
ADVT_EXPORT int advt_add_scalar_(TensorHandle a, double v) {
  ADVT_TRY auto& x = T(a); const_cast<at::Tensor&>(x).add_(advt::scalar_for(x, v)); return 0; ADVT_CATCH(-1)
}
ADVT_EXPORT int advt_mul_(TensorHandle a, TensorHandle b) { ADVT_TRY T(a); a->mul_(T(b, "other")); return 0; ADVT_CATCH(-1) }
ADVT_EXPORT int advt_mul_scalar_(TensorHandle a, double v) {
  ADVT_TRY auto& x = T(a); const_cast<at::Tensor&>(x).mul_(advt::scalar_for(x, v)); return 0; ADVT_CATCH(-1)
}
ADVT_EXPORT int advt_copy_(TensorHandle dst, TensorHandle src) { ADVT_TRY T(dst); dst->copy_(T(src, "src")); return 0; ADVT_CATCH(-1) }
ADVT_EXPORT int advt_zero_(TensorHandle a) { ADVT_TRY T(a); a->zero_(); return 0; ADVT_CATCH(-1) }
ADVT_EXPORT int advt_fill_(TensorHandle a, double v) { ADVT_TRY auto& x = T(a); a->fill_(advt::scalar_for(x, v)); return 0; ADVT_CATCH(-1) }
ADVT_EXPORT int advt_clamp_(TensorHandle a, double lo, double hi) {
  ADVT_TRY auto& x = T(a); a->clamp_(advt::scalar_for(x, lo), advt::scalar_for(x, hi)); return 0; ADVT_CATCH(-1)
}
ADVT_EXPORT int advt_uniform_(TensorHandle a, double lo, double hi) { ADVT_TRY T(a); a->uniform_(lo, hi); return 0; ADVT_CATCH(-1) }
ADVT_EXPORT int advt_normal_(TensorHandle a, double mean, double std) { ADVT_TRY T(a); a->normal_(mean, std); return 0; ADVT_CATCH(-1) }
