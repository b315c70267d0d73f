using AdvCam.Core.Plugins;
using AdvCam.Core.Regression;
using AdvCam.Core.Running;
using AdvCam.Report.Rendering;

namespace AdvCam.Report.Checks;

/// <summary>
/// Judges a threshold file's cases on a report's own measurements, with the verdict logic of the NUnit suites
/// (<see cref="CaseCheck.Evaluate"/>, with <see cref="BaselineScope.SameItems"/>: a baseline recorded on another number of
/// items is shown but not applied): the suite the file names is planned with the report's plugins
/// (<see cref="RegressionPlanner"/>), each case is matched to the report's run of the same plugin with the same effective
/// parameters, and judged there against the floors, ceilings and baseline.
/// </summary>
/// <remarks>
/// The report measures its own subset (1,000 images, 16 scenes by default) with every plugin's defaults, not the suite
/// file's subset and settings: a case whose plugin the report ran with other parameters (or did not run) is
/// <see cref="ThresholdOutcome.NotMeasured"/>, and <see cref="ThresholdCheck.Notes"/> say when the items differ from the suite's
/// and the baseline's (a baseline recorded on other images can be missed by sampling alone).
/// </remarks>
public static class ThresholdEvaluator
{
    /// <summary>The threshold file of <paramref name="suite"/> judged on <paramref name="results"/>.</summary>
    /// <param name="suite">The threshold file, its suite and baseline.</param>
    /// <param name="results">The report's results of the suite run on the same model.</param>
    /// <param name="catalog">The report's plugins (configured here: not while a run uses them).</param>
    public static ThresholdCheck Evaluate(RegressionSuite suite, SuiteResults results, PluginCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(suite);
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(catalog);
        var cases = RegressionPlanner.Plan(suite.Spec, catalog, ReportFigures.AccuracyMetric(results), results.Data.HasMasks, results.Data.ImageSize);
        var requests = suite.Spec.Plugins ?? catalog.Plugins.Select(p => new SuitePluginSpec(p.Name)).ToArray();
        var matches = requests.Select(r => Match(r, results, catalog)).ToArray();
        var verdicts = cases.Select(c => Judge(c, suite, results, catalog, requests, matches)).ToArray();
        return new ThresholdCheck(suite.Thresholds.File ?? "", suite.Spec.Name, suite.Spec.SourceFile ?? "", results.Suite.Name, results.Model.Path,
            results.Data.Items, suite.Spec.TestSubset, suite.Thresholds.Baseline, suite.Baseline?.Items, Notes(suite, results, cases, verdicts, true), verdicts);
    }

    /// <summary>The threshold file judged on its own suite's run (<see cref="RegressionSuite.Run"/>, what <c>dotnet test</c>
    /// checks): every case as the NUnit case judges it, for the suite run's own report page.</summary>
    /// <param name="suite">The threshold file, its suite and baseline.</param>
    /// <param name="cases">The cases planned for the run.</param>
    /// <param name="results">The run's results.</param>
    public static ThresholdCheck FromSuiteRun(RegressionSuite suite, IReadOnlyList<RegressionCase> cases, SuiteResults results)
    {
        ArgumentNullException.ThrowIfNull(suite);
        ArgumentNullException.ThrowIfNull(cases);
        ArgumentNullException.ThrowIfNull(results);
        var verdicts = cases.Select(c => ToResult(c, CaseCheck.Evaluate(c, results, suite.Thresholds, suite.Baseline, null))).ToArray();
        return new ThresholdCheck(suite.Thresholds.File ?? "", suite.Spec.Name, suite.Spec.SourceFile ?? "", results.Suite.Name, results.Model.Path,
            results.Data.Items, suite.Spec.TestSubset, suite.Thresholds.Baseline, suite.Baseline?.Items, Notes(suite, results, cases, verdicts, false), verdicts, OwnRun: true);
    }

    private static ThresholdCaseResult Judge(RegressionCase c, RegressionSuite suite, SuiteResults results, PluginCatalog catalog,
        IReadOnlyList<SuitePluginSpec> requests, IReadOnlyList<(int? Index, string? Reason)> matches)
    {
        RegressionCase mapped;
        if (c.PlanError is not null || c.PluginIndex is null) mapped = c with { PluginIndex = null };
        else
        {
            var (index, reason) = matches[c.PluginIndex.Value];
            reason ??= c.Under is { } under ? UnderDiffers(requests[c.PluginIndex.Value], under, catalog) : null;
            if (index is null || reason is not null) return NotMeasured(c, suite, $"{c.DisplayName}: not measured by this report: {reason}");
            mapped = c with { PluginIndex = index };
            if (c.Metric == SuiteMetrics.WorstFoolingRate && OtherSeverities(c, requests[c.PluginIndex.Value], results.Plugins[index.Value]) is { } other)
                return NotMeasured(c, suite, $"{c.DisplayName}: not measured by this report: {other}");
            if (mapped.Find(results) is null && results.Plugins[index.Value].Status == PluginStatus.Passed)
                return NotMeasured(c, suite, $"{c.DisplayName}: not measured by this report: its run of {results.Plugins[index.Value].Name} has no such entry");
        }
        // A baseline recorded on other items is shown but not applied (CaseCheck says so in the message): on other images a value
        // can leave the baseline's tolerance by sampling alone. Floors and ceilings still apply.
        return ToResult(c, CaseCheck.Evaluate(mapped, results, suite.Thresholds, suite.Baseline, null, BaselineScope.SameItems));
    }

    private static ThresholdCaseResult ToResult(RegressionCase c, CaseVerdict v)
    {
        var outcome = v.Outcome switch
        {
            CaseOutcome.Passed => ThresholdOutcome.Passed,
            CaseOutcome.NoThreshold => ThresholdOutcome.Inconclusive,
            _ => ThresholdOutcome.Failed,
        };
        return new ThresholdCaseResult(c.Name, c.Category, outcome, v.Value, v.Limit is null ? null : LimitKind(c), v.Limit, v.Baseline, v.Tolerance, v.Message);
    }

    private static ThresholdCaseResult NotMeasured(RegressionCase c, RegressionSuite suite, string message)
    {
        var limit = suite.Thresholds.LimitFor(c)?.Value;
        double? baseline = suite.Baseline is { } b && b.Values.TryGetValue(c.Name, out var value) ? value : null;
        return new ThresholdCaseResult(c.Name, c.Category, ThresholdOutcome.NotMeasured, null, limit is null ? null : LimitKind(c), limit, baseline,
            suite.Thresholds.ToleranceFor(c), message);
    }

    private static string LimitKind(RegressionCase c) => c.Direction == MetricDirection.HigherIsBetter ? "floor" : "ceiling";

    /// <summary>The report's run of the plugin <paramref name="request"/> asks for, with the same effective parameters; or why
    /// there is none.</summary>
    private static (int? Index, string? Reason) Match(SuitePluginSpec request, SuiteResults results, PluginCatalog catalog)
    {
        var runs = Enumerable.Range(0, results.Plugins.Count)
            .Where(i => string.Equals(results.Plugins[i].Name, request.Name, StringComparison.OrdinalIgnoreCase)).ToArray();
        if (runs.Length == 0) return (null, $"the report did not run plugin '{request.Name}'");
        var wanted = Effective(catalog.Find(request.Name), request.Parameters);
        if (wanted is null) return (runs[0], null); // Not loaded or refused: a planning error, which the verdict reports.
        foreach (var i in runs)
            if (SameValues(results.Plugins[i].Parameters, wanted)) return (i, null);
        var ran = results.Plugins[runs[0]].Parameters;
        var differences = wanted.Where(p => !ran.TryGetValue(p.Key, out var r) || !Same(r, p.Value))
            .Select(p => $"{p.Key}={p.Value} (the report: {(ran.TryGetValue(p.Key, out var r) ? r : "unset")})");
        return (null, $"the suite runs {request.Name} with {string.Join(", ", differences)}; the report ran its defaults");
    }

    /// <summary>Why a defence's case under <paramref name="under"/> was not measured by the report (it measures defences under
    /// each perturbation with its defaults), or null when the suite also uses the defaults.</summary>
    private static string? UnderDiffers(SuitePluginSpec request, string under, PluginCatalog catalog)
    {
        var spec = request.Under?.FirstOrDefault(u => string.Equals(u.Name, under, StringComparison.OrdinalIgnoreCase));
        if (spec is null || spec.Parameters.Count == 0) return null;
        var loaded = catalog.Find(under);
        var wanted = Effective(loaded, spec.Parameters);
        var defaults = Effective(loaded, new Dictionary<string, string>());
        if (wanted is null || defaults is null || SameValues(defaults, wanted)) return null;
        return $"the suite measures {request.Name} under {under} with {string.Join(", ", spec.Parameters.Select(p => $"{p.Key}={p.Value}"))}; " +
               "the report measured defences under each perturbation's defaults";
    }

    /// <summary>Why a worst case over severities is not the suite's: the report ran other severity levels than the suite lists
    /// (the report runs every level a plugin offers); null when they are the same.</summary>
    private static string? OtherSeverities(RegressionCase c, SuitePluginSpec request, PluginResult ran)
    {
        var asked = c.Under is null ? request.Severities
            : request.Under?.FirstOrDefault(u => string.Equals(u.Name, c.Under, StringComparison.OrdinalIgnoreCase))?.Severities;
        if (asked is null) return null;
        var levels = ran.Entries.Where(e => e.Kind == c.Kind && e.Under == c.Under && e.Severity is not null && e.Label is null)
            .Select(e => e.Severity!.Level).Distinct().Order().ToArray();
        var wanted = asked.Distinct().Order().ToArray();
        return levels.Length == 0 || levels.SequenceEqual(wanted) ? null
            : $"the suite's worst case is over severity levels {string.Join(", ", wanted)}, the report's over {string.Join(", ", levels)}";
    }

    /// <summary>The plugin's values after configuring it with its defaults and <paramref name="overrides"/> (as the runner
    /// records them), or null when it is not loaded or refuses them.</summary>
    private static Dictionary<string, string>? Effective(LoadedPlugin? loaded, IReadOnlyDictionary<string, string> overrides)
    {
        if (loaded is null) return null;
        var asked = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var parameter in loaded.Parameters) asked[parameter.Name] = parameter.DefaultValue;
        foreach (var (key, value) in overrides) asked[key] = value;
        try
        {
            loaded.Plugin.Configure(asked);
            return new Dictionary<string, string>(loaded.Plugin.Values, StringComparer.OrdinalIgnoreCase);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return null;
        }
    }

    private static bool SameValues(IReadOnlyDictionary<string, string> ran, IReadOnlyDictionary<string, string> wanted)
    {
        var lookup = new Dictionary<string, string>(ran, StringComparer.OrdinalIgnoreCase);
        return lookup.Count == wanted.Count && wanted.All(p => lookup.TryGetValue(p.Key, out var r) && Same(r, p.Value));
    }

    private static bool Same(string a, string b) => string.Equals(a.Trim(), b.Trim(), StringComparison.OrdinalIgnoreCase);

    private static IReadOnlyList<string> Notes(RegressionSuite suite, SuiteResults results, IReadOnlyList<RegressionCase> cases,
        IReadOnlyList<ThresholdCaseResult> verdicts, bool report)
    {
        var notes = new List<string>();
        var items = results.Data.Items;
        if (report)
            notes.Add($"Judged on this report's own measurements: {items} items of {results.Data.Description}. The suite file runs " +
                  $"{(suite.Spec.TestSubset is { } n ? $"{n} items" : "its whole test split")}{(suite.Spec.TestSubset == items ? ", the same number" : "")}; " +
                  "`dotnet test` and `advcam baseline` check it on its own items and settings.");
        if (report && suite.Spec.Voc is not null)
            notes.Add($"The suite runs on VOC-layout data ({suite.Spec.ResolveVocPath()}); this report measured the model's task's test split.");
        if (report && suite.Spec.Seed != results.Environment.Seed)
            notes.Add($"The suite's seed is {suite.Spec.Seed}; this report ran with seed {results.Environment.Seed}.");
        if (suite.Baseline is not { } baseline)
            notes.Add(suite.Thresholds.Baseline is null
                ? "The threshold file names no baseline: only floors and ceilings apply."
                : $"No baseline recorded yet ({suite.Thresholds.Baseline}): only floors and ceilings apply.");
        else
        {
            if (baseline.Items != items)
                notes.Add($"The baseline was recorded on {baseline.Items} items, this {(report ? "report" : "run")} measured {items}: on other images a value " +
                          "can leave the baseline's tolerance by sampling alone, without a regression" + (report
                              ? ", so the baseline is shown but not applied here: only floors and ceilings judge."
                              : "; the floors and ceilings are the firmer check here."));
            if (baseline.ModelSha256 is { } sha && SuiteBaseline.Sha256Of(results.Model.Path) is { } now && now != sha)
                notes.Add($"The baseline was recorded on another model file (sha256 {sha[..12]}..., this {(report ? "report" : "run")}'s {now[..12]}...).");
        }
        var notMeasured = verdicts.Count(v => v.Outcome == ThresholdOutcome.NotMeasured);
        if (notMeasured > 0)
            notes.Add($"{notMeasured} case(s) not measured: the report runs every plugin with its defaults, and these cases need the suite's own settings " +
                      "(or a plugin the report left out).");
        foreach (var rule in suite.Thresholds.Unused(cases))
            notes.Add($"Threshold {rule.JsonPath} matches no case of the suite (misspelt, or the plugin is no longer in it).");
        return notes;
    }
}
