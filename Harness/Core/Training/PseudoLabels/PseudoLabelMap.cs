using AdvCam.Abstractions;
using AdvCam.Core.Data.Loading;
using AdvCam.Torch;

namespace AdvCam.Core.Training.PseudoLabels;

/// <summary>
/// Confident pseudo-labels from attribution maps, as IRN and AdvCAM make them for training a segmentation network
/// (IRN's <c>cam_to_ir_label</c>, without the CRF): a pixel is
/// <list type="bullet">
/// <item>class <c>c + 1</c> (confident foreground) when the map of a class present beats the high threshold
/// <c>fg</c>: <c>c</c> is the seed label at <c>fg</c>, <see cref="SeedLabelMap"/>(maps, present, fg) ≠ 0 (the present
/// class with the highest map);</item>
/// <item>0 (confident background) when no present class's map beats the low threshold <c>bg</c>:
/// <see cref="SeedLabelMap"/>(maps, present, bg) = 0;</item>
/// <item><see cref="Batch.IgnoreIndex"/> (255, uncertain: left out of the loss) otherwise.</item>
/// </list>
/// As in <see cref="SeedLabelMap"/>, a map equal to a threshold does not beat it.
/// </summary>
public static class PseudoLabelMap
{
    /// <summary>The pseudo-labels of <paramref name="maps"/>.</summary>
    /// <param name="maps">Float maps [N, K, H, W] in [0, 1].</param>
    /// <param name="present">Bool or 0/1 [N, K]: the classes present in each image (only they compete).</param>
    /// <param name="foreground">The high threshold fg: a class map above it is confident foreground.</param>
    /// <param name="background">The low threshold bg (at most fg): all present maps at or below it is confident background.</param>
    /// <returns>Int64 [N, H, W] on the maps' device: 0, c + 1, or 255.</returns>
    /// <exception cref="ArgumentException">The thresholds are not finite with bg ≤ fg, or the shapes disagree.</exception>
    public static Tensor Compute(Tensor maps, Tensor present, double foreground, double background)
    {
        ArgumentNullException.ThrowIfNull(maps);
        ArgumentNullException.ThrowIfNull(present);
        Check(foreground, background);
        using var scope = torch.NewDisposeScope();
        var confident = SeedLabelMap.Compute(maps, present, foreground);
        var anyAboveLow = SeedLabelMap.Compute(maps, present, background).ne(0);
        var uncertain = confident.eq(0).logical_and(anyAboveLow);
        var labels = confident.masked_fill(uncertain, Batch.IgnoreIndex);
        return scope.MoveToOuter(labels);
    }

    /// <summary>Checks a pair of thresholds.</summary>
    /// <exception cref="ArgumentException">Not finite, or the background threshold above the foreground one.</exception>
    public static void Check(double foreground, double background)
    {
        if (!double.IsFinite(foreground) || !double.IsFinite(background))
            throw new ArgumentException($"the pseudo-label thresholds must be finite, got fg {foreground} and bg {background}");
        if (background > foreground)
            throw new ArgumentException($"the background threshold ({background}) must not exceed the foreground threshold ({foreground})");
    }
}
