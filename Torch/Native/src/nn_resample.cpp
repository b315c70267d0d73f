// Resampling and padding: interpolate, pad.
#include "common.h"

using advt::T;
using advt::dims;

/// mode: 0 nearest, 1 bilinear, 2 bicubic. Either `size` (2 values) or `scale` (2 values) is given; with a scale the
/// output is floor(input * scale) and the scale itself is used for the sampling grid, as PyTorch does.
ADVT_EXPORT TensorHandle advt_interpolate(TensorHandle x, const int64_t* size, const double* scale, int mode,
                                          int align_corners) {
  ADVT_TRY
  auto& input = T(x, "input");
  if (input.dim() != 4) throw std::invalid_argument("interpolate expects [N, C, H, W] input, got " + c10::str(input.sizes()));
  if ((size == nullptr) == (scale == nullptr)) throw std::invalid_argument("give exactly one of size and scale_factor");
  std::vector<int64_t> out(2);
  c10::optional<double> sh, sw;
  if (size) {
    out = {size[0], size[1]};
  } else {
    if (!(scale[0] > 0) || !(scale[1] > 0)) throw std::invalid_argument("scale factors must be positive");
    out = {static_cast<int64_t>(std::floor(input.size(2) * scale[0])), static_cast<int64_t>(std::floor(input.size(3) * scale[1]))};
    sh = scale[0];
    sw = scale[1];
  }
  if (out[0] <= 0 || out[1] <= 0) throw std::invalid_argument("output size must be positive, got " + c10::str(out));
  switch (mode) {
    case 0:
      if (align_corners) throw std::invalid_argument("align_corners only applies to bilinear and bicubic modes");
      return advt::wrap(at::upsample_nearest2d(input, out, sh, sw));
    case 1: return advt::wrap(at::upsample_bilinear2d(input, out, align_corners != 0, sh, sw));
    case 2: return advt::wrap(at::upsample_bicubic2d(input, out, align_corners != 0, sh, sw));
    default: throw std::invalid_argument("unknown interpolation mode " + std::to_string(mode));
  }
  ADVT_CATCH(nullptr)
}

/// mode: 0 constant, 1 reflect, 2 replicate, 3 circular. `pad` lists (left, right, top, bottom, ...) as F.pad does.
ADVT_EXPORT TensorHandle advt_pad(TensorHandle x, const int64_t* pad, int n, int mode, double value) {
  ADVT_TRY
  static const char* modes[] = {"constant", "reflect", "replicate", "circular"};
  if (mode < 0 || mode > 3) throw std::invalid_argument("unknown pad mode " + std::to_string(mode));
  c10::optional<double> v;
  if (mode == 0) v = value;
  return advt::wrap(at::pad(T(x, "input"), dims(pad, n), modes[mode], v));
  ADVT_CATCH(nullptr)
}
