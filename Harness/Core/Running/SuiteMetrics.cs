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

    /// <summary>mIoU of a segmenter's label maps.</summary>
    public const string MeanIoU = "mIoU";
}
