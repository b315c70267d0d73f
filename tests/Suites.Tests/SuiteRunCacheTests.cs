using AdvCam.Core.Models;
using AdvCam.Core.Regression;
using AdvCam.Torch;
using AdvCam.Torch.IO;

namespace AdvCam.Suites.Tests;

/// <summary>
/// The shipped Fashion-MNIST suite, thresholds and baseline against a deliberately weakened model (the shipped weights with
/// a random classifier head): its cases must fail, with messages naming the value, the floor, the baseline and the results.
/// </summary>
public sealed class SuiteRunCacheTests
{
    private static string ShippedThresholds => Path.Combine(ShippedModels.PathOf(ShippedModels.FashionMnist), "thresholds.json");

    /// <summary>The shipped model with its head <c>fc.weight</c> replaced by seeded standard normal noise.</summary>
    private static string WeakenedModel(TempFolder folder)
    {
        var file = Path.Combine(folder.Path, TrainedModel.FileName);
        using var scope = torch.NewDisposeScope();
        var (tensors, metadata) = Safetensors.LoadWithMetadata(Path.Combine(ShippedModels.PathOf(ShippedModels.FashionMnist), TrainedModel.FileName));
        using var generator = new Generator(7);
        tensors["fc.weight"] = torch.randn(tensors["fc.weight"].shape, generator);
        Safetensors.Save(file, tensors, metadata);
        return file;
    }

    [Test]
    public void A_weakened_model_fails_the_shipped_thresholds_with_readable_messages()
    {
        using var folder = new TempFolder();
        var model = WeakenedModel(folder);
        var options = new RegressionOptions { Model = model, TestSubset = 128 };
        var run = SuiteRunCache.Run(ShippedThresholds, options, Path.Combine(folder.Path, "out"));
        var verdicts = run.Cases.Select(c => run.Suite.Check(c, run.Results, run.ResultsPath)).ToArray();

        run.Results.Model.Path.Should().Be(model);
        var clean = verdicts.Single(v => v.Case.Name == "clean/top1");
        clean.Outcome.Should().Be(CaseOutcome.Failed);
        clean.Value.Should().BeLessThan(0.5);
        // Below both thresholds; the baseline was recorded on the shipped model and 256 images, which the message notes.
        clean.Message.Should().MatchRegex(
            @"^clean top1 = 0\.\d+ is below the floor 0\.9 and below the baseline 0\.9492 - tolerance 0\.02 = 0\.9292; " +
            @"note: the baseline was recorded on another model file \(sha256 [0-9a-f]{12}\.\.\., this run's [0-9a-f]{12}\.\.\.\); " +
            @"the baseline was recorded on 256 items, this run has 128; results: .*/out/results\.json$");
        File.Exists(run.ResultsPath).Should().BeTrue();
        var blur = verdicts.Single(v => v.Case.Name == "gaussian-blur/s1/top1");
        blur.Outcome.Should().Be(CaseOutcome.Failed);
        blur.Message.Should().StartWith("gaussian-blur s1 top1 = ").And.Contain("is below the floor 0.9 and below the baseline 0.9531 - tolerance 0.02 = 0.9331");
        // Every accuracy case of the suite fails: a random head cannot classify, clean or perturbed.
        verdicts.Where(v => v.Case.Metric == "top1").Should().OnlyContain(v => v.Outcome == CaseOutcome.Failed);
        // The run itself was sound: the failures are the model's, not the harness's.
        run.Suite.CheckRun(run.Cases, run.Results).Should().BeNull();
    }
}
