// Reductions: over all elements (ndims = 0) or over the given dimensions.
#include "common.h"

using advt::T;
using advt::dims;

/// Hands a (values, indices) result to the caller's two out-handles.
static int write_pair(std::tuple<at::Tensor, at::Tensor>&& r, TensorHandle* values, TensorHandle* indices) {
  *values = advt::wrap(std::move(std::get<0>(r)));
  *indices = advt::wrap(std::move(std::get<1>(r)));
  return 0;
}

static at::OptionalIntArrayRef dim_list(const int64_t* d, int n) {
  if (n == 0) return c10::nullopt;
  return dims(d, n);
}

ADVT_EXPORT TensorHandle advt_sum(TensorHandle a, const int64_t* d, int n, int keepdim) {
  ADVT_TRY
  if (n == 0) return advt::wrap(T(a).sum());
  return advt::wrap(T(a).sum(dims(d, n), keepdim != 0));
  ADVT_CATCH(nullptr)
}
ADVT_EXPORT TensorHandle advt_mean(TensorHandle a, const int64_t* d, int n, int keepdim) {
  ADVT_TRY
  if (n == 0) return advt::wrap(T(a).mean());
  return advt::wrap(T(a).mean(dims(d, n), keepdim != 0));
  ADVT_CATCH(nullptr)
}
ADVT_EXPORT TensorHandle advt_var(TensorHandle a, const int64_t* d, int n, int unbiased, int keepdim) {
  ADVT_TENSOR(at::var(T(a), dim_list(d, n), unbiased != 0, keepdim != 0))
}
ADVT_EXPORT TensorHandle advt_std(TensorHandle a, const int64_t* d, int n, int unbiased, int keepdim) {
  ADVT_TENSOR(at::std(T(a), dim_list(d, n), unbiased != 0, keepdim != 0))
}
ADVT_EXPORT TensorHandle advt_amax(TensorHandle a, const int64_t* d, int n, int keepdim) {
  ADVT_TENSOR(at::amax(T(a), dims(d, n), keepdim != 0))
}
ADVT_EXPORT TensorHandle advt_amin(TensorHandle a, const int64_t* d, int n, int keepdim) {
  ADVT_TENSOR(at::amin(T(a), dims(d, n), keepdim != 0))
}
ADVT_EXPORT TensorHandle advt_max_all(TensorHandle a) { ADVT_TENSOR(T(a).max()) }
ADVT_EXPORT TensorHandle advt_min_all(TensorHandle a) { ADVT_TENSOR(T(a).min()) }
ADVT_EXPORT TensorHandle advt_prod(TensorHandle a) { ADVT_TENSOR(T(a).prod()) }
ADVT_EXPORT TensorHandle advt_all(TensorHandle a) { ADVT_TENSOR(T(a).all()) }
ADVT_EXPORT TensorHandle advt_any(TensorHandle a) { ADVT_TENSOR(T(a).any()) }
ADVT_EXPORT TensorHandle advt_norm(TensorHandle a, double p) { ADVT_TENSOR(at::norm(T(a), p)) }

/// Max/min along one dimension: values and indices.
ADVT_EXPORT int advt_max_dim(TensorHandle a, int64_t dim, int keepdim, TensorHandle* values, TensorHandle* indices) {
  ADVT_TRY
  return write_pair(at::max(T(a), dim, keepdim != 0), values, indices);
  ADVT_CATCH(-1)
}
ADVT_EXPORT int advt_min_dim(TensorHandle a, int64_t dim, int keepdim, TensorHandle* values, TensorHandle* indices) {
  ADVT_TRY
  return write_pair(at::min(T(a), dim, keepdim != 0), values, indices);
  ADVT_CATCH(-1)
}
/// Argmax over all elements (has_dim = 0) or along `dim`.
ADVT_EXPORT TensorHandle advt_argmax(TensorHandle a, int64_t dim, int has_dim, int keepdim) {
  ADVT_TRY
  c10::optional<int64_t> d;
  if (has_dim) d = dim;
  return advt::wrap(at::argmax(T(a), d, keepdim != 0));
  ADVT_CATCH(nullptr)
}
ADVT_EXPORT TensorHandle advt_argmin(TensorHandle a, int64_t dim, int has_dim, int keepdim) {
  ADVT_TRY
  c10::optional<int64_t> d;
  if (has_dim) d = dim;
  return advt::wrap(at::argmin(T(a), d, keepdim != 0));
  ADVT_CATCH(nullptr)
}
ADVT_EXPORT int advt_topk(TensorHandle a, int64_t k, int64_t dim, int largest, int sorted, TensorHandle* values,
                          TensorHandle* indices) {
  ADVT_TRY
  return write_pair(at::topk(T(a), k, dim, largest != 0, sorted != 0), values, indices);
  ADVT_CATCH(-1)
}
ADVT_EXPORT int advt_sort(TensorHandle a, int64_t dim, int descending, TensorHandle* values, TensorHandle* indices) {
  ADVT_TRY
  return write_pair(at::sort(T(a), dim, descending != 0), values, indices);
  ADVT_CATCH(-1)
}
ADVT_EXPORT TensorHandle advt_cumsum(TensorHandle a, int64_t dim) { ADVT_TENSOR(at::cumsum(T(a), dim)) }
/// Counts of each value in a 1-D non-negative integer tensor (confusion matrices).
ADVT_EXPORT TensorHandle advt_bincount(TensorHandle a, int64_t minlength) {
  ADVT_TENSOR(at::bincount(T(a), c10::nullopt, minlength))
}
