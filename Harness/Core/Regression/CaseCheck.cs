using System.Globalization;
using AdvCam.Core.Running;

namespace AdvCam.Core.Regression;

/// <summary>
/// Judges a case's measured value against its thresholds: the floor (higher-is-better metrics) or ceiling (higher-is-worse
/// metrics) of <see cref="SuiteThresholds"/>, and the baseline value within the tolerance (below it for higher-is-better
/// metrics, above it for higher-is-worse ones).
/// </summary>
public static class CaseCheck
{
    /// <summary>The verdict on <paramref name="c"/> in <paramref name="results"/>.</summary>
    /// <param name="c">The case.</param>
    /// <param name="results">The run's results.</param>
    /// <param name="thresholds">The thresholds.</param>
    /// <param name="baseline">The baseline, or null for none.</param>
    /// <param name="resultsPath">Where the results file is, for the message; null to leave it out.</param>
    public static CaseVerdict Evaluate(RegressionCase c, SuiteResults results, SuiteThresholds thresholds, SuiteBaseline? baseline, string? resultsPath)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(thresholds);
        var where = resultsPath is null ? "" : $"; results: {resultsPath}";
        var tolerance = thresholds.ToleranceFor(c);
        var plugin = c.PluginIndex is { } index && index < results.Plugins.Count ? results.Plugins[index] : null;
        if (c.PlanError is not null)
            return new CaseVerdict(c, CaseOutcome.Failed, $"{c.DisplayName}: {plugin?.Error ?? c.PlanError}{where}", null, null, null, tolerance);

        var measured = c.Find(results);
        var limitRule = thresholds.LimitFor(c);
        double? limit = limitRule?.Value;
        var hasBaseline = baseline is not null && baseline.Values.ContainsKey(c.Name);
        double? reference = hasBaseline ? baseline!.Values[c.Name] : null;
        if (measured is null)
        {
            var why = plugin is { Status: PluginStatus.Failed or PluginStatus.Cancelled, Error: { } error } ? error
                : results.Status == SuiteStatus.Cancelled ? "the run was cancelled"
                : plugin is null && c.PluginIndex is not null ? "the plugin is missing from the results"
                : $"no such entry in the results{(plugin is null ? "" : $" (plugin status {plugin.Status.ToString().ToLowerInvariant()}{(plugin.Note is null ? "" : $": {plugin.Note}")})")}";
            return new CaseVerdict(c, CaseOutcome.Failed, $"{c.DisplayName} was not measured: {why}{where}", null, limit, reference, tolerance);
        }

        var value = measured.Value;
        var better = c.Direction == MetricDirection.HigherIsBetter;
        var bound = better ? "floor" : "ceiling";
        var context = new List<string>();
        if (limit is { } l) context.Add($"{bound} {F(l)}");
        if (hasBaseline) context.Add(reference is { } r ? $"baseline {F(r)}, tolerance {F(tolerance)}" : "baseline undefined");
        var contextText = context.Count == 0 ? "" : $" ({string.Join("; ", context)})";
        if (value is null)
        {
            if (hasBaseline && reference is null && limit is null)
                return new CaseVerdict(c, CaseOutcome.Passed, $"{c.DisplayName} is undefined (null), as in the baseline{where}", null, null, null, tolerance);
            if (limit is null && !hasBaseline)
                return NoThreshold(c, thresholds, "is undefined (null)", where, tolerance);
            return new CaseVerdict(c, CaseOutcome.Failed, $"{c.DisplayName} is undefined (null){contextText}{where}", null, limit, reference, tolerance);
        }

        var v = value.Value;
        var limitFailed = limit is { } floorOrCeiling && (better ? v < floorOrCeiling : v > floorOrCeiling);
        double? allowed = reference is { } b ? (better ? b - tolerance : b + tolerance) : null;
        // Compared after rounding to 1e-9, so a value exactly at the allowed distance is not failed by floating-point noise.
        var baselineFailed = allowed is { } a && (better ? Math.Round(v - a, 9) < 0 : Math.Round(v - a, 9) > 0);
        if (limitFailed || baselineFailed)
        {
            var parts = new List<string>();
            if (limitFailed) parts.Add($"is {(better ? "below" : "above")} the {bound} {F(limit!.Value)}");
            if (baselineFailed)
                parts.Add($"{(limitFailed ? "" : "is ")}{(better ? "below" : "above")} the baseline {F(reference!.Value)} {(better ? "-" : "+")} tolerance {F(tolerance)} = {F(allowed!.Value)}");
            var rest = new List<string>();
            if (!limitFailed && limit is { } l2) rest.Add($"{bound} {F(l2)}");
            if (!baselineFailed && hasBaseline) rest.Add(reference is { } r2 ? $"baseline {F(r2)}, tolerance {F(tolerance)}" : "baseline undefined");
            var message = $"{c.DisplayName} = {F(v)} {string.Join(" and ", parts)}{(rest.Count == 0 ? "" : $" ({string.Join("; ", rest)})")}" +
                          $"{ModelNote(results, baseline)}{where}";
            return new CaseVerdict(c, CaseOutcome.Failed, message, v, limit, reference, tolerance);
        }
        if (limit is null && reference is null)
            return NoThreshold(c, thresholds, $"= {F(v)}", where, tolerance, v, hasBaseline);
        return new CaseVerdict(c, CaseOutcome.Passed, $"{c.DisplayName} = {F(v)}{contextText}", v, limit, reference, tolerance);
    }

    /// <summary>Formats a number for messages: up to four decimals, invariant culture (0.412, 0.9492, 0.5).</summary>
    /// <param name="value">The number.</param>
    public static string F(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    private static CaseVerdict NoThreshold(RegressionCase c, SuiteThresholds thresholds, string what, string where, double tolerance, double? value = null,
        bool baselineUndefined = false)
    {
        var hint = thresholds.Baseline is null
            ? $"give it a {(c.Direction == MetricDirection.HigherIsBetter ? "floor" : "ceiling")} in the threshold file, or a \"baseline\" file recorded with `advcam baseline`"
            : baselineUndefined
                ? $"its baseline value is undefined: give it a {(c.Direction == MetricDirection.HigherIsBetter ? "floor" : "ceiling")} or record the baseline again"
                : $"no floor or ceiling matches it and the baseline has no value for it: record the baseline again with `advcam baseline --thresholds {thresholds.File}`";
        return new CaseVerdict(c, thresholds.Missing == MissingThresholdPolicy.Fail ? CaseOutcome.Failed : CaseOutcome.NoThreshold,
            $"{c.DisplayName} {what}: nothing to compare it with: {hint}{where}", value, null, null, tolerance);
    }

    /// <summary>A note when the baseline was recorded on another model file or another number of items than this run.</summary>
    private static string ModelNote(SuiteResults results, SuiteBaseline? baseline)
    {
        if (baseline is null) return "";
        var notes = new List<string>();
        if (baseline.ModelSha256 is { } sha && SuiteBaseline.Sha256Of(results.Model.Path) is { } now && now != sha)
            notes.Add($"the baseline was recorded on another model file (sha256 {sha[..12]}..., this run's {now[..12]}...)");
        if (baseline.Items != results.Data.Items)
            notes.Add($"the baseline was recorded on {baseline.Items} items, this run has {results.Data.Items}");
        return notes.Count == 0 ? "" : $"; note: {string.Join("; ", notes)}";
    }
}
