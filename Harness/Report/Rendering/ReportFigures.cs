using System.Globalization;
using AdvCam.Core.Running;

namespace AdvCam.Report.Rendering;

/// <summary>
/// What the report shows, drawn from suite results: plugin labels, accuracy-against-severity curves, consistency with and
/// without inference defences, attribution scores. Shared by the HTML and the Markdown renderings.
/// </summary>
public static class ReportFigures
{
    /// <summary>
    /// A label per plugin entry of <paramref name="suite"/>, in order: the plugin's name, and for a name the suite runs more
    /// than once, the parameters that tell its entries apart (<c>crop-select (cyclic=true)</c>), or else its place
    /// (<c>name #2</c>).
    /// </summary>
    /// <param name="suite">The results.</param>
    public static IReadOnlyList<string> Labels(SuiteResults suite)
    {
        ArgumentNullException.ThrowIfNull(suite);
        var labels = new string[suite.Plugins.Count];
        foreach (var group in suite.Plugins.Select((p, i) => (Plugin: p, Index: i)).GroupBy(x => x.Plugin.Name, StringComparer.OrdinalIgnoreCase))
        {
            var items = group.ToArray();
            if (items.Length == 1)
            {
                labels[items[0].Index] = items[0].Plugin.Name;
                continue;
            }
            var keys = items.SelectMany(x => x.Plugin.Parameters.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
            var differing = keys.Where(k => items.Select(x => x.Plugin.Parameters.GetValueOrDefault(k)).Distinct().Count() > 1).ToArray();
            var texts = items.Select(x => string.Join(", ", differing.Select(k => $"{k}={x.Plugin.Parameters.GetValueOrDefault(k) ?? "default"}"))).ToArray();
            var distinct = differing.Length > 0 && texts.Distinct().Count() == texts.Length;
            for (var j = 0; j < items.Length; j++)
                labels[items[j].Index] = distinct ? $"{items[j].Plugin.Name} ({texts[j]})" : $"{items[j].Plugin.Name} #{j + 1}";
        }
        return labels;
    }

    /// <summary>The suite's accuracy metric: the clean pass's (<c>top1</c> single-label, <c>mAP</c> multi-label), else the one
    /// its entries use, else <c>top1</c>.</summary>
    /// <param name="suite">The results.</param>
    public static string AccuracyMetric(SuiteResults suite)
    {
        ArgumentNullException.ThrowIfNull(suite);
        if (suite.Clean?.Metrics.FirstOrDefault() is { } m) return m.Metric;
        return suite.Plugins.SelectMany(p => p.Entries).Select(e => e.Metric)
            .FirstOrDefault(n => n is SuiteMetrics.Top1 or SuiteMetrics.MeanAveragePrecision) ?? SuiteMetrics.Top1;
    }

    /// <summary>The clean value of the accuracy metric, or null.</summary>
    /// <param name="suite">The results.</param>
    public static double? CleanAccuracy(SuiteResults suite)
    {
        ArgumentNullException.ThrowIfNull(suite);
        var metric = AccuracyMetric(suite);
        return suite.Clean?.Metrics.FirstOrDefault(m => m.Metric == metric)?.Value;
    }

    /// <summary>
    /// Every perturbation of <paramref name="suite"/> measured at severities (image and model perturbations, not those
    /// measured under a defence): accuracy and consistency against the level.
    /// </summary>
    /// <param name="suite">The results.</param>
    public static IReadOnlyList<SeverityCurve> Curves(SuiteResults suite)
    {
        ArgumentNullException.ThrowIfNull(suite);
        var metric = AccuracyMetric(suite);
        var clean = CleanAccuracy(suite);
        var labels = Labels(suite);
        var curves = new List<SeverityCurve>();
        for (var i = 0; i < suite.Plugins.Count; i++)
        {
            foreach (var kind in new[] { PluginKindNames.ImagePerturbation, PluginKindNames.ModelPerturbation })
            {
                var points = suite.Plugins[i].Entries
                    .Where(e => e.Kind == kind && e.Under is null && e.Severity is not null)
                    .GroupBy(e => e.Severity!.Level)
                    .OrderBy(g => g.Key)
                    .Select(g => new CurvePoint(g.Key, g.First().Severity!.Label,
                        g.FirstOrDefault(e => e.Metric == metric)?.Value,
                        g.FirstOrDefault(e => e.Metric == SuiteMetrics.Consistency)?.Value))
                    .ToArray();
                if (points.Length > 0) curves.Add(new SeverityCurve(suite.Suite.Name, labels[i], kind, metric, clean, points));
            }
        }
        return curves;
    }

    /// <summary>
    /// For every image perturbation of <paramref name="suite"/> that an inference defence was measured under: the row of
    /// the undefended model (when the perturbation also ran on its own) and one row per defence.
    /// </summary>
    /// <param name="suite">The results.</param>
    public static IReadOnlyList<DefenseRow> Defenses(SuiteResults suite)
    {
        ArgumentNullException.ThrowIfNull(suite);
        var metric = AccuracyMetric(suite);
        var labels = Labels(suite);
        var defences = suite.Plugins.Select((p, i) => (Plugin: p, Label: labels[i]))
            .Where(x => x.Plugin.Entries.Any(e => e.Under is not null)).ToArray();
        var rows = new List<DefenseRow>();
        var perturbations = defences.SelectMany(d => d.Plugin.Entries).Select(e => e.Under).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase);
        foreach (var name in perturbations)
        {
            var own = suite.Plugins.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)
                && p.Entries.Any(e => e.Kind == PluginKindNames.ImagePerturbation));
            if (own is not null)
                rows.Add(Row(suite.Suite.Name, name, null, own.Entries.Where(e => e.Kind == PluginKindNames.ImagePerturbation && e.Under is null).ToArray(), metric));
            foreach (var (plugin, label) in defences)
            {
                var under = plugin.Entries.Where(e => string.Equals(e.Under, name, StringComparison.OrdinalIgnoreCase)).ToArray();
                if (under.Length > 0) rows.Add(Row(suite.Suite.Name, name, label, under, metric));
            }
        }
        return rows;
    }

    /// <summary>Attribution seed mIoU and segmenter mIoU per plugin of <paramref name="suite"/> (data with masks only).</summary>
    /// <param name="suite">The results.</param>
    public static IReadOnlyList<AttributionScore> Attributions(SuiteResults suite)
    {
        ArgumentNullException.ThrowIfNull(suite);
        var labels = Labels(suite);
        var scores = new List<AttributionScore>();
        for (var i = 0; i < suite.Plugins.Count; i++)
        {
            var plugin = suite.Plugins[i];
            foreach (var (kind, metric) in new[] { (PluginKindNames.Attribution, SuiteMetrics.SeedMeanIoU), (PluginKindNames.Segmenter, SuiteMetrics.MeanIoU) })
            {
                var entry = plugin.Entries.FirstOrDefault(e => e.Kind == kind && e.Metric == metric);
                if (entry is null && !(plugin.Kinds.Contains(kind) && suite.Data.HasMasks)) continue;
                scores.Add(new AttributionScore(suite.Suite.Name, labels[i], kind, metric, entry?.Value, plugin.Status));
            }
        }
        return scores;
    }

    /// <summary>The plugins of <paramref name="suite"/> that failed or were cancelled, with their labels.</summary>
    /// <param name="suite">The results.</param>
    public static IReadOnlyList<(string Label, PluginResult Plugin)> Failures(SuiteResults suite)
    {
        ArgumentNullException.ThrowIfNull(suite);
        var labels = Labels(suite);
        return suite.Plugins.Select((p, i) => (labels[i], p)).Where(x => x.p.Status is PluginStatus.Failed or PluginStatus.Cancelled).ToArray();
    }

    /// <summary>The suites that measured a fine-tuned model beside its original (<see cref="ReportResults.Comparisons"/>): their
    /// curves are drawn beside the original's rather than alone.</summary>
    /// <param name="report">The results.</param>
    public static IReadOnlySet<string> FineTunedSuites(ReportResults report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return (report.Comparisons ?? []).SelectMany(c => c.Models.Skip(1)).Select(m => m.Suite).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>A compared model as the report names it: <c>fashion-mnist (original)</c>, <c>fashion-mnist-blur-mix (blur-mix)</c>.</summary>
    /// <param name="model">The model.</param>
    public static string ModelLabel(Comparison.ComparedModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return $"{model.Name} ({model.Recipe ?? "original"})";
    }

    /// <summary>A comparison figure's column title: <c>clean</c>, <c>defocus-blur s5 radius=3.92</c> (the strongest level),
    /// <c>advbn worst</c>.</summary>
    /// <param name="figure">The figure (of the original model, whose levels define the strongest).</param>
    public static string FigureTitle(Comparison.ComparisonFigure figure)
    {
        ArgumentNullException.ThrowIfNull(figure);
        return figure.Statistic switch
        {
            Comparison.ModelComparison.Clean => "clean",
            Comparison.ModelComparison.Strongest => $"{figure.Plugin} s{figure.Level} {figure.Severity}".TrimEnd(),
            _ => $"{figure.Plugin} worst",
        };
    }

    /// <summary>A severity's text: <c>3 radius=1.68</c>, or an empty string for none.</summary>
    /// <param name="severity">The severity, or null.</param>
    public static string SeverityText(SeverityInfo? severity) => severity is null ? "" : $"{severity.Level} {severity.Label}";

    /// <summary>The name of a seed label: <c>background</c> for 0, else the Fashion-MNIST class name of label − 1 (the
    /// FashionScenes classes), or <c>class c</c> past them.</summary>
    /// <param name="label">The label (0 background, c + 1 class c).</param>
    public static string LabelName(int label) =>
        label == 0 ? "background" : label - 1 < Core.Data.FashionMnist.ClassNames.Count ? Core.Data.FashionMnist.ClassNames[label - 1] : $"class {label - 1}";

    /// <summary>The snake_case name of a status, as the JSON writes it.</summary>
    /// <param name="status">The status.</param>
    public static string StatusText(PluginStatus status) => status switch
    {
        PluginStatus.NotApplicable => "not_applicable",
        _ => status.ToString().ToLowerInvariant(),
    };

    /// <summary>The mean of the defined values, or null when none is.</summary>
    /// <param name="values">The values.</param>
    public static double? Mean(IEnumerable<double?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var defined = values.OfType<double>().ToArray();
        return defined.Length == 0 ? null : defined.Average();
    }

    /// <summary>A number in invariant culture (for chart data and file names).</summary>
    /// <param name="value">The number.</param>
    public static string Invariant(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static DefenseRow Row(string suite, string perturbation, string? defense, IReadOnlyList<ResultEntry> entries, string metric)
    {
        var perSeverity = entries.Where(e => e.Severity is not null).ToArray();
        return new DefenseRow(suite, perturbation, defense,
            Mean(perSeverity.Where(e => e.Metric == metric).Select(e => e.Value)),
            Mean(perSeverity.Where(e => e.Metric == SuiteMetrics.Consistency).Select(e => e.Value)),
            Mean(perSeverity.Where(e => e.Metric == SuiteMetrics.FoolingRate).Select(e => e.Value)),
            entries.FirstOrDefault(e => e.Severity is null && e.Metric == SuiteMetrics.WorstFoolingRate)?.Value,
            perSeverity.Select(e => e.Severity!.Level).Distinct().Count());
    }
}
