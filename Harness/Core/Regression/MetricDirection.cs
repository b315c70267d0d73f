namespace AdvCam.Core.Regression;

/// <summary>Which way a metric gets better: what a threshold on it means.</summary>
public enum MetricDirection
{
    /// <summary>Higher is better (accuracy, mAP, consistency, mIoU): a limit is a floor, and a value may fall at most the
    /// tolerance below its baseline.</summary>
    HigherIsBetter,

    /// <summary>Higher is worse (fooling rates, seed noise ratios): a limit is a ceiling, and a value may rise at most the
    /// tolerance above its baseline.</summary>
    HigherIsWorse,
}
