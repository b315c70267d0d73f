using AdvCam.Core.Models;
using AdvCam.Core.Regression;
using AdvCam.Report.Checks;

namespace AdvCam.Report.Tests.Checks;

/// <summary>
/// The shipped threshold files (models/*/thresholds.json, found beside the models) judged on the real report's measurements
/// (<see cref="RealReport"/>: 4 items per suite, AdvCAM left out).
/// </summary>
public class ThresholdEvaluatorTests
{
    private static ThresholdCheck Check(string model) =>
        RealReport.Outcome.Results.Checks!.Single(c => c.ThresholdsFile == Path.Combine(ShippedModels.PathOf(model), ThresholdAssignment.FileName));

    [Test]
    public void The_threshold_files_beside_the_shipped_models_are_judged_on_the_suites_that_ran_those_models()
    {
        var checks = RealReport.Outcome.Results.Checks!;
        checks.Select(c => (c.Suite, c.ReportSuite)).Should().Equal(("fashion-mnist", "perturbations"), ("fashion-scenes", "attribution"));
        var mnist = Check("fashion-mnist");
        mnist.ReportItems.Should().Be(RealReport.Items);
        mnist.SuiteItems.Should().Be(256);
        mnist.BaselineItems.Should().Be(256);
        // Every case of the suite file is listed, named as dotnet test names it.
        var planned = RegressionSuite.Load(mnist.ThresholdsFile).Plan().Select(c => c.Name);
        mnist.Cases.Select(c => c.Name).Should().Equal(planned);
        // The page must say the verdicts come from other items than the suite's and the baseline's.
        mnist.Notes.Should().Contain(n => n.StartsWith($"Judged on this report's own measurements: {RealReport.Items} items", StringComparison.Ordinal))
            .And.Contain(n => n.StartsWith($"The baseline was recorded on 256 items, this report measured {RealReport.Items}", StringComparison.Ordinal));
    }

    [Test]
    public void Measured_cases_pass_or_fail_by_their_floor_ceiling_and_baseline_on_the_reports_values()
    {
        var perturbations = RealReport.Outcome.Results.Suites[0];
        var mnist = Check("fashion-mnist");
        var clean = mnist.Cases.Single(c => c.Name == "clean/top1");
        clean.Value.Should().Be(perturbations.Clean!.Metrics.Single().Value);
        clean.LimitKind.Should().Be("floor");
        clean.Limit.Should().Be(0.90);

        var checks = new[] { mnist, Check("fashion-scenes") };
        var measured = checks.SelectMany(k => k.Cases.Where(c => c.Outcome is ThresholdOutcome.Passed or ThresholdOutcome.Failed && c.Value is not null)
            .Select(c => (Case: c, BaselineApplies: k.BaselineItems == k.ReportItems))).ToArray();
        measured.Length.Should().BeGreaterThan(20);
        foreach (var (c, baselineApplies) in measured)
        {
            var better = c.LimitKind != "ceiling" && !c.Name.EndsWith("fooling_rate", StringComparison.Ordinal) && !c.Name.Contains("noise_ratio", StringComparison.Ordinal);
            var v = c.Value!.Value;
            var missesLimit = c.Limit is { } l && (better ? v < l : v > l);
            var missesBaseline = baselineApplies && c.Baseline is { } b && (better ? v < b - c.Tolerance - 1e-9 : v > b + c.Tolerance + 1e-9);
            c.Outcome.Should().Be(missesLimit || missesBaseline ? ThresholdOutcome.Failed : ThresholdOutcome.Passed, c.Message);
            if (!baselineApplies && c.Baseline is not null) c.Message.Should().Contain("not applied: recorded on", c.Name);
        }
        // A case only the baseline guards is inconclusive, and says the baseline exists but was recorded on other items.
        var inconclusive = mnist.Cases.Where(c => c.Outcome == ThresholdOutcome.Inconclusive).ToArray();
        inconclusive.Should().NotBeEmpty().And.OnlyContain(c => c.Baseline != null, "the baseline value is shown");
        foreach (var c in inconclusive)
            c.Message.Should().Contain($"on 256 items) was recorded on a different number of items than this run ({RealReport.Items}), so it is not applied: give it a")
                .And.NotContain("record the baseline again", c.Name);
        // The report measures 4 items, the baselines 256 and 16: shown, never applied; floors and ceilings still judge.
        measured.Should().Contain(m => !m.BaselineApplies && m.Case.Baseline != null);
        measured.Should().Contain(m => m.Case.Outcome == ThresholdOutcome.Passed);
        var measuredCases = measured.Select(m => m.Case).ToArray();
        measuredCases.Where(c => c.Outcome == ThresholdOutcome.Failed).Should().OnlyContain(c =>
            c.Message.Contains(" is below ", StringComparison.Ordinal) || c.Message.Contains(" is above ", StringComparison.Ordinal) ||
            c.Message.Contains(" below the baseline", StringComparison.Ordinal) || c.Message.Contains(" above the baseline", StringComparison.Ordinal));
    }

    [Test]
    public void Cases_the_report_ran_with_other_settings_or_not_at_all_are_not_measured_and_say_why()
    {
        // The suite runs AdvBN at eps 0.1,0.2,0.4 with 3 steps; the report runs its defaults.
        var advbn = Check("fashion-mnist").Cases.Where(c => c.Name.StartsWith("advbn/", StringComparison.Ordinal)).ToArray();
        advbn.Should().NotBeEmpty().And.OnlyContain(c => c.Outcome == ThresholdOutcome.NotMeasured && c.Value == null);
        advbn[0].Message.Should().Contain("not measured by this report: the suite runs advbn with").And.Contain("eps=0.1,0.2,0.4 (the report: ");
        advbn[0].Limit.Should().NotBeNull("the floor is still shown");
        // The real report leaves AdvCAM out.
        var advcam = Check("fashion-scenes").Cases.Where(c => c.Name.StartsWith("advcam/", StringComparison.Ordinal)).ToArray();
        advcam.Should().HaveCount(4).And.OnlyContain(c => c.Outcome == ThresholdOutcome.NotMeasured);
        advcam[0].Message.Should().Be("advcam seed_mIoU: not measured by this report: the report did not run plugin 'advcam'");
        // A worst case over severities is another number when the report ran other levels (all five blur levels against the
        // suite's 1, 3, 5), while the levels themselves are the same measurements.
        var blur = Check("fashion-mnist").Cases.Single(c => c.Name == "gaussian-blur/worst_fooling_rate");
        blur.Outcome.Should().Be(ThresholdOutcome.NotMeasured);
        blur.Message.Should().StartWith("gaussian-blur worst_fooling_rate: not measured by this report: the suite's worst case is over severity levels 1, 3, 5, the report's over 1, 2, 3, 4, 5");
        Check("fashion-mnist").Cases.Single(c => c.Name == "gaussian-blur/s3/top1").Outcome.Should().NotBe(ThresholdOutcome.NotMeasured);
        // Crop selection with its defaults under pixel-shift with its defaults is the same measurement in both.
        Check("fashion-mnist").Cases.Single(c => c.Name == "crop-select/pixel-shift/s1/consistency").Outcome.Should().NotBe(ThresholdOutcome.NotMeasured);
        Check("fashion-mnist").Cases.Single(c => c.Name == "crop-select(cyclic=true)/pixel-roll/s1/consistency").Outcome.Should().NotBe(ThresholdOutcome.NotMeasured);
    }
}
