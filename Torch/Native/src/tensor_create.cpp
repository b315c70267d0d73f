// Tensors from and to managed memory, and the factory functions.
#include "common.h"
#include <cstring>

/// A tensor holding a copy of `data` (row-major, `shape`), created on the CPU then moved to the device.
ADVT_EXPORT TensorHandle advt_from_data(const void* data, int64_t nbytes, const int64_t* shape, int ndim, int dtype,
                                        int device_type, int device_index, int requires_grad) {
  ADVT_TRY
  auto sizes = advt::dims(shape, ndim);
  for (auto s : sizes)
    if (s < 0) throw std::invalid_argument("negative dimension in shape " + c10::str(sizes));
  auto t = at::empty(sizes, at::TensorOptions().dtype(advt::dtype_of(dtype)));
  int64_t expected = t.numel() * static_cast<int64_t>(t.element_size());
  if (expected != nbytes)
    throw std::invalid_argument("data has " + std::to_string(nbytes) + " bytes but shape " + c10::str(sizes) + " of " +
                                std::string(c10::toString(t.scalar_type())) + " needs " + std::to_string(expected));
  if (nbytes > 0) {
    if (data == nullptr) throw std::invalid_argument("null data pointer");
    std::memcpy(t.data_ptr(), data, static_cast<size_t>(nbytes));
  }
  auto dev = advt::device_of(device_type, device_index);
  if (dev != t.device()) t = t.to(dev);
  if (requires_grad) t.requires_grad_(true);
  return advt::wrap(std::move(t));
  ADVT_CATCH(nullptr)
}

/// Copies the tensor's elements (row-major) into `dest`, which holds exactly `nbytes` bytes.
ADVT_EXPORT int advt_copy_to(TensorHandle h, void* dest, int64_t nbytes, int dtype) {
  ADVT_TRY
  auto& t = advt::T(h);
  if (static_cast<int>(t.scalar_type()) != dtype)
    throw std::invalid_argument(std::string("tensor is ") + c10::toString(t.scalar_type()) + " but the destination is " +
                                c10::toString(advt::dtype_of(dtype)));
  auto c = t.detach().to(at::kCPU).contiguous();
  int64_t have = c.numel() * static_cast<int64_t>(c.element_size());
  if (have != nbytes)
    throw std::invalid_argument("tensor has " + std::to_string(have) + " bytes, destination " + std::to_string(nbytes));
  if (nbytes > 0) std::memcpy(dest, c.data_ptr(), static_cast<size_t>(nbytes));
  return 0;
  ADVT_CATCH(-1)
}

/// ATen factories ignore TensorOptions::requires_grad (only the torch:: ones honour it): set the flag afterwards.
static at::Tensor with_grad(at::Tensor t, int rg) {
  if (rg) t.requires_grad_(true);
  return t;
}
ADVT_EXPORT TensorHandle advt_empty(const int64_t* shape, int ndim, int dtype, int dt, int di, int rg) {
  ADVT_TENSOR(with_grad(at::empty(advt::dims(shape, ndim), advt::options(dtype, dt, di)), rg))
}
ADVT_EXPORT TensorHandle advt_zeros(const int64_t* shape, int ndim, int dtype, int dt, int di, int rg) {
  ADVT_TENSOR(with_grad(at::zeros(advt::dims(shape, ndim), advt::options(dtype, dt, di)), rg))
}
ADVT_EXPORT TensorHandle advt_ones(const int64_t* shape, int ndim, int dtype, int dt, int di, int rg) {
  ADVT_TENSOR(with_grad(at::ones(advt::dims(shape, ndim), advt::options(dtype, dt, di)), rg))
}
ADVT_EXPORT TensorHandle advt_full(const int64_t* shape, int ndim, double value, int dtype, int dt, int di, int rg) {
  ADVT_TRY
  auto o = advt::options(dtype, dt, di);
  auto probe = at::empty({0}, o);
  return advt::wrap(with_grad(at::full(advt::dims(shape, ndim), advt::scalar_for(probe, value), o), rg));
  ADVT_CATCH(nullptr)
}
ADVT_EXPORT TensorHandle advt_arange(double start, double end, double step, int dtype, int dt, int di) {
  ADVT_TRY
  auto o = advt::options(dtype, dt, di);
  if (at::isIntegralType(o.dtype().toScalarType(), false))
    return advt::wrap(at::arange(static_cast<int64_t>(start), static_cast<int64_t>(end), static_cast<int64_t>(step), o));
  return advt::wrap(at::arange(start, end, step, o));
  ADVT_CATCH(nullptr)
}
ADVT_EXPORT TensorHandle advt_linspace(double start, double end, int64_t steps, int dtype, int dt, int di) {
  ADVT_TENSOR(at::linspace(start, end, steps, advt::options(dtype, dt, di)))
}
ADVT_EXPORT TensorHandle advt_eye(int64_t n, int dtype, int dt, int di) {
  ADVT_TENSOR(at::eye(n, advt::options(dtype, dt, di)))
}
ADVT_EXPORT TensorHandle advt_zeros_like(TensorHandle a) { ADVT_TENSOR(at::zeros_like(advt::T(a))) }
ADVT_EXPORT TensorHandle advt_ones_like(TensorHandle a) { ADVT_TENSOR(at::ones_like(advt::T(a))) }
ADVT_EXPORT TensorHandle advt_full_like(TensorHandle a, double v) {
  ADVT_TRY auto& t = advt::T(a); return advt::wrap(at::full_like(t, advt::scalar_for(t, v))); ADVT_CATCH(nullptr)
}
/// A 0-dim tensor holding one value.
ADVT_EXPORT TensorHandle advt_scalar_tensor(double v, int dtype, int dt, int di) {
  ADVT_TRY
  auto o = advt::options(dtype, dt, di);
  auto probe = at::empty({0}, o);
  return advt::wrap(at::scalar_tensor(advt::scalar_for(probe, v), o));
  ADVT_CATCH(nullptr)
}
