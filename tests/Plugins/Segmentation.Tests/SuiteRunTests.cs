using AdvCam.Core.Models;
using AdvCam.Core.Running;
using AdvCam.Plugins.Segmentation.Tests.PseudoLabel;

namespace AdvCam.Plugins.Segmentation.Tests;

/// <summary>Both segmenters run by the suite runner (as <c>advcam run</c> runs them) on the shipped FashionScenes model.</summary>
public class SuiteRunTests
{
    private static Dictionary<string, string> Values(params (string Key, string Value)[] pairs) => pairs.ToDictionary(p => p.Key, p => p.Value);

    [Test]
    public void The_runner_measures_both_segmenters_and_fails_the_misconfigured_ones_alone()
    {
        using var catalog = TestPlugins.Load();
        using var loaded = TrainedModel.Load(ShippedModels.PathOf(ShippedModels.FashionScenes));
        var data = SuiteData.ForTask("fashion-scenes", testSubset: 8, batchSize: 4, workers: 0);
        var runner = new SuiteRunner(SuiteModel.From(loaded), data, catalog);
        var spec = new SuiteSpec
        {
            Name = "segmenters",
            Plugins =
            [
                new SuitePluginSpec("cam"),
                new SuitePluginSpec("attribution-seed"),
                new SuitePluginSpec("attribution-seed", Values(("attribution", "no-such-cam")), null),
                new SuitePluginSpec("pseudo-label", Values(("model", TinyPseudoLabelModel.Folder)), null),
                new SuitePluginSpec("pseudo-label", Values(("model", "")), null),
                new SuitePluginSpec("pseudo-label"),
            ],
        };

        var results = runner.Run(spec);

        var plugins = results.Plugins;
        plugins.Select(p => p.Status).Should().Equal(
            PluginStatus.Passed, PluginStatus.Passed, PluginStatus.Failed, PluginStatus.Passed, PluginStatus.Failed, PluginStatus.Passed);
        // The seed segmenter with cam at t = 0.25 draws exactly the seeds the runner scores for cam itself.
        var camSeed = plugins[0].Entries.Single(e => e.Metric == SuiteMetrics.SeedMeanIoU).Value;
        var seedSegmenter = plugins[1].Entries.Single(e => e.Metric == SuiteMetrics.MeanIoU).Value;
        seedSegmenter.Should().NotBeNull().And.Be(camSeed);
        plugins[2].Error.Should().Contain("'no-such-cam', which is not loaded");
        plugins[3].Entries.Single(e => e.Metric == SuiteMetrics.MeanIoU).Value.Should().BeInRange(0, 1);
        plugins[4].Error.Should().Contain("parameter 'model' names no model");
        // The default model is the shipped one (models/fashion-scenes-seg-advcam).
        plugins[5].Parameters["model"].Should().Be("fashion-scenes-seg-advcam");
        plugins[5].Entries.Single(e => e.Metric == SuiteMetrics.MeanIoU).Value.Should().BeInRange(0, 1);
    }
}
