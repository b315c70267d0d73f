using AdvCam.Torch;
using AdvCam.Torch.Nn;

namespace AdvCam.Plugins.Perturbations.AdvBN;

/// <summary>
/// The feature transform of AdvBN (Shu et al., NeurIPS 2021; DESIGN.md §6): each sample's channel mean
/// <c>mu</c> and standard deviation <c>sigma</c> over H, W are moved by the relative amounts <c>d_mu</c> and
/// <c>d_sigma</c>: <c>f' = (f - mu) / sigma · sigma (1 + d_sigma) + mu (1 + d_mu)</c>, optionally followed by ReLU as the
/// official code does.
/// </summary>
/// <remarks>
/// <para><c>sigma</c> cancels, so the transform is computed as <c>f + d_sigma (f - mu) + d_mu mu</c>: the same
/// function, defined also for constant channels (<c>sigma = 0</c>), and exactly <c>f</c> when both shifts are 0 (no
/// rounding from dividing and multiplying back). The new channel mean is <c>mu (1 + d_mu)</c> and the new standard
/// deviation <c>sigma |1 + d_sigma|</c>.</para>
/// <para>The official <c>alpha</c> (mean scale) and <c>beta</c> (deviation scale) are <c>1 + d_mu</c> and
/// <c>1 + d_sigma</c>.</para>
/// </remarks>
public static class StatisticsShift
{
    /// <summary>The shifted features, differentiable in all three tensors.</summary>
    /// <param name="features">Feature map [N, C, H, W] (floating point).</param>
    /// <param name="dMu">Relative mean shift [N, C, 1, 1], same dtype and device.</param>
    /// <param name="dSigma">Relative deviation shift [N, C, 1, 1], same dtype and device.</param>
    /// <param name="relu">Whether to apply ReLU to the result (the official AdvBN does; a no-op at zero shift on
    /// features that are already non-negative, as ResNet stage outputs are).</param>
    /// <returns>A new tensor [N, C, H, W].</returns>
    /// <exception cref="ArgumentException">The shapes disagree; the message gives them.</exception>
    public static Tensor Apply(Tensor features, Tensor dMu, Tensor dSigma, bool relu)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(dMu);
        ArgumentNullException.ThrowIfNull(dSigma);
        if (features.dim() != 4)
            throw new ArgumentException($"AdvBN: features must be [N, C, H, W]; got shape {features.ShapeText}", nameof(features));
        long[] expected = [features.size(0), features.size(1), 1, 1];
        if (!dMu.shape.SequenceEqual(expected))
            throw new ArgumentException($"AdvBN: d_mu must have shape [{string.Join(", ", expected)}] for features {features.ShapeText}; got {dMu.ShapeText}", nameof(dMu));
        if (!dSigma.shape.SequenceEqual(expected))
            throw new ArgumentException($"AdvBN: d_sigma must have shape [{string.Join(", ", expected)}] for features {features.ShapeText}; got {dSigma.ShapeText}", nameof(dSigma));
        using var scope = torch.NewDisposeScope();
        var mu = features.mean([2L, 3L], keepdim: true);
        var shifted = features + dSigma * (features - mu) + dMu * mu;
        if (relu) shifted = F.relu(shifted);
        return scope.MoveToOuter(shifted);
    }
}
