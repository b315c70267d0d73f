using System.Globalization;
using AdvCam.Abstractions;
using AdvCam.Core.Plugins;
using AdvCam.Core.Running;

namespace AdvCam.Core.Regression;

/// <summary>
/// Lists the cases of a suite from the plugins found, without running anything: what <see cref="SuiteRunner"/> will
/// measure, one case per plugin × (perturbation under) × severity × metric.
/// </summary>
/// <remarks>
/// <para><b>Names</b> (segments joined by <c>/</c>): <c>clean/&lt;metric&gt;</c>; an image or model perturbation
/// <c>&lt;plugin&gt;/s&lt;level&gt;/&lt;metric&gt;</c> and <c>&lt;plugin&gt;/worst_fooling_rate</c>; an inference defence
/// <c>&lt;plugin&gt;/&lt;metric&gt;</c> and, under each perturbation, <c>&lt;plugin&gt;/&lt;perturbation&gt;/s&lt;level&gt;/&lt;metric&gt;</c>
/// and <c>&lt;plugin&gt;/&lt;perturbation&gt;/worst_fooling_rate</c>; an attribution <c>&lt;plugin&gt;/&lt;metric&gt;</c> for
/// <c>seed_mIoU</c>, <c>seed_noise_ratio</c>, <c>seed_mIoU_best</c>, <c>seed_noise_ratio_best</c> (the per-label IoUs and the
/// best threshold are recorded in the results, not checked); a segmenter <c>&lt;plugin&gt;/mIoU</c>. The metric of accuracy is
/// <c>top1</c> on single-label data, <c>mAP</c> on multi-label data.</para>
/// <para><b>Plugin segment</b>: the plugin's name; when the suite lists a plugin more than once, an entry with parameter
/// overrides is named with them, <c>crop-select(cyclic=true)</c>, and so is a perturbation listed twice under a defence. A
/// name still taken gets <c>#2</c>, <c>#3</c>, ...</para>
/// <para>Kinds that do not apply make no case (attribution and segmentation on data without masks, fine-tuning recipes). A
/// plugin that is not loaded, refuses its parameters, has no such severity or lists severities without being a
/// perturbation makes one case, <c>&lt;plugin&gt;/plugin</c>, carrying the reason (<see cref="RegressionCase.PlanError"/>).</para>
/// </remarks>
public static class RegressionPlanner
{
    /// <summary>The attribution metrics that get cases.</summary>
    public static IReadOnlyList<string> AttributionMetrics { get; } =
        [SuiteMetrics.SeedMeanIoU, SuiteMetrics.SeedNoiseRatio, SuiteMetrics.SeedBestMeanIoU, SuiteMetrics.SeedBestNoiseRatio];

    /// <summary>The cases of <paramref name="spec"/> run with the plugins of <paramref name="catalog"/>.</summary>
    /// <param name="spec">The suite (its plugins, or every plugin of the catalog when it lists none).</param>
    /// <param name="catalog">The loaded plugins (configured here: do not use it for a run at the same time).</param>
    /// <param name="accuracyMetric"><see cref="SuiteMetrics.Top1"/> (single-label data) or
    /// <see cref="SuiteMetrics.MeanAveragePrecision"/> (multi-label data).</param>
    /// <param name="hasMasks">Whether the data has segmentation masks (attributions and segmenters apply).</param>
    /// <param name="imageSize">The images' side in pixels (what perturbations offer severities for).</param>
    public static IReadOnlyList<RegressionCase> Plan(SuiteSpec spec, PluginCatalog catalog, string accuracyMetric, bool hasMasks, int imageSize)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentException.ThrowIfNullOrEmpty(accuracyMetric);
        var requests = spec.Plugins ?? catalog.Plugins.Select(p => new SuitePluginSpec(p.Name)).ToArray();
        var cases = new List<RegressionCase> { new($"clean/{accuracyMetric}", null, null, null, null, accuracyMetric) };
        var repeated = requests.GroupBy(r => r.Name, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < requests.Count; i++)
        {
            var request = requests[i];
            var loaded = catalog.Find(request.Name);
            var id = Segment(loaded?.Name ?? request.Name, request.Parameters, repeated.Contains(request.Name));
            var context = new PlanContext(cases, i, id, accuracyMetric);
            var problem = loaded is null
                ? $"plugin '{request.Name}' was not loaded (loaded: {(catalog.Plugins.Count == 0 ? "none" : string.Join(", ", catalog.Plugins.Select(p => p.Name)))})"
                : PlanPlugin(context, loaded, request, catalog, hasMasks, imageSize);
            if (problem is not null) cases.Add(new RegressionCase($"{id}/plugin", i, null, null, null, null, problem));
        }
        return Unique(cases);
    }

    /// <summary>Plans one loaded plugin's cases; returns why it cannot be planned, or null.</summary>
    private static string? PlanPlugin(PlanContext context, LoadedPlugin loaded, SuitePluginSpec request, PluginCatalog catalog, bool hasMasks, int imageSize)
    {
        const PluginKinds perturbations = PluginKinds.ImagePerturbation | PluginKinds.ModelPerturbation;
        if (request.Severities is not null && (loaded.Kinds & perturbations) == 0)
            return $"plugin '{loaded.Name}' is {string.Join(" and ", PluginKindNames.Of(loaded.Kinds))}, which has no severities, but the suite lists some";
        var planned = new List<RegressionCase>();
        var problem = Configure(loaded, request.Parameters);
        if (problem is not null) return problem;
        foreach (var (flag, kind) in PluginKindNames.All)
        {
            if (!loaded.Kinds.HasFlag(flag)) continue;
            switch (flag)
            {
                case PluginKinds.ImagePerturbation:
                case PluginKinds.ModelPerturbation:
                {
                    var levels = Levels((IPerturbation)loaded.Plugin, request.Severities, imageSize, out problem);
                    if (problem is not null) return $"plugin '{loaded.Name}': {problem}";
                    var image = flag == PluginKinds.ImagePerturbation;
                    foreach (var level in levels!)
                    {
                        planned.Add(context.Case($"s{level}/{context.Accuracy}", kind, null, level, context.Accuracy));
                        if (!image) continue;
                        planned.Add(context.Case($"s{level}/{SuiteMetrics.Consistency}", kind, null, level, SuiteMetrics.Consistency));
                        planned.Add(context.Case($"s{level}/{SuiteMetrics.FoolingRate}", kind, null, level, SuiteMetrics.FoolingRate));
                    }
                    if (image) planned.Add(context.Case(SuiteMetrics.WorstFoolingRate, kind, null, null, SuiteMetrics.WorstFoolingRate));
                    break;
                }
                case PluginKinds.InferenceDefense:
                    planned.Add(context.Case(context.Accuracy, kind, null, null, context.Accuracy));
                    problem = PlanUnder(context, planned, kind, request.Under ?? [], catalog, imageSize);
                    if (problem is not null) return $"plugin '{loaded.Name}': {problem}";
                    break;
                case PluginKinds.Attribution when hasMasks:
                    planned.AddRange(AttributionMetrics.Select(m => context.Case(m, kind, null, null, m)));
                    break;
                case PluginKinds.Segmenter when hasMasks:
                    planned.Add(context.Case(SuiteMetrics.MeanIoU, kind, null, null, SuiteMetrics.MeanIoU));
                    break;
            }
        }
        context.Cases.AddRange(planned);
        return null;
    }

    private static string? PlanUnder(PlanContext context, List<RegressionCase> planned, string kind, IReadOnlyList<SuitePluginSpec> under,
        PluginCatalog catalog, int imageSize)
    {
        var repeated = under.GroupBy(r => r.Name, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var request in under)
        {
            var loaded = catalog.Find(request.Name);
            if (loaded is null) return $"it is to be measured under plugin '{request.Name}', which was not loaded";
            if (!loaded.Kinds.HasFlag(PluginKinds.ImagePerturbation))
                return $"it is to be measured under plugin '{loaded.Name}', which is not an image perturbation";
            var problem = Configure(loaded, request.Parameters);
            if (problem is not null) return problem;
            var levels = Levels((IPerturbation)loaded.Plugin, request.Severities, imageSize, out problem);
            if (problem is not null) return $"under plugin '{loaded.Name}': {problem}";
            var segment = Segment(loaded.Name, request.Parameters, repeated.Contains(request.Name));
            foreach (var level in levels!)
            {
                planned.Add(context.Case($"{segment}/s{level}/{context.Accuracy}", kind, loaded.Name, level, context.Accuracy));
                planned.Add(context.Case($"{segment}/s{level}/{SuiteMetrics.Consistency}", kind, loaded.Name, level, SuiteMetrics.Consistency));
                planned.Add(context.Case($"{segment}/s{level}/{SuiteMetrics.FoolingRate}", kind, loaded.Name, level, SuiteMetrics.FoolingRate));
            }
            planned.Add(context.Case($"{segment}/{SuiteMetrics.WorstFoolingRate}", kind, loaded.Name, null, SuiteMetrics.WorstFoolingRate));
        }
        return null;
    }

    /// <summary>Configures the plugin as the runner will (defaults, then the overrides); returns why it refused, or null.</summary>
    private static string? Configure(LoadedPlugin loaded, IReadOnlyDictionary<string, string> overrides)
    {
        var asked = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var parameter in loaded.Parameters) asked[parameter.Name] = parameter.DefaultValue;
        foreach (var (key, value) in overrides) asked[key] = value;
        try
        {
            loaded.Plugin.Configure(asked);
            return null;
        }
        catch (Exception e)
        {
            return $"plugin '{loaded.Name}': its parameters were refused: {e.Message}";
        }
    }

    private static IReadOnlyList<int>? Levels(IPerturbation perturbation, IReadOnlyList<int>? asked, int imageSize, out string? problem)
    {
        problem = null;
        IReadOnlyList<Severity>? offered;
        try
        {
            offered = perturbation.Severities(imageSize);
        }
        catch (Exception e)
        {
            problem = $"Severities({imageSize}) threw {e.GetType().Name}: {e.Message}";
            return null;
        }
        if (offered is null || offered.Count == 0 || offered.Any(s => s is null))
        {
            problem = $"Severities({imageSize}) returned no usable severity";
            return null;
        }
        if (asked is null) return offered.Select(s => s.Level).ToArray();
        var missing = asked.Where(level => offered.All(s => s.Level != level)).ToArray();
        if (missing.Length == 0) return asked;
        problem = $"the suite asks for severity level {missing[0]}, but for {imageSize}-pixel images the plugin offers levels " +
                  string.Join(", ", offered.Select(s => s.Level.ToString(CultureInfo.InvariantCulture)));
        return null;
    }

    /// <summary>A plugin's name segment: its name, with its overrides when it needs telling apart.</summary>
    private static string Segment(string name, IReadOnlyDictionary<string, string> overrides, bool withOverrides) =>
        !withOverrides || overrides.Count == 0 ? name : $"{name}({string.Join(",", overrides.Select(p => $"{p.Key}={p.Value}"))})";

    /// <summary>Renames repeated names with #2, #3, ... in order.</summary>
    private static IReadOnlyList<RegressionCase> Unique(List<RegressionCase> cases)
    {
        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var result = new List<RegressionCase>(cases.Count);
        foreach (var c in cases)
        {
            if (seen.TryGetValue(c.Name, out var count))
            {
                seen[c.Name] = count + 1;
                result.Add(c with { Name = $"{c.Name}#{count + 1}" });
            }
            else
            {
                seen[c.Name] = 1;
                result.Add(c);
            }
        }
        return result;
    }

    private sealed record PlanContext(List<RegressionCase> Cases, int Index, string Id, string Accuracy)
    {
        public RegressionCase Case(string rest, string kind, string? under, int? level, string metric) =>
            new($"{Id}/{rest}", Index, kind, under, level, metric);
    }
}
