using System.Text.Json;
using System.Text.Json.Nodes;

namespace AdvCam.Report.Tests;

public class ReportResultsTests
{
    [Test]
    public void The_report_json_round_trips_and_each_suite_is_a_complete_suite_results()
    {
        var report = SampleResults.Report(SampleResults.Suite("a", [SampleResults.Perturbation("blur", 0.8, 0.6)]), SampleResults.Suite("b", [], masks: true))
            with { Checks = [SampleResults.Check()] };
        var json = report.ToJson();
        var back = ReportResults.FromJson(json);
        back.ToJson().Should().Be(json);
        var root = JsonNode.Parse(json)!;
        root["kind"]!.GetValue<string>().Should().Be("advcam-report");
        root["report_schema_version"]!.GetValue<int>().Should().Be(1);
        Core.Running.SuiteResults.FromJson(root["suites"]![1]!.ToJsonString()).Suite.Name.Should().Be("b");
        // The verdicts: per case the outcome in snake_case, with the counts beside them for programs.
        root["checks"]![0]!["cases"]![3]!["outcome"]!.GetValue<string>().Should().Be("not_measured");
        root["checks"]![0]!["cases"]![1]!["limit_kind"]!.GetValue<string>().Should().Be("floor");
        root["checks"]![0]!["failed"]!.GetValue<int>().Should().Be(1);
        back.Checks.Should().BeEquivalentTo(report.Checks);
    }

    [Test]
    public void A_single_suite_results_file_is_refused_with_a_clear_message()
    {
        var suite = SampleResults.Suite("a", []).ToJson();
        var act = () => ReportResults.FromJson(suite);
        act.Should().Throw<JsonException>().WithMessage("*not an AdvCam report*");
    }
}
