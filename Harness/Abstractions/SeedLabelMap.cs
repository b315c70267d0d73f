using AdvCam.Torch;

namespace AdvCam.Abstractions;

/// <summary>
/// Turns attribution maps into a seed label map (DESIGN.md §6, seed quality): each pixel takes the argmax over
/// <c>[t, map_c for the classes present]</c>, background (label 0) when the threshold <c>t</c> is not beaten, else
/// <c>c + 1</c>. Background wins ties with a class, and the lower class wins ties between classes (argmax takes the
/// first maximum).
/// </summary>
/// <remarks>
/// Part of the contracts (since contract 1.2) because the host's seed metrics and segmenter plugins that turn attribution
/// maps into label maps (AdvCam.Plugins.Segmentation's <c>attribution-seed</c>) must draw exactly the same seeds.
/// </remarks>
public static class SeedLabelMap
{
    /// <summary>The label maps of <paramref name="maps"/>.</summary>
    /// <param name="maps">Float maps [N, K, H, W] (values in [0, 1]).</param>
    /// <param name="present">Bool or 0/1 [N, K]: the classes present in each image (only they compete).</param>
    /// <param name="threshold">The background threshold t.</param>
    /// <returns>Int64 labels [N, H, W] on the maps' device: 0 background, c + 1 for class c.</returns>
    /// <exception cref="ArgumentException">The shapes disagree, or the threshold is not finite.</exception>
    public static Tensor Compute(Tensor maps, Tensor present, double threshold)
    {
        ArgumentNullException.ThrowIfNull(maps);
        ArgumentNullException.ThrowIfNull(present);
        if (!double.IsFinite(threshold)) throw new ArgumentException($"the threshold must be finite, got {threshold}", nameof(threshold));
        if (maps.dim() != 4) throw new ArgumentException($"maps must be [N, K, H, W], got {maps.ShapeText}", nameof(maps));
        var (n, k, h, w) = (maps.size(0), maps.size(1), maps.size(2), maps.size(3));
        if (present.dim() != 2 || present.size(0) != n || present.size(1) != k)
            throw new ArgumentException($"present classes must be [{n}, {k}] for maps {maps.ShapeText}, got {present.ShapeText}", nameof(present));
        using var scope = torch.NewDisposeScope();
        var absent = present.to(maps.device).to(ScalarType.Bool).logical_not().view(n, k, 1, 1).expand(n, k, h, w);
        // An absent class scores below any threshold a map in [0, 1] can be compared with.
        var floor = Math.Min(threshold, 0) - 1;
        var scores = maps.masked_fill(absent, floor);
        var background = torch.full([n, 1, h, w], threshold, maps.dtype, maps.device);
        var labels = torch.cat([background, scores], 1).argmax(1);
        return scope.MoveToOuter(labels);
    }
}
