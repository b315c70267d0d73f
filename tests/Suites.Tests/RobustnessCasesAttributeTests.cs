using AdvCam.Core.Plugins;
using AdvCam.Core.Regression;
using AdvCam.Torch;
using NUnit.Framework.Interfaces;
using NUnit.Framework.Internal;

namespace AdvCam.Suites.Tests;

/// <summary>
/// The cases generated from the plugins found: a plugin folder dropped into the search path (the sample third-party
/// plugin, <c>sample-invert</c>) gets its cases with no change to the suites, and they are real checks.
/// </summary>
public sealed class RobustnessCasesAttributeTests
{
    private static string SampleFolder => Path.Combine(AppContext.BaseDirectory, "sample-plugins");

    /// <summary>A suite listing no plugins (so every plugin found runs) on 64 Fashion-MNIST images, whose threshold file adds
    /// the sample plugin's folder.</summary>
    private static string WriteSuite(TempFolder folder, string thresholds)
    {
        folder.Write("suite.json", """{ "name": "dropped", "model": "fashion-mnist", "data": { "test_subset": 64 } }""");
        return folder.Write("thresholds.json", thresholds.Replace("SAMPLE", SampleFolder.Replace("\\", "/", StringComparison.Ordinal), StringComparison.Ordinal));
    }

    /// <summary>Stands in for a user's test method (the tests build its cases with the attribute by hand).</summary>
    private sealed class Holder
    {
        public static void Robustness(RobustnessCase robustnessCase) => robustnessCase.Verify();
    }

    [Test]
    public void A_dropped_plugin_folder_gets_cases_named_and_categorised()
    {
        using var folder = new TempFolder();
        var file = WriteSuite(folder, """{ "suite": "suite.json", "plugin_folders": ["SAMPLE"] }""");
        var method = new MethodWrapper(typeof(Holder), nameof(Holder.Robustness));
        var tests = new RobustnessCasesAttribute(file).BuildFrom(method, null).ToArray();

        tests.Should().OnlyContain(t => t.RunState == RunState.Runnable);
        var names = tests.Select(t => t.Name).ToArray();
        names[0].Should().Be("run");
        names.Should().Contain(["clean/top1", "sample-invert/s1/top1", "sample-invert/s1/consistency", "sample-invert/s1/fooling_rate",
            "sample-invert/worst_fooling_rate"]);
        // The built-in plugins beside the tests are found too, with every severity they offer.
        names.Should().Contain(["gaussian-blur/s5/top1", "pixel-shift/s8/consistency", "advbn/s1/top1"]);
        names.Should().OnlyHaveUniqueItems();
        Category(tests, "sample-invert/s1/top1").Should().Be("Accuracy");
        Category(tests, "sample-invert/s1/fooling_rate").Should().Be("Consistency");
        Category(tests, "run").Should().Be("Suite");
    }

    [Test]
    public void A_threshold_file_that_cannot_be_read_gives_one_case_that_is_not_runnable_with_the_reason()
    {
        using var folder = new TempFolder();
        var file = folder.Write("thresholds.json", """{ "suite": "suite.json", "floors": { "clean/top1": 1.5 } }""");
        var method = new MethodWrapper(typeof(Holder), nameof(Holder.Robustness));
        var tests = new RobustnessCasesAttribute(file).BuildFrom(method, null).ToArray();

        tests.Should().ContainSingle();
        tests[0].RunState.Should().Be(RunState.NotRunnable);
        tests[0].Properties.Get(PropertyNames.SkipReason).Should().BeOfType<string>().Which
            .Should().Contain($"thresholds '{file}': $.floors['clean/top1']: expected a floor (a number from 0 to 1), got the number 1.5");
    }

    [Test]
    public void The_dropped_plugins_cases_check_its_measured_values()
    {
        using var folder = new TempFolder();
        var file = WriteSuite(folder, """
            { "suite": "suite.json", "baseline": "baseline.json", "tolerance": 0.01,
              "floors": { "sample-invert/*/top1": 0.9 }, "ceilings": { "sample-invert/s1/fooling_rate": 0.5 } }
            """);
        // Only the sample plugin's folder: the suite's "every plugin found" is then the dropped plugin alone.
        var options = new RegressionOptions { SearchPath = new PluginSearchPath([new PluginFolder(SampleFolder, PluginFolderSource.CommandLine)]) };
        var live = Tensor.LiveCount;
        var run = SuiteRunCache.Run(file, options, Path.Combine(folder.Path, "out"));
        Tensor.LiveCount.Should().Be(live);

        run.Cases.Select(c => c.Name).Should().Equal("clean/top1", "sample-invert/s1/top1", "sample-invert/s1/consistency",
            "sample-invert/s1/fooling_rate", "sample-invert/worst_fooling_rate");
        var verdicts = run.Cases.ToDictionary(c => c.Name, c => run.Suite.Check(c, run.Results, run.ResultsPath));
        // Inverted images fool the model: top1 far below the floor, fooling rate above the ceiling.
        verdicts["sample-invert/s1/top1"].Outcome.Should().Be(CaseOutcome.Failed);
        verdicts["sample-invert/s1/top1"].Message.Should().MatchRegex(
            @"^sample-invert s1 top1 = 0\.\d+ is below the floor 0\.9; results: .*results\.json$");
        verdicts["sample-invert/s1/fooling_rate"].Message.Should().MatchRegex(@"^sample-invert s1 fooling_rate = 0\.\d+ is above the ceiling 0\.5; results: ");
        // No floor and no baseline yet: inconclusive, saying how to get one.
        verdicts["sample-invert/s1/consistency"].Outcome.Should().Be(CaseOutcome.NoThreshold);
        verdicts["sample-invert/s1/consistency"].Message.Should().Contain("advcam baseline --thresholds");
        run.Suite.CheckRun(run.Cases, run.Results).Should().BeNull();
        File.Exists(run.HtmlPath).Should().BeTrue();
        // The suite's own page lists every case's verdict on this run.
        File.ReadAllText(run.HtmlPath).Should().Contain("Each case judged on the suite's own run")
            .And.Contain("<tr class=\"verdict-failed\" data-outcome=\"failed\"><td>sample-invert/s1/top1</td>")
            .And.Contain("<tr class=\"verdict-inconclusive\" data-outcome=\"inconclusive\"><td>sample-invert/s1/consistency</td>");

        // Recorded as the baseline, the same values pass their baseline comparison.
        SuiteBaseline.From(run.Results, run.Cases).WriteTo(Path.Combine(folder.Path, "baseline.json"));
        var again = RegressionSuite.Load(file, options);
        again.Baseline.Should().NotBeNull();
        var consistency = run.Cases.Single(c => c.Name == "sample-invert/s1/consistency");
        var pass = again.Check(consistency, run.Results, null);
        pass.Outcome.Should().Be(CaseOutcome.Passed);
        pass.Message.Should().Be($"sample-invert s1 consistency = {CaseCheck.F(pass.Value!.Value)} (baseline {CaseCheck.F(pass.Value.Value)}, tolerance 0.01)");
    }

    private static string? Category(IEnumerable<TestMethod> tests, string name) =>
        tests.Single(t => t.Name == name).Properties.Get(PropertyNames.Category) as string;
}
