// Normalisation, dropout and activations over a dimension.
#include "common.h"

using advt::T;

/// Batch normalisation; in training mode the running statistics (when given) are updated in place.
ADVT_EXPORT TensorHandle advt_batch_norm(TensorHandle x, TensorHandle weight, TensorHandle bias, TensorHandle running_mean,
                                         TensorHandle running_var, int training, double momentum, double eps) {
  ADVT_TRY
  auto& input = T(x, "input");
  if (input.dim() < 2) throw std::invalid_argument("batch_norm expects at least 2 dimensions, got " + std::to_string(input.dim()));
  if (!training && (running_mean == nullptr || running_var == nullptr))
    throw std::invalid_argument("batch_norm in eval mode needs running_mean and running_var");
  return advt::wrap(at::batch_norm(input, advt::opt(weight), advt::opt(bias), advt::opt(running_mean),
                                   advt::opt(running_var), training != 0, momentum, eps, at::globalContext().userEnabledCuDNN()));
  ADVT_CATCH(nullptr)
}
ADVT_EXPORT TensorHandle advt_dropout(TensorHandle x, double p, int training) { ADVT_TENSOR(at::dropout(T(x), p, training != 0)) }
ADVT_EXPORT TensorHandle advt_softmax(TensorHandle x, int64_t dim) { ADVT_TENSOR(at::softmax(T(x), dim)) }
ADVT_EXPORT TensorHandle advt_log_softmax(TensorHandle x, int64_t dim) { ADVT_TENSOR(at::log_softmax(T(x), dim)) }
