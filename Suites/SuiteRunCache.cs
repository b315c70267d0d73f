using System.Collections.Concurrent;
using System.Text;
using AdvCam.Core.Regression;
using AdvCam.Core.Running;
using AdvCam.Report;
using AdvCam.Report.Checks;
using AdvCam.Report.Rendering;
using NUnit.Framework;

namespace AdvCam.Suites;

/// <summary>
/// Runs each suite once per test process, when its first case executes, and keeps the run for the other cases (a failure
/// to run is kept too, so every case reports it without running again). The files go to
/// <c>&lt;work directory&gt;/advcam-suites/&lt;suite name&gt;/</c>.
/// </summary>
internal static class SuiteRunCache
{
    private static readonly ConcurrentDictionary<string, Lazy<SuiteRun>> Runs = new(StringComparer.Ordinal);

    /// <summary>The cases of the suite of <paramref name="thresholdsFile"/> (nothing runs).</summary>
    public static IReadOnlyList<RegressionCase> Plan(string thresholdsFile) =>
        RegressionSuite.Load(thresholdsFile, new RegressionOptions()).Plan();

    /// <summary>The run of the suite of <paramref name="thresholdsFile"/> on <c>ADVCAM_DEVICE</c>, run now when it has not run yet.</summary>
    public static SuiteRun Get(string thresholdsFile)
    {
        var device = Environment.GetEnvironmentVariable(SuiteDevice.EnvironmentVariable) ?? "";
        var lazy = Runs.GetOrAdd($"{thresholdsFile}\n{device}", _ => new Lazy<SuiteRun>(() => Run(thresholdsFile), LazyThreadSafetyMode.ExecutionAndPublication));
        return lazy.Value;
    }

    /// <summary>Runs the suite of <paramref name="thresholdsFile"/> with <paramref name="options"/> and writes its files into
    /// <paramref name="folder"/>.</summary>
    public static SuiteRun Run(string thresholdsFile, RegressionOptions options, string folder, IProgress<SuiteProgress>? progress = null)
    {
        var suite = RegressionSuite.Load(thresholdsFile, options);
        var start = DateTime.UtcNow;
        var (cases, results) = suite.Run(progress);
        Directory.CreateDirectory(folder);
        var resultsPath = results.WriteTo(folder);
        // The suite's own page shows every case's verdict on this run, as the NUnit cases judge them.
        var report = ReportResults.Create([results], start, full: false, results.Seconds, [ThresholdEvaluator.FromSuiteRun(suite, cases, results)]);
        var html = Path.Combine(folder, ReportWriter.HtmlFileName);
        File.WriteAllText(html, HtmlReportBuilder.Build(report), new UTF8Encoding(false));
        var summary = Path.Combine(folder, ReportWriter.SummaryFileName);
        File.WriteAllText(summary, MarkdownSummaryBuilder.Build(report), new UTF8Encoding(false));
        var checks = Path.Combine(folder, "checks.md");
        File.WriteAllText(checks, ChecksTable(suite, cases, results, resultsPath), new UTF8Encoding(false));
        return new SuiteRun(suite, cases, results, resultsPath, Path.GetFullPath(html), Path.GetFullPath(summary), Path.GetFullPath(checks));
    }

    private static SuiteRun Run(string thresholdsFile)
    {
        var options = new RegressionOptions { Device = SuiteDevice.FromEnvironment() };
        var name = SuiteSpec.Load(SuiteThresholds.Load(thresholdsFile).Suite).Name;
        var folder = Path.Combine(TestContext.CurrentContext.WorkDirectory, "advcam-suites", Safe(name));
        TestContext.Progress.WriteLine($"advcam suite '{name}' ({thresholdsFile}) on {options.Device}: running, files in {folder}");
        var run = Run(thresholdsFile, options, folder, new PluginProgress(name));
        TestContext.Progress.WriteLine($"advcam suite '{name}': {run.Results.Seconds:F1} s, results {run.ResultsPath}");
        return run;
    }

    /// <summary>Every case's outcome and message, as a Markdown table.</summary>
    private static string ChecksTable(RegressionSuite suite, IReadOnlyList<RegressionCase> cases, SuiteResults results, string resultsPath)
    {
        var text = new StringBuilder();
        text.AppendLine($"# Checks of suite {results.Suite.Name}").AppendLine();
        text.AppendLine($"Thresholds: `{suite.Thresholds.File}`; baseline: `{suite.Thresholds.Baseline ?? "none"}`{(suite.Baseline is null ? " (not recorded)" : "")}; results: `{resultsPath}`.").AppendLine();
        text.AppendLine("| case | outcome | value | floor/ceiling | baseline | message |").AppendLine("|---|---|---|---|---|---|");
        foreach (var c in cases)
        {
            var v = suite.Check(c, results, null);
            static string N(double? x) => x is { } y ? CaseCheck.F(y) : "";
            text.AppendLine($"| {c.Name} | {v.Outcome} | {N(v.Value)} | {N(v.Limit)} | {N(v.Baseline)} | {v.Message.Replace("|", "\\|", StringComparison.Ordinal)} |");
        }
        return text.ToString();
    }

    private static string Safe(string name) =>
        string.Concat(name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_'));

    /// <summary>One progress line per plugin, on NUnit's progress output.</summary>
    private sealed class PluginProgress(string suite) : IProgress<SuiteProgress>
    {
        private int last = -1;

        public void Report(SuiteProgress value)
        {
            if (value.PluginIndex == last) return;
            last = value.PluginIndex;
            TestContext.Progress.WriteLine(value.Plugin is null
                ? $"advcam suite '{suite}': clean pass"
                : $"advcam suite '{suite}': plugin {value.PluginIndex}/{value.PluginCount} {value.Plugin}");
        }
    }
}
