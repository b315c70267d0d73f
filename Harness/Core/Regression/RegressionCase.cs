using AdvCam.Core.Running;

namespace AdvCam.Core.Regression;

/// <summary>
/// One checked number of a suite: a plugin (or the clean pass), its kind, the perturbation it ran under, the severity and
/// the metric, with its stable name (<c>gaussian-blur/s3/top1</c>, <c>crop-select/pixel-shift/s1/consistency</c>,
/// <c>clean/top1</c>; <see cref="RegressionPlanner"/> gives the naming rules).
/// </summary>
/// <param name="Name">The case's name, unique in its suite; thresholds and baselines are keyed by it.</param>
/// <param name="PluginIndex">The plugin's 0-based place in the suite (its index in <see cref="SuiteResults.Plugins"/>), or
/// null for the clean pass.</param>
/// <param name="Kind">The plugin kind that measures it (<see cref="PluginKindNames"/>), or null for the clean pass and for a
/// plugin that could not be planned.</param>
/// <param name="Under">For a defence measured under an image perturbation: that perturbation's name; else null.</param>
/// <param name="Level">The severity level, or null (no severity, or a worst case over severities).</param>
/// <param name="Metric">The metric (<see cref="SuiteMetrics"/>), or null for a plugin that could not be planned.</param>
/// <param name="PlanError">Why the plugin's cases could not be planned (not loaded, parameters refused, unknown severity):
/// the case stands for the plugin and fails with this; null otherwise.</param>
public sealed record RegressionCase(string Name, int? PluginIndex, string? Kind, string? Under, int? Level, string? Metric, string? PlanError = null)
{
    /// <summary>The NUnit category (<see cref="RegressionCategories"/>).</summary>
    public string Category => Metric is null ? RegressionCategories.Suite : RegressionCategories.Of(Metric);

    /// <summary>Which way its metric gets better.</summary>
    public MetricDirection Direction => Metric is null ? MetricDirection.HigherIsBetter : MetricDirections.Of(Metric);

    /// <summary>The name for messages: the segments separated by spaces (<c>gaussian-blur s3 top1</c>).</summary>
    public string DisplayName => Name.Replace('/', ' ');

    /// <summary>The measured entry of this case in <paramref name="results"/>, or null when it was not measured.</summary>
    /// <param name="results">The suite's results.</param>
    public MetricValue? Find(SuiteResults results)
    {
        ArgumentNullException.ThrowIfNull(results);
        if (Metric is null) return null;
        if (PluginIndex is null)
            return results.Clean?.Metrics.FirstOrDefault(m => m.Metric == Metric);
        if (PluginIndex >= results.Plugins.Count) return null;
        var entry = results.Plugins[PluginIndex.Value].Entries.FirstOrDefault(e =>
            e.Kind == Kind && e.Under == Under && e.Severity?.Level == Level && e.Metric == Metric && e.Label is null);
        return entry is null ? null : new MetricValue(entry.Metric, entry.Value);
    }

    /// <inheritdoc />
    public override string ToString() => Name;
}
