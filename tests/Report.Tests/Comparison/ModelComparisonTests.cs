using AdvCam.Core.Running;
using AdvCam.Report.Comparison;

namespace AdvCam.Report.Tests.Comparison;

public class ModelComparisonTests
{
    private static ModelComparison Sample(bool fineTunedHasShift = true)
    {
        var (original, tuned) = SampleResults.FineTunedPair(fineTunedHasShift);
        return ModelComparison.Create(original, [(tuned, "blur-mix")]);
    }

    [Test]
    public void Each_model_has_the_clean_the_strongest_level_of_graded_perturbations_and_the_worst_of_the_others_with_the_change()
    {
        var comparison = Sample();
        comparison.BaseSuite.Should().Be("perturbations");
        comparison.Metric.Should().Be(SuiteMetrics.Top1);
        comparison.Models.Select(m => (m.Name, m.Recipe, m.Suite)).Should().Equal(
            ("fashion-mnist", null, "perturbations"), ("fashion-mnist-blur-mix", "blur-mix", "perturbations/fashion-mnist-blur-mix"));

        var original = comparison.Models[0].Figures;
        original.Select(f => (f.Name, f.Statistic, f.Level ?? 0)).Should().Equal(
            ("clean", ModelComparison.Clean, 0), ("blur/s3", ModelComparison.Strongest, 3), ("shift/worst", ModelComparison.Worst, 2),
            ("advbn/worst", ModelComparison.Worst, 2));
        original.Select(f => f.Value).Should().Equal(0.93, 0.2, 0.85, 0.3);
        original.Should().OnlyContain(f => f.Change == null, "the original is the reference");
        original[1].Severity.Should().Be("s3");

        var tuned = comparison.Models[1].Figures;
        tuned.Select(f => f.Name).Should().Equal(original.Select(f => f.Name), "the same figures, in the same order");
        tuned.Select(f => f.Value).Should().Equal(0.92, 0.75, 0.9, 0.2);
        tuned.Select(f => f.Level).Should().Equal(new int?[] { null, 3, 1, 2 }, "the worst is where this model's accuracy is lowest");
        tuned.Select(f => f.Change!.Value).Should().BeEquivalentTo(new[] { -0.01, 0.55, 0.05, -0.1 }, o => o.WithStrictOrdering()
            .Using<double>(x => x.Subject.Should().BeApproximately(x.Expectation, 1e-12)).WhenTypeIs<double>());
    }

    [Test]
    public void A_perturbation_the_fine_tuned_model_lacks_has_no_value_and_no_change()
    {
        var shift = Sample(fineTunedHasShift: false).Models[1].Figures.Single(f => f.Name == "shift/worst");
        shift.Value.Should().BeNull();
        shift.Change.Should().BeNull();
        shift.Level.Should().BeNull();
    }

    [Test]
    public void The_comparison_round_trips_through_the_report_json()
    {
        var report = SampleResults.Report(SampleResults.Suite("perturbations", [])) with { Comparisons = [Sample()] };
        var json = report.ToJson();
        var root = System.Text.Json.Nodes.JsonNode.Parse(json)!;
        root["comparisons"]![0]!["base_suite"]!.GetValue<string>().Should().Be("perturbations");
        root["comparisons"]![0]!["models"]![1]!["figures"]![1]!["statistic"]!.GetValue<string>().Should().Be("strongest");
        root["comparisons"]![0]!["models"]![1]!["figures"]![1]!["change"]!.GetValue<double>().Should().BeApproximately(0.55, 1e-12);
        var back = ReportResults.FromJson(json);
        back.Comparisons.Should().BeEquivalentTo(report.Comparisons, o => o.WithStrictOrdering());
        back.ToJson().Should().Be(json);
    }
}
