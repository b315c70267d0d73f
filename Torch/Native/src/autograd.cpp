// Autograd: gradient flags, backward, grad of outputs with respect to inputs, grad mode.
#include "common.h"
#include <torch/csrc/autograd/autograd.h>
#include <torch/csrc/autograd/grad_mode.h>

using advt::T;

ADVT_EXPORT int advt_requires_grad(TensorHandle a) { ADVT_TRY return T(a).requires_grad() ? 1 : 0; ADVT_CATCH(-1) }
ADVT_EXPORT int advt_set_requires_grad(TensorHandle a, int on) { ADVT_TRY T(a); a->requires_grad_(on != 0); return 0; ADVT_CATCH(-1) }
ADVT_EXPORT int advt_is_leaf(TensorHandle a) { ADVT_TRY return T(a).is_leaf() ? 1 : 0; ADVT_CATCH(-1) }

/// The accumulated gradient, or null (with no error) when there is none.
ADVT_EXPORT TensorHandle advt_grad(TensorHandle a) {
  ADVT_TRY
  auto g = T(a).grad();
  if (!g.defined()) return nullptr;
  return advt::wrap(std::move(g));
  ADVT_CATCH(nullptr)
}
/// Drops (set_to_none) or zeroes the accumulated gradient.
ADVT_EXPORT int advt_zero_grad(TensorHandle a, int set_to_none) {
  ADVT_TRY
  T(a);
  auto& g = a->mutable_grad();
  if (!g.defined()) return 0;
  if (set_to_none) g.reset();
  else { g = g.detach(); g.zero_(); }
  return 0;
  ADVT_CATCH(-1)
}
ADVT_EXPORT int advt_set_grad(TensorHandle a, TensorHandle g) {
  ADVT_TRY T(a); a->mutable_grad() = g ? T(g, "grad") : at::Tensor(); return 0; ADVT_CATCH(-1)
}
ADVT_EXPORT int advt_backward(TensorHandle a, TensorHandle gradient, int retain_graph, int create_graph) {
  ADVT_TRY
  auto& t = T(a);
  if (!t.requires_grad()) throw std::invalid_argument("backward: the tensor does not require grad and has no grad_fn");
  c10::optional<at::Tensor> g = advt::opt(gradient);
  if (!g && t.numel() != 1)
    throw std::invalid_argument("backward: grad can be implicitly created only for scalar outputs, got shape " + c10::str(t.sizes()));
  t.backward(g ? *g : at::Tensor(), retain_graph != 0, create_graph != 0);
  return 0;
  ADVT_CATCH(-1)
}
/// Gradients of `outputs` (weighted by `grad_outputs`, which may be null for scalar outputs) with respect to
/// `inputs`, written to `results` (null entries for unused inputs when allow_unused).
ADVT_EXPORT int advt_autograd_grad(TensorHandle* outputs, int n_out, TensorHandle* grad_outputs, TensorHandle* inputs,
                                   int n_in, int retain_graph, int create_graph, int allow_unused, TensorHandle* results) {
  ADVT_TRY
  std::vector<at::Tensor> outs, gouts, ins;
  for (int i = 0; i < n_out; ++i) {
    outs.push_back(T(outputs[i], "outputs"));
    gouts.push_back(grad_outputs && grad_outputs[i] ? T(grad_outputs[i], "grad_outputs") : at::Tensor());
  }
  for (int i = 0; i < n_in; ++i) ins.push_back(T(inputs[i], "inputs"));
  auto grads = torch::autograd::grad(outs, ins, gouts, retain_graph ? c10::optional<bool>(true) : c10::optional<bool>(false),
                                     create_graph != 0, allow_unused != 0);
  for (int i = 0; i < n_in; ++i) results[i] = grads[i].defined() ? advt::wrap(std::move(grads[i])) : nullptr;
  return 0;
  ADVT_CATCH(-1)
}
ADVT_EXPORT TensorHandle advt_detach(TensorHandle a) { ADVT_TENSOR(T(a).detach()) }
ADVT_EXPORT int advt_detach_(TensorHandle a) { ADVT_TRY T(a); a->detach_(); return 0; ADVT_CATCH(-1) }
ADVT_EXPORT int advt_is_grad_enabled() { return at::GradMode::is_enabled() ? 1 : 0; }
ADVT_EXPORT void advt_set_grad_enabled(int on) { at::GradMode::set_enabled(on != 0); }
