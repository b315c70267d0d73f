// Convolution and pooling.
#include "common.h"

using advt::T;
using advt::dims;

ADVT_EXPORT TensorHandle advt_conv2d(TensorHandle x, TensorHandle w, TensorHandle b, const int64_t* stride,
                                     const int64_t* padding, const int64_t* dilation, int64_t groups) {
  ADVT_TENSOR(at::conv2d(T(x, "input"), T(w, "weight"), advt::opt(b), dims(stride, 2), dims(padding, 2),
                         dims(dilation, 2), groups))
}
ADVT_EXPORT TensorHandle advt_conv_transpose2d(TensorHandle x, TensorHandle w, TensorHandle b, const int64_t* stride,
                                               const int64_t* padding, const int64_t* output_padding, int64_t groups,
                                               const int64_t* dilation) {
  ADVT_TENSOR(at::conv_transpose2d(T(x, "input"), T(w, "weight"), advt::opt(b), dims(stride, 2), dims(padding, 2),
                                   dims(output_padding, 2), groups, dims(dilation, 2)))
}
ADVT_EXPORT TensorHandle advt_max_pool2d(TensorHandle x, const int64_t* kernel, const int64_t* stride,
                                         const int64_t* padding, const int64_t* dilation, int ceil_mode) {
  ADVT_TENSOR(at::max_pool2d(T(x, "input"), dims(kernel, 2), dims(stride, 2), dims(padding, 2), dims(dilation, 2),
                             ceil_mode != 0))
}
ADVT_EXPORT TensorHandle advt_avg_pool2d(TensorHandle x, const int64_t* kernel, const int64_t* stride,
                                         const int64_t* padding, int ceil_mode, int count_include_pad) {
  ADVT_TENSOR(at::avg_pool2d(T(x, "input"), dims(kernel, 2), dims(stride, 2), dims(padding, 2), ceil_mode != 0,
                             count_include_pad != 0))
}
ADVT_EXPORT TensorHandle advt_adaptive_avg_pool2d(TensorHandle x, const int64_t* size) {
  ADVT_TENSOR(at::adaptive_avg_pool2d(T(x, "input"), dims(size, 2)))
}
ADVT_EXPORT TensorHandle advt_adaptive_max_pool2d(TensorHandle x, const int64_t* size) {
  ADVT_TENSOR(std::get<0>(at::adaptive_max_pool2d(T(x, "input"), dims(size, 2))))
}
