namespace AdvCam.Core.Metrics;

/// <summary>
/// How good the seed label maps of an attribution method are at one background threshold (DESIGN.md §6, seed
/// quality), from the (K+1)×(K+1) confusion matrix of the seeds against the ground-truth masks (label 0 background,
/// c + 1 class c; ignored pixels left out).
/// </summary>
/// <param name="Threshold">The background threshold t the seeds were made with.</param>
/// <param name="MeanIoU">mIoU over background and the K classes, averaged over the labels that occur in the ground truth
/// or in the seeds (<see cref="ConfusionMatrix.MeanIntersectionOverUnion"/>); NaN when no pixel was counted.</param>
/// <param name="LabelIoU">IoU per seed label (index 0 background, c + 1 class c); NaN for a label that occurs neither in
/// the ground truth nor in the seeds.</param>
/// <param name="NoiseRatio">The share of the pixels given a class label (predicted foreground) that are truly
/// background: Σ_{p≥1} M[0, p] / Σ_t Σ_{p≥1} M[t, p]; NaN when no pixel was given a class label.</param>
/// <param name="Pixels">The pixels counted (ignored ones excluded).</param>
public sealed record SeedQuality(double Threshold, double MeanIoU, IReadOnlyList<double> LabelIoU, double NoiseRatio, long Pixels)
{
    /// <summary>The quality of the seeds counted in <paramref name="confusion"/>, made with threshold <paramref name="threshold"/>.</summary>
    /// <param name="threshold">The background threshold.</param>
    /// <param name="confusion">Seeds against ground truth, label 0 = background.</param>
    public static SeedQuality From(double threshold, ConfusionMatrix confusion)
    {
        ArgumentNullException.ThrowIfNull(confusion);
        long foreground = 0, noise = 0;
        for (var t = 0; t < confusion.Classes; t++)
            for (var p = 1; p < confusion.Classes; p++)
            {
                foreground += confusion[t, p];
                if (t == 0) noise += confusion[t, p];
            }
        return new SeedQuality(threshold, confusion.MeanIntersectionOverUnion(), confusion.PerClassIntersectionOverUnion(),
            foreground == 0 ? double.NaN : (double)noise / foreground, confusion.Total);
    }
}
