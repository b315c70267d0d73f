using AdvCam.Core.Regression;

namespace AdvCam.Core.Tests.Regression;

public sealed class SuiteThresholdsTests
{
    private const string File = "/data/m/thresholds.json";

    private static RegressionCase Case(string name, string metric) => new(name, 0, "image_perturbation", null, 1, metric);

    [Test]
    public void Reads_paths_relative_to_the_file_rules_and_defaults()
    {
        var t = SuiteThresholds.Parse("""
            // comment
            { "suite": "suite.json", "baseline": "b/base.json", "tolerances": { "advbn/*": 0.05 },
              "floors": { "*/top1": 0.5, "gaussian-blur/*/top1": 0.6, "gaussian-blur/s3/top1": 0.4 },
              "ceilings": { "*/fooling_rate": 0.3 }, "missing": "fail", "plugin_folders": ["../plugins"], }
            """, File);
        t.Suite.Should().Be("/data/m/suite.json");
        t.Baseline.Should().Be("/data/m/b/base.json");
        t.PluginFolders.Should().Equal("/data/plugins");
        t.Missing.Should().Be(MissingThresholdPolicy.Fail);
        t.Tolerance.Should().Be(SuiteThresholds.DefaultTolerance);
        // The most specific pattern wins.
        t.LimitFor(Case("gaussian-blur/s3/top1", "top1"))!.Value.Should().Be(0.4);
        t.LimitFor(Case("gaussian-blur/s1/top1", "top1"))!.Value.Should().Be(0.6);
        t.LimitFor(Case("pixel-shift/s1/top1", "top1"))!.Value.Should().Be(0.5);
        // Floors apply to higher-is-better metrics, ceilings to higher-is-worse ones.
        t.LimitFor(Case("pixel-shift/s1/fooling_rate", "fooling_rate"))!.Value.Should().Be(0.3);
        t.LimitFor(Case("pixel-shift/s1/consistency", "consistency")).Should().BeNull();
        t.ToleranceFor(Case("advbn/s1/top1", "top1")).Should().Be(0.05);
        t.ToleranceFor(Case("pixel-shift/s1/top1", "top1")).Should().Be(0.02);
        t.Unused([Case("pixel-shift/s1/top1", "top1")]).Select(r => r.JsonPath)
            .Should().Equal("$.floors['gaussian-blur/*/top1']", "$.floors['gaussian-blur/s3/top1']", "$.ceilings['*/fooling_rate']", "$.tolerances['advbn/*']");
    }

    [TestCase("""{ "floors": {} }""", "$", "the file names no suite")]
    [TestCase("""{ "suite": "s.json", "flors": {} }""", "$.flors", "unknown key 'flors'")]
    [TestCase("""{ "suite": "s.json", "floors": { "x/top1": 1.2 } }""", "$.floors['x/top1']", "expected a floor (a number from 0 to 1), got the number 1.2")]
    [TestCase("""{ "suite": "s.json", "floors": { "x/top1": "0.5" } }""", "$.floors['x/top1']", "expected a floor (a number from 0 to 1), got the string \"0.5\"")]
    [TestCase("""{ "suite": "s.json", "floors": { "x/s1/fooling_rate": 0.1 } }""", "$.floors['x/s1/fooling_rate']", "'fooling_rate' is a metric where higher is worse: give its limit under \"ceilings\"")]
    [TestCase("""{ "suite": "s.json", "ceilings": { "cam/seed_mIoU": 0.1 } }""", "$.ceilings['cam/seed_mIoU']", "'seed_mIoU' is a metric where higher is better: give its limit under \"floors\"")]
    [TestCase("""{ "suite": "s.json", "tolerance": -0.1 }""", "$.tolerance", "expected a tolerance (a number from 0 to 1), got the number -0.1")]
    [TestCase("""{ "suite": "s.json", "missing": "skip" }""", "$.missing", "expected \"inconclusive\" or \"fail\", got \"skip\"")]
    [TestCase("""{ "suite": "s.json", "floors": { "a b": 0.1 } }""", "$.floors['a b']", "a case pattern must be non-empty and without white space")]
    [TestCase("""{ "suite": "s.json", "suite": "t.json" }""", "$.suite", "'suite' is given twice")]
    [TestCase("""{ "suite": "s.json" """, "$", "not valid JSON")]
    public void Refuses_a_bad_file_naming_it_and_the_json_path(string json, string path, string problem)
    {
        var act = () => SuiteThresholds.Parse(json, File);
        var e = act.Should().Throw<SuiteThresholdsException>().Which;
        e.File.Should().Be(File);
        e.JsonPath.Should().Be(path);
        e.Problem.Should().StartWith(problem);
        e.Message.Should().StartWith($"thresholds '{File}': {path}: {problem}");
    }
}
