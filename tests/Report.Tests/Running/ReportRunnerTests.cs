using AdvCam.Core.Plugins;
using AdvCam.Report.Comparison;
using AdvCam.Report.Running;

namespace AdvCam.Report.Tests.Running;

public class ReportRunnerTests
{
    /// <summary>A small report: only gaussian-blur (every other built-in plugin excluded), 2 items per suite, no overlay.</summary>
    private static ReportOutcome Run(bool fineTuned)
    {
        using var catalog = PluginLoader.Load(RealReport.PluginFolder);
        return ReportRunner.Run(new ReportOptions
        {
            SearchPath = PluginSearchPath.Merge([RealReport.PluginFolder], null),
            TestSubset = 2,
            OverlayScenes = 0,
            ThresholdsBesideModels = false,
            ExcludedPlugins = catalog.Plugins.Select(p => p.Name).Where(n => n != "gaussian-blur").ToArray(),
            FineTuned = fineTuned,
        });
    }

    [Test]
    public void The_shipped_fine_tuned_models_run_beside_the_original_unless_turned_off()
    {
        var with = Run(fineTuned: true).Results;
        with.Suites.Select(s => s.Suite.Name).Should().Equal("perturbations", "perturbations/fashion-mnist-advbn", "perturbations/fashion-mnist-blur-mix", "attribution");
        with.Suites[2].Suite.Description.Should().Contain("fine-tuned by blur-mix");
        var comparison = with.Comparisons.Should().ContainSingle().Subject;
        comparison.Models.Select(m => m.Name).Should().Equal("fashion-mnist", "fashion-mnist-advbn", "fashion-mnist-blur-mix");
        comparison.Models[0].Figures.Select(f => (f.Name, f.Statistic)).Should().Equal(("clean", ModelComparison.Clean), ("gaussian-blur/s5", ModelComparison.Strongest));

        var without = Run(fineTuned: false).Results;
        without.Suites.Select(s => s.Suite.Name).Should().Equal("perturbations", "attribution");
        without.Comparisons.Should().BeEmpty();
    }
}
