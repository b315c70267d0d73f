using AdvCam.Core.Running;
using AdvCam.Report.Rendering;

namespace AdvCam.Report.Tests.Rendering;

public class ReportFiguresTests
{
    [Test]
    public void A_plugin_run_twice_is_labelled_by_the_parameters_that_differ_else_by_its_place()
    {
        var a = SampleResults.Plugin("crop", [PluginKindNames.InferenceDefense], PluginStatus.Passed, [], new Dictionary<string, string> { ["cyclic"] = "false", ["margin"] = "2" });
        var b = a with { Parameters = new Dictionary<string, string> { ["cyclic"] = "true", ["margin"] = "2" } };
        var once = SampleResults.Perturbation("blur", 0.5);
        ReportFigures.Labels(SampleResults.Suite("s", [a, once, b])).Should().Equal("crop (cyclic=false)", "blur", "crop (cyclic=true)");
        ReportFigures.Labels(SampleResults.Suite("s", [a, a])).Should().Equal("crop #1", "crop #2");
    }

    [Test]
    public void Curves_follow_the_levels_and_the_worst_case_is_the_lowest_accuracy()
    {
        var advbn = SampleResults.Plugin("advbn", [PluginKindNames.ModelPerturbation], PluginStatus.Passed,
        [
            new ResultEntry(PluginKindNames.ModelPerturbation, SampleResults.Severity(2), SuiteMetrics.Top1, 0.4),
            new ResultEntry(PluginKindNames.ModelPerturbation, SampleResults.Severity(1), SuiteMetrics.Top1, 0.7),
            new ResultEntry(PluginKindNames.ModelPerturbation, SampleResults.Severity(3), SuiteMetrics.Top1, 0.45),
        ]);
        var curve = ReportFigures.Curves(SampleResults.Suite("s", [advbn])).Should().ContainSingle().Subject;
        curve.Points.Select(p => (p.Level, p.Accuracy, p.Consistency)).Should().Equal((1, 0.7, null), (2, 0.4, null), (3, 0.45, null));
        curve.WorstAccuracy.Should().Be(0.4);
        curve.Clean.Should().Be(0.9);
    }

    [Test]
    public void Defence_rows_average_over_severities()
    {
        var entries = new List<ResultEntry>
        {
            new(PluginKindNames.InferenceDefense, SampleResults.Severity(1), SuiteMetrics.Top1, 0.8, "shift"),
            new(PluginKindNames.InferenceDefense, SampleResults.Severity(1), SuiteMetrics.Consistency, 0.9, "shift"),
            new(PluginKindNames.InferenceDefense, SampleResults.Severity(2), SuiteMetrics.Top1, 0.6, "shift"),
            new(PluginKindNames.InferenceDefense, SampleResults.Severity(2), SuiteMetrics.Consistency, 0.7, "shift"),
            new(PluginKindNames.InferenceDefense, null, SuiteMetrics.WorstFoolingRate, 0.35, "shift"),
        };
        var suite = SampleResults.Suite("s", [SampleResults.Perturbation("shift", 0.5, 0.3), SampleResults.Plugin("d", [PluginKindNames.InferenceDefense], PluginStatus.Passed, entries)]);
        var rows = ReportFigures.Defenses(suite);
        rows.Should().HaveCount(2);
        rows[0].Defense.Should().BeNull();
        rows[0].Accuracy.Should().BeApproximately(0.4, 1e-12);
        rows[0].WorstFoolingRate.Should().Be(0.5);
        rows[1].Should().BeEquivalentTo(new { Defense = "d", Severities = 2, WorstFoolingRate = 0.35, FoolingRate = (double?)null });
        rows[1].Accuracy.Should().BeApproximately(0.7, 1e-12);
        rows[1].Consistency.Should().BeApproximately(0.8, 1e-12);
    }
}
