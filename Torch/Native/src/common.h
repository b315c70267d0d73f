// Shared conventions of the shim.
//
// Every export is extern "C", takes and returns opaque handles and never lets a C++ exception escape:
// ADVT_TRY / ADVT_CATCH store the message in a thread-local slot that the C# side reads with
// advt_take_error() right after a call reports failure (a null handle or a negative status).
#pragma once
#include "pch.h"
#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

#define ADVT_EXPORT extern "C" __attribute__((visibility("default")))

typedef at::Tensor* TensorHandle;

namespace advt {

void set_error(const char* message);
void set_error(const std::string& message);
void count_created();

/// Moves a result into a new heap handle owned by the caller (freed by advt_free).
inline TensorHandle wrap(at::Tensor&& t) {
  auto* h = new at::Tensor(std::move(t));
  count_created();
  return h;
}

/// A handle the caller passed in; a null handle is a caller error, never a crash.
inline const at::Tensor& T(TensorHandle h, const char* what = "tensor") {
  if (h == nullptr) throw std::invalid_argument(std::string("null handle for argument '") + what + "'");
  if (!h->defined()) throw std::invalid_argument(std::string("undefined tensor for argument '") + what + "'");
  return *h;
}

/// An optional tensor argument: null means absent.
inline c10::optional<at::Tensor> opt(TensorHandle h) {
  if (h == nullptr || !h->defined()) return c10::nullopt;
  return *h;
}

inline at::IntArrayRef dims(const int64_t* values, int count) {
  if (count < 0) throw std::invalid_argument("negative length for an integer list");
  if (count > 0 && values == nullptr) throw std::invalid_argument("null integer list");
  return at::IntArrayRef(values, static_cast<size_t>(count));
}

/// A scalar in the kind the tensor needs: integral tensors get an integral scalar when the value is whole.
inline at::Scalar scalar_for(const at::Tensor& t, double v) {
  if ((at::isIntegralType(t.scalar_type(), /*includeBool=*/true)) && v == static_cast<double>(static_cast<int64_t>(v)))
    return at::Scalar(static_cast<int64_t>(v));
  return at::Scalar(v);
}

inline at::ScalarType dtype_of(int code) {
  if (code < 0 || code > static_cast<int>(at::ScalarType::BFloat16))
    throw std::invalid_argument("unknown dtype code " + std::to_string(code));
  return static_cast<at::ScalarType>(code);
}

inline at::Device device_of(int type, int index) {
  if (type != static_cast<int>(at::DeviceType::CPU) && type != static_cast<int>(at::DeviceType::CUDA))
    throw std::invalid_argument("unsupported device type " + std::to_string(type));
  return at::Device(static_cast<at::DeviceType>(type), static_cast<c10::DeviceIndex>(index));
}

inline at::TensorOptions options(int dtype, int device_type, int device_index) {
  return at::TensorOptions().dtype(dtype_of(dtype)).device(device_of(device_type, device_index));
}

}  // namespace advt

#define ADVT_TRY try {
#define ADVT_CATCH(failure)                                        \
  }                                                                \
  catch (const c10::Error& e) {                                    \
    advt::set_error(e.what_without_backtrace());                   \
    return failure;                                                \
  }                                                                \
  catch (const std::exception& e) {                                \
    advt::set_error(e.what());                                     \
    return failure;                                                \
  }                                                                \
  catch (...) {                                                    \
    advt::set_error("unknown native error");                       \
    return failure;                                                \
  }

/// The body of an export that returns one new tensor.
#define ADVT_TENSOR(expr) ADVT_TRY return advt::wrap(expr); ADVT_CATCH(nullptr)
/// The body of an export that returns a status (0 ok, -1 failed).
#define ADVT_STATUS(stmts) ADVT_TRY stmts; return 0; ADVT_CATCH(-1)
