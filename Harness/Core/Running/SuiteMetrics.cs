namespace AdvCam.Core.Running;

/// <summary>The names of the metrics a suite records.</summary>
public static class SuiteMetrics
{
    /// <summary>Top-1 accuracy of a single-label classifier.</summary>
    public const string Top1 = "top1";

    /// <summary>Mean average precision of a multi-label classifier.</summary>
    public const string MeanAveragePrecision = "mAP";

    /// <summary>The share of items whose top-1 prediction is the clean one.</summary>
    public const string Consistency = "consistency";

    /// <summary>The share of items whose top-1 prediction differs from the clean one (1 − consistency).</summary>
    public const string FoolingRate = "fooling_rate";

    /// <summary>
    /// Worst case over a perturbation's severities: the share of items whose top-1 prediction differs from the reference
    /// one at any of the severities run (<see cref="Metrics.ConsistencyMetrics.WorstCaseFoolingRate(ReadOnlySpan{long}, IReadOnlyList{long[]})"/>).
    /// </summary>
    public const string WorstFoolingRate = "worst_fooling_rate";

    /// <summary>mIoU of attribution seeds at the fixed background threshold <see cref="SuiteRunner.SeedThreshold"/>.</summary>
    public const string SeedMeanIoU = "seed_mIoU";

    /// <summary>
    /// Noise ratio of attribution seeds at the fixed threshold: the share of the pixels given a class label that are
    /// truly background (<see cref="Metrics.SeedQuality.NoiseRatio"/>).
    /// </summary>
    public const string SeedNoiseRatio = "seed_noise_ratio";

    /// <summary>IoU of one seed label (entry <see cref="ResultEntry.Label"/>: 0 background, c + 1 class c) at the fixed threshold.</summary>
    public const string SeedIoU = "seed_IoU";

    /// <summary>The highest seed mIoU over the threshold sweep <see cref="Metrics.SeedSweep.DefaultSweep"/>.</summary>
    public const string SeedBestMeanIoU = "seed_mIoU_best";

    /// <summary>The swept threshold that gave <see cref="SeedBestMeanIoU"/> (the lowest one on a tie).</summary>
    public const string SeedBestThreshold = "seed_threshold_best";

    /// <summary>The seed noise ratio at the best threshold.</summary>
    public const string SeedBestNoiseRatio = "seed_noise_ratio_best";

    /// <summary>IoU of one seed label (entry <see cref="ResultEntry.Label"/>) at the best threshold.</summary>
    public const string SeedBestIoU = "seed_IoU_best";

    /// <summary>mIoU of a segmenter's label maps.</summary>
    public const string MeanIoU = "mIoU";
}
