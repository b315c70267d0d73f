using AdvCam.Abstractions;
using AdvCam.Torch;

namespace AdvCam.Plugins.Attribution.AdversarialClimbing;

/// <summary>
/// Adversarial climbing at one scale for a batch of groups (one image and one class each; see
/// <see cref="AdvCamObjective"/>): T steps of <c>x ← clamp(x + ξ_g · ∇L / max_g |∇L|, lo_g, hi_g)</c>, the maximum
/// taken over the group's rows (image and mirror together, as the official code normalises its two-image batch), and
/// the accumulated map <c>A = Σ_{t=0}^{T} R_t</c> at the feature map's resolution.
/// </summary>
public static class AdvCamClimb
{
    /// <summary>Added to the gradient's maximum before dividing by it (the official code's 1e-12).</summary>
    public const double GradientEpsilon = 1e-12;

    /// <summary>Runs the climb.</summary>
    /// <param name="model">The classifier (parameters get no gradient: gradients are taken with respect to the images only).</param>
    /// <param name="images">The groups' clean images [G, C, H, W].</param>
    /// <param name="classes">Int64 class per group [G].</param>
    /// <param name="stepSizes">ξ per group, in the images' units [G].</param>
    /// <param name="low">Lower clamp per group [G] (the clean image's minimum).</param>
    /// <param name="high">Upper clamp per group [G] (the clean image's maximum).</param>
    /// <param name="settings">Steps, λ, τ and flip.</param>
    /// <returns>The accumulated maps [G, h, w] (not normalised), a new tensor in the caller's scope.</returns>
    public static Tensor Run(ICamClassifier model, Tensor images, Tensor classes, Tensor stepSizes, Tensor low, Tensor high,
        AdvCamSettings settings)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(settings);
        using var scope = torch.NewDisposeScope();
        long g = images.size(0);
        var rows = settings.Flip ? torch.cat([images, images.flip(3)]) : images;
        var rowClasses = settings.Flip ? torch.cat([classes, classes]) : classes;
        long r = rows.size(0);
        Tensor PerRow(Tensor perGroup) => (settings.Flip ? torch.cat([perGroup, perGroup]) : perGroup).view(r, 1, 1, 1);
        var rowLow = PerRow(low);
        var rowHigh = PerRow(high);
        var rowStep = PerRow(stepSizes);
        var x = rows.detach();
        Tensor? initial = null;
        Tensor? accumulated = null;
        for (var t = 0; t <= settings.Steps; t++)
        {
            using var step = torch.NewDisposeScope();
            var climbing = t < settings.Steps;
            using var mode = climbing ? torch.enable_grad() : torch.no_grad();
            var leaf = climbing ? x.detach().requires_grad_() : x;
            var (maps, scoreTerms) = AdvCamObjective.Evaluate(model, leaf, rowClasses, settings.Flip);
            var current = maps.detach();
            if (initial is null) initial = step.MoveToOuter(current.clone());
            var sum = accumulated is null ? current.clone() : accumulated + current;
            accumulated?.Dispose();
            accumulated = step.MoveToOuter(sum);
            if (!climbing) break;
            var mask = AdvCamObjective.Mask(maps, settings.Tau);
            var loss = AdvCamObjective.Loss(maps, scoreTerms, initial, mask, settings.Lambda);
            var gradient = torch.autograd.grad(loss, leaf);
            using var _ = torch.no_grad();
            var rowPeak = gradient.abs().amax([1L, 2L, 3L]);
            var groupPeak = settings.Flip ? rowPeak.narrow(0, 0, g).maximum(rowPeak.narrow(0, g, g)) : rowPeak;
            var next = leaf.detach() + gradient.div(PerRow(groupPeak) + GradientEpsilon).mul(rowStep);
            var clamped = next.clamp(rowLow, rowHigh);
            x.Dispose();
            x = step.MoveToOuter(clamped);
        }
        return scope.MoveToOuter(accumulated!);
    }
}
