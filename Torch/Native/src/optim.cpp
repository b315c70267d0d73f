// Fused per-parameter optimizer updates, with PyTorch's exact update rules (torch.optim.SGD, torch.optim.AdamW).
// All updates run without recording autograd history.
#include "common.h"

#include <c10/core/GradMode.h>

using advt::T;

/// SGD with momentum, dampening, Nesterov and weight decay. `*buffer` is the momentum buffer: created on the first
/// step (null in), kept by the caller.
ADVT_EXPORT int advt_sgd_update(TensorHandle param, TensorHandle grad, TensorHandle* buffer, double lr, double momentum,
                                double dampening, double weight_decay, int nesterov, int maximize) {
  ADVT_TRY
  c10::NoGradGuard no_grad;
  auto& p = T(param, "param");
  at::Tensor d = maximize ? -T(grad, "grad") : T(grad, "grad");
  if (weight_decay != 0) d = d.add(p, weight_decay);
  if (momentum != 0) {
    if (*buffer == nullptr) {
      *buffer = advt::wrap(d.clone().detach());
    } else {
      (*buffer)->mul_(momentum).add_(d, 1 - dampening);
    }
    d = nesterov ? d.add(**buffer, momentum) : **buffer;
  }
  param->add_(d, -lr);
  return 0;
  ADVT_CATCH(-1)
}

/// AdamW (decoupled weight decay); `step` is the 1-based step count after this update. exp_avg and exp_avg_sq
/// are created on the first step (null in), kept by the caller.
ADVT_EXPORT int advt_adamw_update(TensorHandle param, TensorHandle grad, TensorHandle* exp_avg, TensorHandle* exp_avg_sq,
                                  int64_t step, double lr, double beta1, double beta2, double eps, double weight_decay) {
  ADVT_TRY
  c10::NoGradGuard no_grad;
  auto& p = T(param, "param");
  auto& g = T(grad, "grad");
  if (step < 1) throw std::invalid_argument("AdamW step must be at least 1");
  if (*exp_avg == nullptr) *exp_avg = advt::wrap(at::zeros_like(p, at::MemoryFormat::Preserve));
  if (*exp_avg_sq == nullptr) *exp_avg_sq = advt::wrap(at::zeros_like(p, at::MemoryFormat::Preserve));
  param->mul_(1 - lr * weight_decay);
  (*exp_avg)->lerp_(g, 1 - beta1);
  (*exp_avg_sq)->mul_(beta2).addcmul_(g, g, 1 - beta2);
  double bias1 = 1 - std::pow(beta1, static_cast<double>(step));
  double bias2 = 1 - std::pow(beta2, static_cast<double>(step));
  auto denom = ((*exp_avg_sq)->sqrt() / std::sqrt(bias2)).add_(eps);
  param->addcdiv_(**exp_avg, denom, -lr / bias1);
  return 0;
  ADVT_CATCH(-1)
}
