// Views, copies and conversions that change a tensor's shape, layout, dtype or device.
#include "common.h"

using advt::T;
using advt::dims;

ADVT_EXPORT TensorHandle advt_clone(TensorHandle a) { ADVT_TENSOR(T(a).clone()) }
ADVT_EXPORT TensorHandle advt_contiguous(TensorHandle a) { ADVT_TENSOR(T(a).contiguous()) }
ADVT_EXPORT TensorHandle advt_reshape(TensorHandle a, const int64_t* s, int n) { ADVT_TENSOR(T(a).reshape(dims(s, n))) }
ADVT_EXPORT TensorHandle advt_view(TensorHandle a, const int64_t* s, int n) { ADVT_TENSOR(T(a).view(dims(s, n))) }
ADVT_EXPORT TensorHandle advt_permute(TensorHandle a, const int64_t* s, int n) { ADVT_TENSOR(T(a).permute(dims(s, n))) }
ADVT_EXPORT TensorHandle advt_transpose(TensorHandle a, int64_t d0, int64_t d1) { ADVT_TENSOR(T(a).transpose(d0, d1)) }
ADVT_EXPORT TensorHandle advt_expand(TensorHandle a, const int64_t* s, int n) { ADVT_TENSOR(T(a).expand(dims(s, n))) }
ADVT_EXPORT TensorHandle advt_repeat(TensorHandle a, const int64_t* s, int n) { ADVT_TENSOR(T(a).repeat(dims(s, n))) }
ADVT_EXPORT TensorHandle advt_squeeze(TensorHandle a, int64_t d) { ADVT_TENSOR(T(a).squeeze(d)) }
ADVT_EXPORT TensorHandle advt_squeeze_all(TensorHandle a) { ADVT_TENSOR(T(a).squeeze()) }
ADVT_EXPORT TensorHandle advt_unsqueeze(TensorHandle a, int64_t d) { ADVT_TENSOR(T(a).unsqueeze(d)) }
ADVT_EXPORT TensorHandle advt_flatten(TensorHandle a, int64_t start, int64_t end) { ADVT_TENSOR(T(a).flatten(start, end)) }
ADVT_EXPORT TensorHandle advt_narrow(TensorHandle a, int64_t dim, int64_t start, int64_t length) {
  ADVT_TENSOR(T(a).narrow(dim, start, length))
}
ADVT_EXPORT TensorHandle advt_slice(TensorHandle a, int64_t dim, int64_t start, int64_t end, int64_t step) {
  ADVT_TENSOR(T(a).slice(dim, start, end, step))
}
ADVT_EXPORT TensorHandle advt_select(TensorHandle a, int64_t dim, int64_t index) { ADVT_TENSOR(T(a).select(dim, index)) }
ADVT_EXPORT TensorHandle advt_index_select(TensorHandle a, int64_t dim, TensorHandle index) {
  ADVT_TENSOR(T(a).index_select(dim, T(index, "index")))
}
ADVT_EXPORT TensorHandle advt_gather(TensorHandle a, int64_t dim, TensorHandle index) {
  ADVT_TENSOR(T(a).gather(dim, T(index, "index")))
}
ADVT_EXPORT TensorHandle advt_scatter(TensorHandle a, int64_t dim, TensorHandle index, TensorHandle src) {
  ADVT_TENSOR(T(a).scatter(dim, T(index, "index"), T(src, "src")))
}
ADVT_EXPORT TensorHandle advt_scatter_add(TensorHandle a, int64_t dim, TensorHandle index, TensorHandle src) {
  ADVT_TENSOR(T(a).scatter_add(dim, T(index, "index"), T(src, "src")))
}
/// Boolean-mask selection: the elements of `a` where `mask` is true, as a 1-D tensor.
ADVT_EXPORT TensorHandle advt_masked_select(TensorHandle a, TensorHandle mask) {
  ADVT_TENSOR(T(a).masked_select(T(mask, "mask")))
}
ADVT_EXPORT TensorHandle advt_masked_fill(TensorHandle a, TensorHandle mask, double v) {
  ADVT_TRY auto& t = T(a); return advt::wrap(t.masked_fill(T(mask, "mask"), advt::scalar_for(t, v))); ADVT_CATCH(nullptr)
}
ADVT_EXPORT TensorHandle advt_where(TensorHandle cond, TensorHandle a, TensorHandle b) {
  ADVT_TENSOR(at::where(T(cond, "condition"), T(a, "self"), T(b, "other")))
}
/// Indices of the non-zero elements, [count, ndim].
ADVT_EXPORT TensorHandle advt_nonzero(TensorHandle a) { ADVT_TENSOR(T(a).nonzero()) }

static std::vector<at::Tensor> tensor_list(TensorHandle* hs, int n) {
  if (n <= 0) throw std::invalid_argument("expected a non-empty list of tensors");
  std::vector<at::Tensor> v;
  v.reserve(static_cast<size_t>(n));
  for (int i = 0; i < n; ++i) v.push_back(T(hs[i], "list element"));
  return v;
}
ADVT_EXPORT TensorHandle advt_cat(TensorHandle* hs, int n, int64_t dim) { ADVT_TENSOR(at::cat(tensor_list(hs, n), dim)) }
ADVT_EXPORT TensorHandle advt_stack(TensorHandle* hs, int n, int64_t dim) { ADVT_TENSOR(at::stack(tensor_list(hs, n), dim)) }

ADVT_EXPORT TensorHandle advt_to_dtype(TensorHandle a, int dtype) { ADVT_TENSOR(T(a).to(advt::dtype_of(dtype))) }
ADVT_EXPORT TensorHandle advt_to_device(TensorHandle a, int dt, int di, int non_blocking) {
  ADVT_TENSOR(T(a).to(advt::device_of(dt, di), non_blocking != 0))
}
/// Page-locked copy of a CPU tensor, for fast asynchronous host-to-device copies.
ADVT_EXPORT TensorHandle advt_pin_memory(TensorHandle a) { ADVT_TENSOR(T(a).pin_memory()) }

ADVT_EXPORT TensorHandle advt_flip(TensorHandle a, const int64_t* d, int n) { ADVT_TENSOR(T(a).flip(dims(d, n))) }
ADVT_EXPORT TensorHandle advt_roll(TensorHandle a, const int64_t* shifts, int ns, const int64_t* d, int nd) {
  ADVT_TENSOR(T(a).roll(dims(shifts, ns), dims(d, nd)))
}
ADVT_EXPORT TensorHandle advt_tril(TensorHandle a, int64_t k) { ADVT_TENSOR(T(a).tril(k)) }
ADVT_EXPORT TensorHandle advt_triu(TensorHandle a, int64_t k) { ADVT_TENSOR(T(a).triu(k)) }
