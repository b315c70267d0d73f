using AdvCam.Core.Running;

namespace AdvCam.Core.Regression;

/// <summary>The categories of regression cases (NUnit categories in <c>AdvCam.Suites</c>).</summary>
public static class RegressionCategories
{
    /// <summary>Top-1 accuracy and mAP, clean or under a plugin.</summary>
    public const string Accuracy = "Accuracy";

    /// <summary>Consistency, fooling rate and worst-case fooling rate.</summary>
    public const string Consistency = "Consistency";

    /// <summary>Attribution seed quality (seed mIoU, noise ratio).</summary>
    public const string Attribution = "Attribution";

    /// <summary>Segmenter mIoU.</summary>
    public const string Segmentation = "Segmentation";

    /// <summary>The suite run as a whole (completed, plugins loaded, every threshold used).</summary>
    public const string Suite = "Suite";

    /// <summary>The category of a case about <paramref name="metric"/>.</summary>
    /// <param name="metric">The metric's name (<see cref="SuiteMetrics"/>).</param>
    public static string Of(string metric) => metric switch
    {
        SuiteMetrics.Top1 or SuiteMetrics.MeanAveragePrecision => Accuracy,
        SuiteMetrics.Consistency or SuiteMetrics.FoolingRate or SuiteMetrics.WorstFoolingRate => Consistency,
        SuiteMetrics.MeanIoU => Segmentation,
        _ => Attribution,
    };
}
