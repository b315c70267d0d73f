// Discrete Fourier transforms of real signals: rfftn and its inverse irfftn (torch.fft).
#include "common.h"

using advt::T;
using advt::dims;

namespace {
/// norm: 0 "backward" (the default: no scaling forward, 1/n backward), 1 "forward", 2 "ortho".
c10::optional<c10::string_view> norm_of(int norm) {
  switch (norm) {
    case 0: return c10::string_view("backward");
    case 1: return c10::string_view("forward");
    case 2: return c10::string_view("ortho");
    default: throw std::invalid_argument("unknown FFT normalisation " + std::to_string(norm) + " (0 backward, 1 forward, 2 ortho)");
  }
}

/// The signal sizes (null: the input's own) and the dimensions, which must be as many as the sizes when both are given.
c10::optional<at::IntArrayRef> sizes_of(const int64_t* s, int ns, int nd) {
  if (s == nullptr) return c10::nullopt;
  if (ns != nd)
    throw std::invalid_argument("FFT signal sizes and dimensions differ in number: " + std::to_string(ns) + " sizes for " +
                                std::to_string(nd) + " dimensions");
  for (int i = 0; i < ns; i++)
    if (s[i] <= 0) throw std::invalid_argument("FFT signal sizes must be positive, got " + std::to_string(s[i]));
  return dims(s, ns);
}
}  // namespace

/// torch.fft.rfftn: the transform of a real floating-point tensor over `dim` (nd dimensions), the last one halved
/// (n / 2 + 1 complex values); `s` (ns values, or null) crops or zero-pads each dimension first.
ADVT_EXPORT TensorHandle advt_fft_rfftn(TensorHandle x, const int64_t* s, int ns, const int64_t* dim, int nd, int norm) {
  ADVT_TRY
  auto& input = T(x, "input");
  if (!at::isFloatingType(input.scalar_type()))
    throw std::invalid_argument(std::string("rfftn expects a real floating-point tensor, got ") + c10::toString(input.scalar_type()));
  if (nd <= 0) throw std::invalid_argument("rfftn needs at least one dimension");
  return advt::wrap(at::fft_rfftn(input, sizes_of(s, ns, nd), dims(dim, nd), norm_of(norm)));
  ADVT_CATCH(nullptr)
}

/// torch.fft.irfftn: the real signal of a half spectrum (complex) over `dim`; `s` gives the output sizes (needed to
/// recover an odd last size; null: 2 (n - 1) on the last dimension).
ADVT_EXPORT TensorHandle advt_fft_irfftn(TensorHandle x, const int64_t* s, int ns, const int64_t* dim, int nd, int norm) {
  ADVT_TRY
  auto& input = T(x, "input");
  if (!input.is_complex())
    throw std::invalid_argument(std::string("irfftn expects a complex tensor (a half spectrum), got ") + c10::toString(input.scalar_type()));
  if (nd <= 0) throw std::invalid_argument("irfftn needs at least one dimension");
  return advt::wrap(at::fft_irfftn(input, sizes_of(s, ns, nd), dims(dim, nd), norm_of(norm)));
  ADVT_CATCH(nullptr)
}
