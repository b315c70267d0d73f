// What a tensor is: shape, dtype, device, flags, values.
#include "common.h"

ADVT_EXPORT int advt_dim(TensorHandle h) { ADVT_TRY return static_cast<int>(advt::T(h).dim()); ADVT_CATCH(-1) }

/// Writes up to `capacity` sizes into `out`; returns the number of dimensions.
ADVT_EXPORT int advt_sizes(TensorHandle h, int64_t* out, int capacity) {
  ADVT_TRY
  auto s = advt::T(h).sizes();
  for (size_t i = 0; i < s.size() && static_cast<int>(i) < capacity; ++i) out[i] = s[i];
  return static_cast<int>(s.size());
  ADVT_CATCH(-1)
}
ADVT_EXPORT int64_t advt_numel(TensorHandle h) { ADVT_TRY return advt::T(h).numel(); ADVT_CATCH(-1) }
ADVT_EXPORT int advt_dtype(TensorHandle h) { ADVT_TRY return static_cast<int>(advt::T(h).scalar_type()); ADVT_CATCH(-1) }
ADVT_EXPORT int advt_device_type(TensorHandle h) { ADVT_TRY return static_cast<int>(advt::T(h).device().type()); ADVT_CATCH(-1) }
ADVT_EXPORT int advt_device_index(TensorHandle h) { ADVT_TRY return advt::T(h).device().index(); ADVT_CATCH(-2) }
ADVT_EXPORT int advt_is_contiguous(TensorHandle h) { ADVT_TRY return advt::T(h).is_contiguous() ? 1 : 0; ADVT_CATCH(-1) }

/// The single value of a one-element tensor, as double (status 0) .
ADVT_EXPORT int advt_item_double(TensorHandle h, double* out) { ADVT_STATUS(*out = advt::T(h).item<double>()) }
ADVT_EXPORT int advt_item_long(TensorHandle h, int64_t* out) { ADVT_STATUS(*out = advt::T(h).item<int64_t>()) }

/// A new handle to the same tensor (shares storage and autograd identity).
ADVT_EXPORT TensorHandle advt_alias(TensorHandle h) { ADVT_TENSOR(at::Tensor(advt::T(h))) }

/// Replaces a tensor's data in place, keeping its identity (how Module.to moves parameters).
ADVT_EXPORT int advt_set_data(TensorHandle h, TensorHandle src) {
  ADVT_TRY advt::T(h); h->set_data(advt::T(src, "src")); return 0; ADVT_CATCH(-1)
}

/// Text rendering of a tensor, as libtorch prints it.
ADVT_EXPORT const char* advt_to_string(TensorHandle h) {
  static thread_local std::string text;
  ADVT_TRY
  std::ostringstream os;
  os << advt::T(h);
  text = os.str();
  return text.c_str();
  ADVT_CATCH(nullptr)
}
