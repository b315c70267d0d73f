using System.Text;
using System.Text.Json.Nodes;

namespace AdvCam.Cli.Tests.Commands;

public class RunCommandTests
{
    private static string SampleFolder => Path.Combine(AppContext.BaseDirectory, "sample-plugins");

    private string folder = "";

    [SetUp]
    public void CreateFolder() => folder = Directory.CreateTempSubdirectory("advcam-cli-run-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(folder, recursive: true);

    private string Suite(string json)
    {
        var path = Path.Combine(folder, "suite.json");
        File.WriteAllText(path, json);
        return path;
    }

    [Test]
    public void Run_writes_results_json_and_prints_a_table_failed_plugins_included()
    {
        var suite = Suite("""
            {
              "name": "smoke",
              "model": "fashion-mnist",
              "data": { "test_subset": 96, "batch_size": 32 },
              "seed": 1,
              "plugins": ["sample-invert", "not-there"]
            }
            """);
        var output = Path.Combine(folder, "out");
        var result = AdvcamProcess.Run("run", "--suite", suite, "--out", output, "--plugins", SampleFolder, "--seed", "9", "--test-subset", "64",
            "--threads", "1");

        result.ExitCode.Should().Be(0, "failed plugins are reported, not an error of the run: " + result.Error);
        result.Output.Should().Contain("suite  smoke");
        result.Output.Should().MatchRegex(@"clean\s+top1 0\.\d{4}");
        result.Output.Should().MatchRegex(@"sample-invert\s+1 inverted\s+top1 0\.\d{4}  consistency 0\.\d{4}  fooling_rate 0\.\d{4}");
        result.Output.Should().MatchRegex(@"not-there\s+FAILED\s+plugin 'not-there' was not loaded");
        result.Output.Should().Contain("1 plugin failed");
        var path = Path.Combine(output, "results.json");
        result.Output.Should().Contain($"results  {path}");

        var json = JsonNode.Parse(File.ReadAllText(path))!;
        json["status"]!.GetValue<string>().Should().Be("completed");
        json["suite"]!["file"]!.GetValue<string>().Should().Be(suite);
        json["environment"]!["seed"]!.GetValue<long>().Should().Be(9, "--seed overrides the suite's");
        json["environment"]!["threads"]!.GetValue<int>().Should().Be(1);
        json["data"]!["items"]!.GetValue<int>().Should().Be(64, "--test-subset overrides the suite's");
        json["model"]!["task"]!.GetValue<string>().Should().Be("fashion-mnist");
        json["plugins"]![0]!["status"]!.GetValue<string>().Should().Be("passed");
        // top1, consistency, fooling_rate for the one severity, then the worst case over the severities.
        json["plugins"]![0]!["entries"]!.AsArray().Select(e => e!["metric"]!.GetValue<string>())
            .Should().Equal("top1", "consistency", "fooling_rate", "worst_fooling_rate");
        json["plugins"]![1]!["status"]!.GetValue<string>().Should().Be("failed");
    }

    /// <summary>A suite names a built-in plugin by name alone: the runner finds it in plugins/ beside advcam.</summary>
    [Test]
    public void A_suite_naming_the_built_in_pixel_roll_gets_a_consistency_entry_per_direction()
    {
        var suite = Suite("""
            { "name": "roll", "model": "fashion-mnist", "data": { "test_subset": 128 }, "plugins": ["pixel-roll"] }
            """);
        var output = Path.Combine(folder, "out");
        var result = AdvcamProcess.Run("run", "--suite", suite, "--out", output, "--threads", "1");
        result.ExitCode.Should().Be(0, result.Error);
        result.Output.Should().MatchRegex(@"pixel-roll\s+1 up\s+top1 [01]\.\d{4}  consistency [01]\.\d{4}");

        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "results.json")))!;
        json["data"]!["items"]!.GetValue<int>().Should().Be(128);
        var plugin = json["plugins"]![0]!;
        plugin["name"]!.GetValue<string>().Should().Be("pixel-roll");
        plugin["status"]!.GetValue<string>().Should().Be("passed", plugin["error"]?.ToJsonString());
        plugin["source_file"]!.GetValue<string>().Should().Be(Path.Combine(AppContext.BaseDirectory, "plugins", "Perturbations", "AdvCam.Plugins.Perturbations.dll"));
        plugin["parameters"]!["pixels"]!.GetValue<string>().Should().Be("1");
        var consistency = plugin["entries"]!.AsArray().Where(e => e!["metric"]!.GetValue<string>() == "consistency").ToList();
        consistency.Select(e => e!["severity"]!["label"]!.GetValue<string>())
            .Should().Equal("up", "up-right", "right", "down-right", "down", "down-left", "left", "up-left");
        consistency.Select(e => e!["severity"]!["values"]!["dx"]!.GetValue<double>()).Should().Equal(0, 1, 1, 1, 0, -1, -1, -1);
        consistency.Select(e => e!["value"]!.GetValue<double>()).Should().AllSatisfy(v => v.Should().BeInRange(0, 1));
    }

    [TestCase("{ \"model\": \"fashion-mnist\", \"seed\": }", "not valid JSON")]
    [TestCase("""{ "model": "fashion-mnist", "plugins": [{ "name": "sample-invert", "severities": [0] }] }""", "$.plugins[0].severities[0]")]
    [TestCase("""{ "plugins": [] }""", "names no model ($.model) and no --model was given")]
    [TestCase("""{ "model": "no-such-model" }""", "no-such-model")]
    public void A_bad_suite_is_one_line_and_exit_code_2(string json, string message)
    {
        var suite = Suite(json);
        var result = AdvcamProcess.Run("run", "--suite", suite, "--out", Path.Combine(folder, "out"));
        result.ExitCode.Should().Be(2, result.Output + result.Error);
        result.Error.Trim().Split('\n').Should().ContainSingle().Which.Should().Contain(message);
        File.Exists(Path.Combine(folder, "out", "results.json")).Should().BeFalse();
    }

    [Test]
    public void A_missing_suite_file_is_one_line_and_exit_code_2()
    {
        var result = AdvcamProcess.Run("run", "--suite", Path.Combine(folder, "none.json"));
        result.ExitCode.Should().Be(2);
        result.Error.Trim().Split('\n').Should().ContainSingle().Which.Should().Contain("none.json");
    }

    [Test]
    public void Interrupt_keeps_what_finished_in_results_json_and_exits_with_130()
    {
        var suite = Suite("""
            { "name": "long", "model": "fashion-mnist", "data": { "batch_size": 8 }, "plugins": ["sample-invert"] }
            """);
        var output = Path.Combine(folder, "out");
        using var process = AdvcamProcess.Start(new Dictionary<string, string>(), "run", "--suite", suite, "--out", output, "--plugins", SampleFolder,
            "--threads", "1");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var error = new StringBuilder();
        string? line;
        while ((line = process.StandardError.ReadLine()) is not null)
        {
            error.AppendLine(line);
            if (line.StartsWith("clean pass", StringComparison.Ordinal)) break;
        }
        AdvcamProcess.Interrupt(process);
        error.Append(process.StandardError.ReadToEnd());
        process.WaitForExit(60_000).Should().BeTrue("advcam should stop soon after SIGINT");
        process.ExitCode.Should().Be(130, error.ToString());
        error.ToString().Should().Contain("interrupted");

        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "results.json")))!;
        json["status"]!.GetValue<string>().Should().Be("cancelled");
        json["plugins"]![0]!["status"]!.GetValue<string>().Should().Be("cancelled");
        stdout.Result.Should().Contain("cancelled");
    }
}
