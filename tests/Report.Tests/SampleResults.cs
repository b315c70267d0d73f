using AdvCam.Core.Running;
using AdvCam.Report.Checks;
using AdvCam.Report.Comparison;

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

    /// <summary>An image perturbation whose levels are one-pixel directions (not graded): top1 at each of the given accuracies.</summary>
    public static PluginResult Directions(string name, params double[] accuracies)
    {
        var entries = accuracies.Select((a, i) => new ResultEntry(PluginKindNames.ImagePerturbation,
            new SeverityInfo(i + 1, $"dir{i + 1}", new Dictionary<string, double> { ["dx"] = i % 2 == 0 ? 1 : -1, ["dy"] = 0 }), SuiteMetrics.Top1, a)).ToArray();
        return Plugin(name, [PluginKindNames.ImagePerturbation], PluginStatus.Passed, entries);
    }

    /// <summary>A model perturbation (AdvBN-like) with top1 at each of the given accuracies.</summary>
    public static PluginResult ModelPerturbation(string name, params double[] accuracies) =>
        Plugin(name, [PluginKindNames.ModelPerturbation], PluginStatus.Passed,
            accuracies.Select((a, i) => new ResultEntry(PluginKindNames.ModelPerturbation, Severity(i + 1, $"eps={0.1 * (i + 1):0.0}"), SuiteMetrics.Top1, a)).ToArray());

    public static SuiteResults Suite(string name, IReadOnlyList<PluginResult> plugins, IReadOnlyList<LoadFailureInfo>? loadFailures = null,
        bool masks = false, double? clean = 0.9, string model = "m") =>
        new(SuiteResults.CurrentSchemaVersion, new SuiteInfo(name, null, null), SuiteStatus.Completed, Environment(),
            new SuiteModelInfo($"/models/{model}/model.safetensors", masks ? "fashion-scenes" : "fashion-mnist", new Dictionary<string, string>()),
            new SuiteDataInfo(masks ? "fashion-scenes" : "fashion-mnist", "test data, the first 64 items", 64, 32, masks ? 3 : 1, masks ? 64 : 28, masks,
                masks ? [0.5f, 0.5f, 0.5f] : [0.3f], masks ? [0.2f, 0.2f, 0.2f] : [0.35f]),
            new CleanResult([new MetricValue(masks ? SuiteMetrics.MeanAveragePrecision : SuiteMetrics.Top1, clean)], 0.1),
            plugins, loadFailures ?? [], 3.0);

    /// <summary>A threshold file's verdicts: one case of each outcome.</summary>
    public static ThresholdCheck Check(string caseName = "blur/s1/top1") =>
        new("/m/thresholds.json", "my-suite", "/m/suite.json", "s", "/models/m/model.safetensors", 64, 256, "/m/baseline.json", 256,
            ["The baseline was recorded on 256 items, this report measured 64."],
            [
                new ThresholdCaseResult("clean/top1", "Accuracy", ThresholdOutcome.Passed, 0.9, "floor", 0.85, 0.91, 0.02, "clean top1 = 0.9 (floor 0.85; baseline 0.91, tolerance 0.02)"),
                new ThresholdCaseResult(caseName, "Accuracy", ThresholdOutcome.Failed, 0.5, "floor", 0.7, 0.8, 0.02, $"{caseName} = 0.5 is below the floor 0.7"),
                new ThresholdCaseResult("blur/s1/consistency", "Consistency", ThresholdOutcome.Inconclusive, 0.6, null, null, null, 0.02, "nothing to compare it with"),
                new ThresholdCaseResult("advbn/s1/top1", "Accuracy", ThresholdOutcome.NotMeasured, null, "floor", 0.8, 0.85, 0.05, "advbn s1 top1: not measured by this report"),
            ]);

    /// <summary>An original model's suite and a fine-tuned version's: a graded blur, a shift whose levels are directions (left
    /// out of the fine-tuned suite when <paramref name="tunedHasShift"/> is false), and AdvBN.</summary>
    public static (SuiteResults Original, SuiteResults Tuned) FineTunedPair(bool tunedHasShift = true)
    {
        // In the catalog's order (AdvBN first), which the comparison puts as blur, shift, AdvBN.
        var original = Suite("perturbations", [ModelPerturbation("advbn", 0.7, 0.3, 0.4), Directions("shift", 0.88, 0.85), Perturbation("blur", 0.8, 0.5, 0.2)],
            clean: 0.93, model: "fashion-mnist");
        var tuned = Suite("perturbations/fashion-mnist-blur-mix",
            tunedHasShift
                ? [Perturbation("blur", 0.9, 0.85, 0.75), Directions("shift", 0.9, 0.91), ModelPerturbation("advbn", 0.6, 0.2, 0.35)]
                : [Perturbation("blur", 0.9, 0.85, 0.75), ModelPerturbation("advbn", 0.6, 0.2, 0.35)],
            clean: 0.92, model: "fashion-mnist-blur-mix");
        return (original, tuned);
    }

    /// <summary>A report of <see cref="FineTunedPair"/> with its comparison.</summary>
    public static ReportResults ComparedReport()
    {
        var (original, tuned) = FineTunedPair();
        return Report(original, tuned) with { Comparisons = [ModelComparison.Create(original, [(tuned, "blur-mix")])] };
    }

    public static ReportResults Report(params SuiteResults[] suites) => ReportResults.Create(suites, new DateTime(2026, 11, 24, 0, 0, 0, DateTimeKind.Utc), false, 4.0);
}
