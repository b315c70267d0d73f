using AdvCam.Core.Running;

namespace AdvCam.Core.Regression;

/// <summary>The <see cref="MetricDirection"/> of each metric a suite records (<see cref="SuiteMetrics"/>).</summary>
public static class MetricDirections
{
    private static readonly HashSet<string> Worse = new(StringComparer.Ordinal)
    {
        SuiteMetrics.FoolingRate,
        SuiteMetrics.WorstFoolingRate,
        SuiteMetrics.SeedNoiseRatio,
        SuiteMetrics.SeedBestNoiseRatio,
    };

    /// <summary>The direction of <paramref name="metric"/>: higher is worse for the fooling rates and the seed noise
    /// ratios, better for every other metric.</summary>
    /// <param name="metric">The metric's name.</param>
    public static MetricDirection Of(string metric)
    {
        ArgumentNullException.ThrowIfNull(metric);
        return Worse.Contains(metric) ? MetricDirection.HigherIsWorse : MetricDirection.HigherIsBetter;
    }

    /// <summary>Whether <paramref name="metric"/> is one of the metrics where higher is worse.</summary>
    /// <param name="metric">The metric's name.</param>
    public static bool IsHigherWorse(string metric) => Of(metric) == MetricDirection.HigherIsWorse;
}
