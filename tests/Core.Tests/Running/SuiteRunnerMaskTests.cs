using AdvCam.Core.Metrics;
using AdvCam.Core.Models;
using AdvCam.Core.Running;

namespace AdvCam.Core.Tests.Running;

/// <summary>Attribution seeds and segmenters on FashionScenes, whose masks they are measured against.</summary>
public class SuiteRunnerMaskTests
{
    private const int Scenes = 12;
    private static ResNetCam model = null!;
    private static SuiteData data = null!;
    private static SuiteResults results = null!;

    [OneTimeSetUp]
    public void RunOnScenes()
    {
        torch.manual_seed(3);
        model = new ResNetCam(new ResNetCamConfig { StemChannels = 8, Widths = new long[] { 8, 16 }, Blocks = new[] { 1, 1 }, Strides = new long[] { 1, 2 } });
        model.eval();
        data = SuiteData.ForTask("fashion-scenes", Scenes, 5);
        results = new SuiteRunner(new SuiteModel(model, "fashion-scenes"), data, RunnerFixture.Catalog).Run(RunnerFixture.Spec(
            RunnerFixture.Plugin("half-cam"),
            RunnerFixture.Plugin("tie-cam"),
            RunnerFixture.Plugin("background-seg"),
            RunnerFixture.Plugin("bad-label-seg"),
            RunnerFixture.Plugin("int32-seg"),
            RunnerFixture.Plugin("half-cam-darken"),
            RunnerFixture.Plugin("model-identity"),
            RunnerFixture.Plugin("sample-invert")));
    }

    [OneTimeTearDown]
    public void Dispose() => model.Dispose();

    /// <summary>
    /// mIoU over background and the 10 classes of label maps that give every pixel of a scene one label: the lowest
    /// present class + 1 (or 0 when none is present), or 0 everywhere.
    /// </summary>
    private static double ExpectedMeanIoU(bool lowestPresentClass) => ExpectedConfusion(lowestPresentClass).MeanIntersectionOverUnion();

    /// <summary>The confusion matrix of the label maps of <see cref="ExpectedMeanIoU"/> against the masks.</summary>
    private static ConfusionMatrix ExpectedConfusion(bool lowestPresentClass)
    {
        var confusion = new ConfusionMatrix(11);
        foreach (var batch in data.Loader().Epoch(0))
        {
            using (batch)
            {
                var masks = batch.Masks!.ToArray<long>();
                var targets = batch.Targets.ToArray<float>();
                var pixels = masks.Length / batch.Count;
                var predicted = new long[masks.Length];
                for (var i = 0; i < batch.Count; i++)
                {
                    var label = 0L;
                    if (lowestPresentClass)
                        for (var c = 9; c >= 0; c--)
                            if (targets[i * 10 + c] > 0.5f) label = c + 1;
                    Array.Fill(predicted, label, i * pixels, pixels);
                }
                confusion.Add(masks, predicted);
            }
        }
        return confusion;
    }

    /// <summary>The attribution entries of seed qualities at the fixed and the best threshold, in the runner's order.</summary>
    private static IEnumerable<ResultEntry> SeedEntries(SeedQuality atFixed, SeedQuality best)
    {
        static double? Value(double v) => double.IsNaN(v) ? null : v;
        const string kind = PluginKindNames.Attribution;
        yield return new ResultEntry(kind, null, SuiteMetrics.SeedMeanIoU, Value(atFixed.MeanIoU));
        yield return new ResultEntry(kind, null, SuiteMetrics.SeedNoiseRatio, Value(atFixed.NoiseRatio));
        for (var label = 0; label < atFixed.LabelIoU.Count; label++)
            yield return new ResultEntry(kind, null, SuiteMetrics.SeedIoU, Value(atFixed.LabelIoU[label]), null, label);
        yield return new ResultEntry(kind, null, SuiteMetrics.SeedBestMeanIoU, Value(best.MeanIoU));
        yield return new ResultEntry(kind, null, SuiteMetrics.SeedBestThreshold, best.Threshold);
        yield return new ResultEntry(kind, null, SuiteMetrics.SeedBestNoiseRatio, Value(best.NoiseRatio));
        for (var label = 0; label < best.LabelIoU.Count; label++)
            yield return new ResultEntry(kind, null, SuiteMetrics.SeedBestIoU, Value(best.LabelIoU[label]), null, label);
    }

    [Test]
    public void The_clean_metric_of_multi_label_data_is_mAP()
    {
        results.Clean!.Metrics.Should().ContainSingle().Which.Metric.Should().Be("mAP");
        results.Data.HasMasks.Should().BeTrue();
        var identity = results.Plugins[6].Entries.Should().ContainSingle().Which;
        identity.Metric.Should().Be("mAP");
        identity.Value.Should().Be(results.Clean.Metrics[0].Value, "the model perturbation returned the clean logits (its labels were int64 [N])");
        results.Plugins[7].Entries.Select(e => e.Metric).Should().Equal("mAP", "consistency", "fooling_rate", "worst_fooling_rate");
    }

    [Test]
    public void Attribution_seeds_are_scored_by_mIoU_at_the_fixed_threshold_with_background_winning_ties()
    {
        var half = results.Plugins[0];
        half.Status.Should().Be(PluginStatus.Passed);
        half.Entries[0].Should().Be(new ResultEntry(PluginKindNames.Attribution, null, "seed_mIoU", ExpectedMeanIoU(true)));
        results.Plugins[1].Entries[0].Value.Should().Be(ExpectedMeanIoU(false), "maps equal to t = 0.25 leave every pixel to the background");
        ExpectedMeanIoU(true).Should().NotBe(ExpectedMeanIoU(false));
        results.Plugins[5].Entries.Select(e => e.Kind).Should().Equal(
            [.. Enumerable.Repeat(PluginKindNames.ImagePerturbation, 7), .. Enumerable.Repeat(PluginKindNames.Attribution, 2 + 11 + 3 + 11)]);
    }

    /// <summary>
    /// Constant maps of value v for the present classes give the lowest present class everywhere for t &lt; v and
    /// background everywhere for t ≥ v (background wins ties), so the sweep's best is the better of the two, at the
    /// lowest threshold that gives it: 0.05, or v.
    /// </summary>
    [TestCase(0, 0.5)]
    [TestCase(1, 0.25)]
    public void Attribution_seeds_report_noise_ratio_per_label_IoU_and_the_best_threshold_of_the_sweep(int plugin, double value)
    {
        var classes = ExpectedConfusion(true);
        var background = ExpectedConfusion(false);
        var bestIsClasses = classes.MeanIntersectionOverUnion() > background.MeanIntersectionOverUnion();
        var best = bestIsClasses ? SeedQuality.From(0.05, classes) : SeedQuality.From(value, background);
        var atFixed = SeedQuality.From(SuiteRunner.SeedThreshold, value > SuiteRunner.SeedThreshold ? classes : background);
        results.Plugins[plugin].Entries.Should().Equal(SeedEntries(atFixed, best));
        if (value > SuiteRunner.SeedThreshold) atFixed.NoiseRatio.Should().BeInRange(0, 1);
        else results.Plugins[plugin].Entries[1].Value.Should().BeNull("no pixel is seeded as a class: the noise ratio is undefined");
        results.Plugins[plugin].Entries.Where(e => e.Metric == SuiteMetrics.SeedIoU).Select(e => e.Label).Should().Equal(Enumerable.Range(0, 11).Select(l => (int?)l));
    }

    [Test]
    public void Per_label_entries_keep_their_label_through_the_results_json()
    {
        var json = results.ToJson();
        json.Should().Contain("\"label\": 3");
        var read = SuiteResults.FromJson(json);
        read.Plugins[0].Entries.Should().Equal(results.Plugins[0].Entries);
    }

    [Test]
    public void Segmenters_are_scored_by_mIoU_and_invalid_label_maps_fail_them()
    {
        results.Plugins[2].Entries.Should().ContainSingle().Which.Should().Be(new ResultEntry(PluginKindNames.Segmenter, null, "mIoU", ExpectedMeanIoU(false)));
        results.Plugins[3].Status.Should().Be(PluginStatus.Failed);
        results.Plugins[3].Error.Should().Be("plugin 'bad-label-seg' (segmenter), batch 0 (items 0..4): returned labels from 11 to 11, outside [0, 10] (0 background, c + 1 for class c of 10)");
        results.Plugins[4].Status.Should().Be(PluginStatus.Failed);
        results.Plugins[4].Error.Should().Contain("dtype Int32, expected Int64");
    }
}
