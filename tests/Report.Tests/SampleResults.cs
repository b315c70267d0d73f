using AdvCam.Core.Running;

namespace AdvCam.Report.Tests;

/// <summary>Hand-made suite results for the renderers' tests: a known set of plugins, entries and failures.</summary>
internal static class SampleResults
{
    public static SeverityInfo Severity(int level, string label = "", double value = 1) =>
        new(level, label.Length == 0 ? $"s{level}" : label, new Dictionary<string, double> { ["amount"] = value * level });

    public static SuiteEnvironment Environment() =>
        new("1.0.0", "abc123", "1.13.0", "cpu", 2, 0, "test-machine", 2, "Debian GNU/Linux 12 (X64)", ".NET 10.0", "2026-11-24T00:00:00Z");

    public static PluginResult Plugin(string name, IReadOnlyList<string> kinds, PluginStatus status, IReadOnlyList<ResultEntry> entries,
        IReadOnlyDictionary<string, string>? parameters = null, string? error = null, string? note = null) =>
        new(name, kinds, $"{name} description", $"/plugins/{name}.dll", $"Test.{name}", parameters ?? new Dictionary<string, string>(), status, error, note, 0.5, entries);

    /// <summary>An image perturbation with top1, consistency and fooling rate at each of the given accuracies.</summary>
    public static PluginResult Perturbation(string name, params double[] accuracies)
    {
        var entries = new List<ResultEntry>();
        for (var i = 0; i < accuracies.Length; i++)
        {
            var s = Severity(i + 1);
            entries.Add(new ResultEntry(PluginKindNames.ImagePerturbation, s, SuiteMetrics.Top1, accuracies[i]));
            entries.Add(new ResultEntry(PluginKindNames.ImagePerturbation, s, SuiteMetrics.Consistency, accuracies[i] + 0.05));
            entries.Add(new ResultEntry(PluginKindNames.ImagePerturbation, s, SuiteMetrics.FoolingRate, 0.95 - accuracies[i]));
        }
        entries.Add(new ResultEntry(PluginKindNames.ImagePerturbation, null, SuiteMetrics.WorstFoolingRate, 0.5));
        return Plugin(name, [PluginKindNames.ImagePerturbation], PluginStatus.Passed, entries);
    }

    public static SuiteResults Suite(string name, IReadOnlyList<PluginResult> plugins, IReadOnlyList<LoadFailureInfo>? loadFailures = null,
        bool masks = false, double? clean = 0.9) =>
        new(SuiteResults.CurrentSchemaVersion, new SuiteInfo(name, null, null), SuiteStatus.Completed, Environment(),
            new SuiteModelInfo("/models/m/model.safetensors", masks ? "fashion-scenes" : "fashion-mnist", new Dictionary<string, string>()),
            new SuiteDataInfo(masks ? "fashion-scenes" : "fashion-mnist", "test data, the first 64 items", 64, 32, masks ? 3 : 1, masks ? 64 : 28, masks,
                masks ? [0.5f, 0.5f, 0.5f] : [0.3f], masks ? [0.2f, 0.2f, 0.2f] : [0.35f]),
            new CleanResult([new MetricValue(masks ? SuiteMetrics.MeanAveragePrecision : SuiteMetrics.Top1, clean)], 0.1),
            plugins, loadFailures ?? [], 3.0);

    public static ReportResults Report(params SuiteResults[] suites) => ReportResults.Create(suites, new DateTime(2026, 11, 24, 0, 0, 0, DateTimeKind.Utc), false, 4.0);
}
