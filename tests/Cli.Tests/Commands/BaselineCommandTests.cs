using System.Text.Json.Nodes;

namespace AdvCam.Cli.Tests.Commands;

public class BaselineCommandTests
{
    private static string SampleFolder => Path.Combine(AppContext.BaseDirectory, "sample-plugins");

    private string folder = "";

    [SetUp]
    public void CreateFolder() => folder = Directory.CreateTempSubdirectory("advcam-cli-baseline-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(folder, recursive: true);

    private string Thresholds(string plugins)
    {
        File.WriteAllText(Path.Combine(folder, "suite.json"),
            $$"""{ "name": "tiny", "model": "fashion-mnist", "data": { "test_subset": 64 }, "plugins": {{plugins}} }""");
        var path = Path.Combine(folder, "thresholds.json");
        File.WriteAllText(path, $$"""
            { "suite": "suite.json", "baseline": "recorded/baseline.json", "plugin_folders": ["{{SampleFolder}}"],
              "floors": { "clean/top1": 0.5, "sample-invert/s1/top1": 0.9 } }
            """);
        return path;
    }

    [Test]
    public void Baseline_records_every_cases_value_as_the_run_measured_it()
    {
        var thresholds = Thresholds("""["sample-invert"]""");
        var result = AdvcamProcess.Run("baseline", "--thresholds", thresholds, "--out", Path.Combine(folder, "out"), "--threads", "1");

        result.ExitCode.Should().Be(0, result.Error);
        var file = Path.Combine(folder, "recorded", "baseline.json");
        result.Output.Should().Contain($"baseline  {file}  (5 values, suite tiny, 64 items");
        result.Output.Should().MatchRegex(@"clean/top1\s+0\.\d+\s+floor 0\.5\n");
        result.Output.Should().MatchRegex(@"sample-invert/s1/top1\s+0\.\d+\s+floor 0\.9  BELOW THE FLOOR");

        var baseline = JsonNode.Parse(File.ReadAllText(file))!;
        baseline["kind"]!.GetValue<string>().Should().Be("advcam-baseline");
        baseline["items"]!.GetValue<int>().Should().Be(64);
        baseline["model_sha256"]!.GetValue<string>().Should().MatchRegex("^[0-9a-f]{64}$");
        var values = baseline["values"]!.AsObject();
        values.Select(v => v.Key).Should().BeEquivalentTo("clean/top1", "sample-invert/s1/top1", "sample-invert/s1/consistency",
            "sample-invert/s1/fooling_rate", "sample-invert/worst_fooling_rate");
        // The same numbers as the run's results.
        var results = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "out", "results.json")))!;
        values["clean/top1"]!.GetValue<double>().Should().Be(results["clean"]!["metrics"]![0]!["value"]!.GetValue<double>());
        var entries = results["plugins"]![0]!["entries"]!.AsArray();
        values["sample-invert/s1/consistency"]!.GetValue<double>().Should().Be(entries[1]!["value"]!.GetValue<double>());
        values["sample-invert/worst_fooling_rate"]!.GetValue<double>().Should().Be(entries[3]!["value"]!.GetValue<double>());
    }

    [Test]
    public void A_failed_plugin_records_no_baseline()
    {
        var thresholds = Thresholds("""["sample-invert", "not-there"]""");
        var result = AdvcamProcess.Run("baseline", "--thresholds", thresholds, "--threads", "1");

        result.ExitCode.Should().Be(1);
        result.Error.Should().Contain("advcam: plugin 'not-there' failed: plugin 'not-there' was not loaded");
        result.Error.Should().Contain("no baseline written");
        File.Exists(Path.Combine(folder, "recorded", "baseline.json")).Should().BeFalse();
    }

    [Test]
    public void A_bad_threshold_file_is_one_line_naming_it_and_the_json_path()
    {
        var path = Path.Combine(folder, "thresholds.json");
        File.WriteAllText(path, """{ "suite": "suite.json", "ceilings": { "x/top1": 0.5 } }""");
        var result = AdvcamProcess.Run("baseline", "--thresholds", path);

        result.ExitCode.Should().Be(2);
        result.Error.Trim().Should().Be($"advcam: thresholds '{path}': $.ceilings['x/top1']: 'top1' is a metric where higher is better: give its limit under \"floors\"");
    }
}
