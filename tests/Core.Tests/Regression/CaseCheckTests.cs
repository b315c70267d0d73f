using AdvCam.Core.Regression;
using AdvCam.Core.Running;
using AdvCam.Torch;

namespace AdvCam.Core.Tests.Regression;

/// <summary>Verdicts worked by hand: one measured plugin with a top-1 (higher is better) and a fooling rate (higher is worse).</summary>
public sealed class CaseCheckTests
{
    private static readonly RegressionCase Top1 = new("blur/s3/top1", 0, "image_perturbation", null, 3, "top1");
    private static readonly RegressionCase Fooling = new("blur/s3/fooling_rate", 0, "image_perturbation", null, 3, "fooling_rate");

    private static SuiteResults Results(double top1, double fooling, PluginStatus status = PluginStatus.Passed, string? error = null)
    {
        var severity = new SeverityInfo(3, "sigma=1.4", new Dictionary<string, double> { ["sigma"] = 1.4 });
        ResultEntry[] entries = status == PluginStatus.Passed
            ? [new("image_perturbation", severity, "top1", top1), new("image_perturbation", severity, "fooling_rate", fooling)]
            : [];
        var plugin = new PluginResult("blur", ["image_perturbation"], null, null, null, new Dictionary<string, string>(), status, error, null, 1, entries);
        return new SuiteResults(1, new SuiteInfo("s", null, null), SuiteStatus.Completed, SuiteEnvironment.Capture(Device.Cpu, 0),
            new SuiteModelInfo(null, "fashion-mnist", new Dictionary<string, string>()),
            new SuiteDataInfo("fashion-mnist", "d", 256, 64, 1, 28, false, [0.5f], [0.5f]), new CleanResult([new MetricValue("top1", 0.95)], 1),
            [plugin], [], 1);
    }

    private static SuiteThresholds Thresholds(string rules = "") =>
        SuiteThresholds.Parse($$"""{ "suite": "s.json", "baseline": "b.json", "tolerance": 0.02 {{rules}} }""", "/m/thresholds.json");

    private static SuiteBaseline Baseline(double top1, double fooling) =>
        SuiteBaseline.From(Results(top1, fooling), [Top1, Fooling]);

    [Test]
    public void Higher_is_better_fails_below_the_floor_and_below_the_baseline_minus_the_tolerance()
    {
        var thresholds = Thresholds(""", "floors": { "blur/*/top1": 0.5 } """);
        var verdict = CaseCheck.Evaluate(Top1, Results(0.412, 0.3), thresholds, Baseline(0.742, 0.2), "/r/results.json");
        verdict.Outcome.Should().Be(CaseOutcome.Failed);
        verdict.Message.Should().Be("blur s3 top1 = 0.412 is below the floor 0.5 and below the baseline 0.742 - tolerance 0.02 = 0.722; results: /r/results.json");

        var drift = CaseCheck.Evaluate(Top1, Results(0.70, 0.3), thresholds, Baseline(0.742, 0.2), "/r/results.json");
        drift.Message.Should().Be("blur s3 top1 = 0.7 is below the baseline 0.742 - tolerance 0.02 = 0.722 (floor 0.5); results: /r/results.json");

        var floorOnly = CaseCheck.Evaluate(Top1, Results(0.45, 0.3), thresholds, Baseline(0.46, 0.2), null);
        floorOnly.Message.Should().Be("blur s3 top1 = 0.45 is below the floor 0.5 (baseline 0.46, tolerance 0.02)");

        var within = CaseCheck.Evaluate(Top1, Results(0.722, 0.3), thresholds, Baseline(0.742, 0.2), null);
        within.Outcome.Should().Be(CaseOutcome.Passed);
        within.Message.Should().Be("blur s3 top1 = 0.722 (floor 0.5; baseline 0.742, tolerance 0.02)");
        CaseCheck.Evaluate(Top1, Results(0.9, 0.3), thresholds, Baseline(0.742, 0.2), null).Outcome.Should().Be(CaseOutcome.Passed);
    }

    [Test]
    public void Higher_is_worse_fails_above_the_ceiling_and_above_the_baseline_plus_the_tolerance()
    {
        var thresholds = Thresholds(""", "ceilings": { "*/fooling_rate": 0.3 } """);
        var above = CaseCheck.Evaluate(Fooling, Results(0.5, 0.35), thresholds, Baseline(0.5, 0.2), null);
        above.Outcome.Should().Be(CaseOutcome.Failed);
        above.Message.Should().Be("blur s3 fooling_rate = 0.35 is above the ceiling 0.3 and above the baseline 0.2 + tolerance 0.02 = 0.22");
        CaseCheck.Evaluate(Fooling, Results(0.5, 0.25), thresholds, Baseline(0.5, 0.2), null).Message
            .Should().Be("blur s3 fooling_rate = 0.25 is above the baseline 0.2 + tolerance 0.02 = 0.22 (ceiling 0.3)");
        // A lower fooling rate than the baseline is an improvement, not a failure.
        CaseCheck.Evaluate(Fooling, Results(0.5, 0.05), thresholds, Baseline(0.5, 0.2), null).Outcome.Should().Be(CaseOutcome.Passed);
    }

    [Test]
    public void Nothing_to_compare_with_is_no_threshold_or_a_failure_as_the_file_says()
    {
        var none = CaseCheck.Evaluate(Top1, Results(0.6, 0.3), Thresholds(), null, null);
        none.Outcome.Should().Be(CaseOutcome.NoThreshold);
        none.Message.Should().StartWith("blur s3 top1 = 0.6: nothing to compare it with: ").And.Contain("advcam baseline --thresholds /m/thresholds.json");
        CaseCheck.Evaluate(Top1, Results(0.6, 0.3), Thresholds(""", "missing": "fail" """), null, null).Outcome.Should().Be(CaseOutcome.Failed);
    }

    [Test]
    public void A_baseline_recorded_on_another_number_of_items_is_shown_but_not_applied_when_the_scope_is_the_same_items()
    {
        // This run has 256 items; the baseline was recorded on 1000.
        var elsewhere = Baseline(0.742, 0.2) with { Items = 1000 };
        var thresholds = Thresholds(""", "floors": { "blur/*/top1": 0.5 } """);

        // Only the baseline guards the fooling rate: inconclusive, and the message says exactly why.
        var guarded = CaseCheck.Evaluate(Fooling, Results(0.6, 0.3), thresholds, elsewhere, null, BaselineScope.SameItems);
        guarded.Outcome.Should().Be(CaseOutcome.NoThreshold);
        guarded.Baseline.Should().Be(0.2, "the baseline value is shown");
        guarded.Message.Should().Be("blur s3 fooling_rate = 0.3: nothing to compare it with: its baseline (0.2 on 1000 items) was recorded on a different " +
                                    "number of items than this run (256), so it is not applied: give it a ceiling in the threshold file, or record a baseline " +
                                    "on this run's 256 items (the suite file's test_subset) with `advcam baseline --thresholds /m/thresholds.json`");
        guarded.Message.Should().NotContain("record the baseline again");

        // The floor still judges; the baseline (which 0.6 would miss by more than the tolerance) is only mentioned.
        var floored = CaseCheck.Evaluate(Top1, Results(0.6, 0.3), thresholds, elsewhere, null, BaselineScope.SameItems);
        floored.Outcome.Should().Be(CaseOutcome.Passed);
        floored.Baseline.Should().Be(0.742);
        floored.Message.Should().Be("blur s3 top1 = 0.6 (floor 0.5); baseline 0.742 not applied: recorded on 1000 items, this run measured 256");
        var below = CaseCheck.Evaluate(Top1, Results(0.45, 0.3), thresholds, elsewhere, "/r.json", BaselineScope.SameItems);
        below.Outcome.Should().Be(CaseOutcome.Failed);
        below.Message.Should().Be("blur s3 top1 = 0.45 is below the floor 0.5; baseline 0.742 not applied: recorded on 1000 items, this run measured 256; results: /r.json");

        // The same baseline on the same number of items applies.
        CaseCheck.Evaluate(Top1, Results(0.6, 0.3), thresholds, elsewhere with { Items = 256 }, null, BaselineScope.SameItems).Outcome.Should().Be(CaseOutcome.Failed);
        // The NUnit suites' scope applies it on any items, and notes the difference when it fails.
        var any = CaseCheck.Evaluate(Top1, Results(0.6, 0.3), thresholds, elsewhere, null);
        any.Outcome.Should().Be(CaseOutcome.Failed);
        any.Message.Should().Be("blur s3 top1 = 0.6 is below the baseline 0.742 - tolerance 0.02 = 0.722 (floor 0.5); note: the baseline was recorded on 1000 items, this run has 256");
    }

    [Test]
    public void A_failed_plugin_fails_its_cases_with_its_error()
    {
        var verdict = CaseCheck.Evaluate(Top1, Results(0, 0, PluginStatus.Failed, "plugin 'blur' (image_perturbation): Apply threw"), Thresholds(), null, "/r.json");
        verdict.Outcome.Should().Be(CaseOutcome.Failed);
        verdict.Message.Should().Be("blur s3 top1 was not measured: plugin 'blur' (image_perturbation): Apply threw; results: /r.json");
    }
}
