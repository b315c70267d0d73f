using AdvCam.Abstractions;
using AdvCam.Torch;
using AdvCam.Torch.Nn;

namespace AdvCam.Plugins.Perturbations.AdvBN;

/// <summary>
/// The loss AdvBN ascends (DESIGN.md §6): the cross-entropy, summed over the batch, of
/// <c>forward_from(StatisticsShift(f, d_mu, d_sigma), stage)</c> against the labels, and its gradient with respect to
/// the shifts only.
/// </summary>
/// <remarks>
/// The sum (not the mean) makes each sample's gradient independent of the batch size; the shifts are per sample, so
/// the sign the ascent takes is the same either way. The gradient is taken with <c>torch.autograd.grad</c> with respect
/// to <c>d_mu</c> and <c>d_sigma</c>, so no model parameter gets a <c>.grad</c>.
/// </remarks>
public static class AdvBNObjective
{
    /// <summary>The summed cross-entropy at the given shifts, as a scalar tensor (no graph is kept).</summary>
    /// <param name="model">The classifier.</param>
    /// <param name="stage">The stage <paramref name="features"/> were taken after.</param>
    /// <param name="features">The clean features <c>forward_until(images, stage)</c>.</param>
    /// <param name="labels">Class indices [N] (int64).</param>
    /// <param name="dMu">Relative mean shift [N, C, 1, 1].</param>
    /// <param name="dSigma">Relative deviation shift [N, C, 1, 1].</param>
    /// <param name="relu">Whether the shift ends with ReLU (see <see cref="StatisticsShift.Apply"/>).</param>
    /// <returns>A scalar tensor.</returns>
    public static Tensor Loss(ICamClassifier model, string stage, Tensor features, Tensor labels, Tensor dMu, Tensor dSigma, bool relu)
    {
        ArgumentNullException.ThrowIfNull(model);
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        var logits = model.forward_from(StatisticsShift.Apply(features, dMu, dSigma, relu), stage);
        return scope.MoveToOuter(F.cross_entropy(logits, labels, reduction: Reduction.Sum));
    }

    /// <summary>
    /// The gradients of <see cref="Loss"/> with respect to <paramref name="dMu"/> and <paramref name="dSigma"/> (new
    /// tensors of their shapes, without a graph). The inputs are not changed and no parameter of the model gets a
    /// gradient.
    /// </summary>
    /// <param name="model">The classifier.</param>
    /// <param name="stage">The stage <paramref name="features"/> were taken after.</param>
    /// <param name="features">The clean features <c>forward_until(images, stage)</c>.</param>
    /// <param name="labels">Class indices [N] (int64).</param>
    /// <param name="dMu">Relative mean shift [N, C, 1, 1].</param>
    /// <param name="dSigma">Relative deviation shift [N, C, 1, 1].</param>
    /// <param name="relu">Whether the shift ends with ReLU.</param>
    /// <returns>The two gradients.</returns>
    public static (Tensor GradMu, Tensor GradSigma) Gradient(ICamClassifier model, string stage, Tensor features, Tensor labels,
        Tensor dMu, Tensor dSigma, bool relu)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(dMu);
        ArgumentNullException.ThrowIfNull(dSigma);
        using var enableGrad = torch.enable_grad();
        using var scope = torch.NewDisposeScope();
        var mu = dMu.detach().requires_grad_();
        var sigma = dSigma.detach().requires_grad_();
        var logits = model.forward_from(StatisticsShift.Apply(features.detach(), mu, sigma, relu), stage);
        var loss = F.cross_entropy(logits, labels, reduction: Reduction.Sum);
        var grads = torch.autograd.grad([loss], [mu, sigma]);
        var gradMu = grads[0] ?? torch.zeros_like(mu);
        var gradSigma = grads[1] ?? torch.zeros_like(sigma);
        return (scope.MoveToOuter(gradMu.detach()), scope.MoveToOuter(gradSigma.detach()));
    }
}
