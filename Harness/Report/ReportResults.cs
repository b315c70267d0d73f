using System.Text;
using System.Text.Json;
using AdvCam.Core.Running;
using AdvCam.Report.Checks;
using AdvCam.Report.Comparison;

namespace AdvCam.Report;

/// <summary>
/// The top-level <c>results.json</c> of a report: every suite the report ran, each a complete <see cref="SuiteResults"/>
/// (the schema of <c>docs/results-schema.md</c>), under a small header. The format is in <c>docs/report.md</c>.
/// </summary>
/// <param name="ReportSchemaVersion">The version of this wrapper's schema (<see cref="CurrentSchemaVersion"/>); each
/// suite carries its own <c>schema_version</c>.</param>
/// <param name="Kind">Always <see cref="KindName"/>: tells a report's results.json from a single suite's.</param>
/// <param name="Date">When the report started, UTC, <c>yyyy-MM-ddTHH:mm:ssZ</c>.</param>
/// <param name="Full">Whether the suites ran on the whole test splits (<c>--full</c>) rather than the default subsets.</param>
/// <param name="Seconds">Wall time of the whole report (all suites, the sample overlays and writing).</param>
/// <param name="Suites">The suites' results, in the order they ran.</param>
/// <param name="Checks">The threshold files judged on these measurements (pass/fail per case), in the order of the suites;
/// null or empty when no threshold file applied.</param>
/// <param name="Comparisons">Each original model beside its fine-tuned versions (the default report: <c>fashion-mnist</c> and the
/// shipped models fine-tuned from it), with the figures drawn from <paramref name="Suites"/>; null (a report written before
/// comparisons existed) or empty when there are none.</param>
public sealed record ReportResults(int ReportSchemaVersion, string Kind, string Date, bool Full, double Seconds, IReadOnlyList<SuiteResults> Suites,
    IReadOnlyList<ThresholdCheck>? Checks = null, IReadOnlyList<ModelComparison>? Comparisons = null)
{
    /// <summary>The wrapper schema version this code writes.</summary>
    public const int CurrentSchemaVersion = 1;

    /// <summary>The value of <see cref="Kind"/>.</summary>
    public const string KindName = "advcam-report";

    /// <summary>The file name of the results in a report folder.</summary>
    public const string FileName = SuiteResults.FileName;

    /// <summary>A report of <paramref name="suites"/>, started at <paramref name="start"/>.</summary>
    /// <param name="suites">The suites' results.</param>
    /// <param name="start">When the report started.</param>
    /// <param name="full">Whether the whole test splits ran.</param>
    /// <param name="seconds">How long it took.</param>
    /// <param name="checks">The threshold files judged on the suites' measurements, or null for none.</param>
    /// <param name="comparisons">The original models beside their fine-tuned versions, or null for none.</param>
    public static ReportResults Create(IReadOnlyList<SuiteResults> suites, DateTime start, bool full, double seconds, IReadOnlyList<ThresholdCheck>? checks = null,
        IReadOnlyList<ModelComparison>? comparisons = null)
    {
        ArgumentNullException.ThrowIfNull(suites);
        return new ReportResults(CurrentSchemaVersion, KindName,
            start.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture), full, seconds, suites, checks ?? [],
            comparisons ?? []);
    }

    /// <summary>The report as JSON, with <see cref="SuiteResults.JsonOptions"/> (snake_case keys, nulls written).</summary>
    public string ToJson() => JsonSerializer.Serialize(this, SuiteResults.JsonOptions);

    /// <summary>The UTF-8 bytes of <see cref="ToJson"/> with a final newline, as the file holds them.</summary>
    public byte[] ToUtf8() => Encoding.UTF8.GetBytes(ToJson() + "\n");

    /// <summary>Reads a report's results written by <see cref="ToJson"/>.</summary>
    /// <param name="json">The text.</param>
    /// <exception cref="JsonException">The text is not a report's results (e.g. a single suite's results.json).</exception>
    public static ReportResults FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var report = JsonSerializer.Deserialize<ReportResults>(json, SuiteResults.JsonOptions) ?? throw new JsonException("the report JSON is null");
        if (report.Kind != KindName) throw new JsonException($"not an AdvCam report's results (kind '{report.Kind}', expected '{KindName}')");
        return report;
    }
}
