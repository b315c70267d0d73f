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
    /// <param name="scope">Whether the baseline applies to a run on another number of items than it was recorded on
    /// (<see cref="BaselineScope.AnyItems"/>, the NUnit suites) or is then only shown (<see cref="BaselineScope.SameItems"/>,
    /// the report): its value is in the verdict and the message says it was not applied and why.</param>
    public static CaseVerdict Evaluate(RegressionCase c, SuiteResults results, SuiteThresholds thresholds, SuiteBaseline? baseline, string? resultsPath,
        BaselineScope scope = BaselineScope.AnyItems)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(thresholds);
        var where = resultsPath is null ? "" : $"; results: {resultsPath}";
        var tolerance = thresholds.ToleranceFor(c);
        var plugin = c.PluginIndex is { } index && index < results.Plugins.Count ? results.Plugins[index] : null;
        var limitRule = thresholds.LimitFor(c);
        double? limit = limitRule?.Value;
        // The case's baseline value (recordedHere: the baseline has one, perhaps null for undefined). With the SameItems scope, a
        // baseline recorded on another number of items than this run is shown (in the message and the verdict) but not applied.
        double? recorded = null;
        var recordedHere = baseline is not null && baseline.Values.TryGetValue(c.Name, out recorded);
        var comparable = baseline is null || scope == BaselineScope.AnyItems || baseline.Items == results.Data.Items;
        var applied = comparable ? baseline : null;
        var hasBaseline = recordedHere && comparable;
        double? reference = hasBaseline ? recorded : null;
        var notApplied = recordedHere && !comparable
            ? $"; baseline {(recorded is { } shown ? F(shown) : "undefined")} not applied: recorded on {baseline!.Items} items, this run measured {results.Data.Items}"
            : "";
        double? baselineShown = recordedHere ? recorded : null;
        if (c.PlanError is not null)
            return new CaseVerdict(c, CaseOutcome.Failed, $"{c.DisplayName}: {plugin?.Error ?? c.PlanError}{where}", null, null, null, tolerance);

        var measured = c.Find(results);
        if (measured is null)
        {
            var why = plugin is { Status: PluginStatus.Failed or PluginStatus.Cancelled, Error: { } error } ? error
                : results.Status == SuiteStatus.Cancelled ? "the run was cancelled"
                : plugin is null && c.PluginIndex is not null ? "the plugin is missing from the results"
                : $"no such entry in the results{(plugin is null ? "" : $" (plugin status {plugin.Status.ToString().ToLowerInvariant()}{(plugin.Note is null ? "" : $": {plugin.Note}")})")}";
            return new CaseVerdict(c, CaseOutcome.Failed, $"{c.DisplayName} was not measured: {why}{where}", null, limit, baselineShown, tolerance);
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
                return NoThreshold(c, thresholds, "is undefined (null)", where, tolerance, results, recordedHere ? baseline : null, recorded);
            return new CaseVerdict(c, CaseOutcome.Failed, $"{c.DisplayName} is undefined (null){contextText}{notApplied}{where}", null, limit, baselineShown, tolerance);
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
                          $"{notApplied}{ModelNote(results, applied)}{where}";
            return new CaseVerdict(c, CaseOutcome.Failed, message, v, limit, baselineShown, tolerance);
        }
        if (limit is null && reference is null)
            return hasBaseline
                ? NoThreshold(c, thresholds, $"= {F(v)}", where, tolerance, results, null, null, v, baselineUndefined: true)
                : NoThreshold(c, thresholds, $"= {F(v)}", where, tolerance, results, recordedHere ? baseline : null, recorded, v);
        return new CaseVerdict(c, CaseOutcome.Passed, $"{c.DisplayName} = {F(v)}{contextText}{notApplied}", v, limit, baselineShown, tolerance);
    }

    /// <summary>Formats a number for messages: up to four decimals, invariant culture (0.412, 0.9492, 0.5).</summary>
    /// <param name="value">The number.</param>
    public static string F(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    /// <summary>A case with nothing to judge it by: inconclusive (or failed, as the threshold file says), with a message that
    /// says why and what to add. <c>notApplied</c> is the baseline that holds a value for the case (<c>notAppliedValue</c>,
    /// shown in the verdict) but was not applied, being recorded on another number of items; null when there is none.</summary>
    private static CaseVerdict NoThreshold(RegressionCase c, SuiteThresholds thresholds, string what, string where, double tolerance, SuiteResults results,
        SuiteBaseline? notApplied, double? notAppliedValue, double? value = null, bool baselineUndefined = false)
    {
        var limitName = c.Direction == MetricDirection.HigherIsBetter ? "floor" : "ceiling";
        var hint = thresholds.Baseline is null
            ? $"give it a {limitName} in the threshold file, or a \"baseline\" file recorded with `advcam baseline`"
            : notApplied is not null
                ? $"its baseline ({(notAppliedValue is { } shown ? F(shown) : "undefined")} on {notApplied.Items} items) was recorded on a different number " +
                  $"of items than this run ({results.Data.Items}), so it is not applied: give it a {limitName} in the threshold file, or record a baseline " +
                  $"on this run's {results.Data.Items} items (the suite file's test_subset) with `advcam baseline --thresholds {thresholds.File}`"
                : baselineUndefined
                    ? $"its baseline value is undefined: give it a {limitName} or record the baseline again"
                    : $"no floor or ceiling matches it and the baseline has no value for it: record the baseline again with `advcam baseline --thresholds {thresholds.File}`";
        return new CaseVerdict(c, thresholds.Missing == MissingThresholdPolicy.Fail ? CaseOutcome.Failed : CaseOutcome.NoThreshold,
            $"{c.DisplayName} {what}: nothing to compare it with: {hint}{where}", value, null, notApplied is null ? null : notAppliedValue, tolerance);
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
