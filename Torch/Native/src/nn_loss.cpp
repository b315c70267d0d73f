// Loss functions. reduction: 0 none, 1 mean, 2 sum (at::Reduction).
#include "common.h"

using advt::T;

static int64_t reduction_of(int r) {
  if (r < 0 || r > 2) throw std::invalid_argument("reduction must be 0 (none), 1 (mean) or 2 (sum), got " + std::to_string(r));
  return r;
}

ADVT_EXPORT TensorHandle advt_cross_entropy(TensorHandle input, TensorHandle target, TensorHandle weight, int reduction,
                                            int64_t ignore_index, double label_smoothing) {
  ADVT_TENSOR(at::cross_entropy_loss(T(input, "input"), T(target, "target"), advt::opt(weight), reduction_of(reduction),
                                     ignore_index, label_smoothing))
}
ADVT_EXPORT TensorHandle advt_nll_loss(TensorHandle input, TensorHandle target, TensorHandle weight, int reduction,
                                       int64_t ignore_index) {
  ADVT_TRY
  auto& in = T(input, "input");
  auto& tg = T(target, "target");
  if (in.dim() == 4) return advt::wrap(at::nll_loss2d(in, tg, advt::opt(weight), reduction_of(reduction), ignore_index));
  return advt::wrap(at::nll_loss(in, tg, advt::opt(weight), reduction_of(reduction), ignore_index));
  ADVT_CATCH(nullptr)
}
ADVT_EXPORT TensorHandle advt_bce_with_logits(TensorHandle input, TensorHandle target, TensorHandle weight,
                                              TensorHandle pos_weight, int reduction) {
  ADVT_TENSOR(at::binary_cross_entropy_with_logits(T(input, "input"), T(target, "target"), advt::opt(weight),
                                                   advt::opt(pos_weight), reduction_of(reduction)))
}
/// torch.nn.functional.multilabel_soft_margin_loss: -(y log σ(x) + (1-y) log σ(-x)), averaged over classes.
ADVT_EXPORT TensorHandle advt_multilabel_soft_margin(TensorHandle input, TensorHandle target, TensorHandle weight,
                                                     int reduction) {
  ADVT_TRY
  auto& x = T(input, "input");
  auto& y = T(target, "target");
  if (x.sizes() != y.sizes())
    throw std::invalid_argument("input " + c10::str(x.sizes()) + " and target " + c10::str(y.sizes()) + " differ in shape");
  if (x.dim() != 2) throw std::invalid_argument("multilabel_soft_margin_loss expects [N, C] input, got " + c10::str(x.sizes()));
  auto loss = -(y * at::log_sigmoid(x) + (1 - y) * at::log_sigmoid(-x));
  if (auto w = advt::opt(weight)) loss = loss * *w;
  loss = loss.sum(1) / x.size(1);
  switch (reduction_of(reduction)) {
    case 0: return advt::wrap(std::move(loss));
    case 2: return advt::wrap(loss.sum());
    default: return advt::wrap(loss.mean());
  }
  ADVT_CATCH(nullptr)
}
ADVT_EXPORT TensorHandle advt_mse_loss(TensorHandle input, TensorHandle target, int reduction) {
  ADVT_TENSOR(at::mse_loss(T(input, "input"), T(target, "target"), reduction_of(reduction)))
}
ADVT_EXPORT TensorHandle advt_l1_loss(TensorHandle input, TensorHandle target, int reduction) {
  ADVT_TENSOR(at::l1_loss(T(input, "input"), T(target, "target"), reduction_of(reduction)))
}
