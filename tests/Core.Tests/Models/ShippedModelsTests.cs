using System.Text.Json.Nodes;
using AdvCam.Core.Models;
using AdvCam.Core.Training;

namespace AdvCam.Core.Tests.Models;

/// <summary>The models in the repository's <c>models/</c> meet their figures on the full test splits, as their cards say.</summary>
public class ShippedModelsTests
{
    /// <summary>Evaluation here and at the end of training use the same batches and kernels; only thread counts may differ.</summary>
    private const double CardAgreement = 1e-3;

    [TestCase(ShippedModels.FashionMnist, "fashion-mnist", "top1", 0.93)]
    // The shipped model fine-tuned by the blur-mix and AdvBN recipes (docs/perturbations.md): sharp accuracy within
    // 1 point of the original for blur-mix; AdvBN trades about 3 points of it for robustness.
    [TestCase("fashion-mnist-blur-mix", "fashion-mnist", "top1", 0.93)]
    [TestCase("fashion-mnist-advbn", "fashion-mnist", "top1", 0.90)]
    // The data issue's target is mAP 0.85 (0.90 the stretch); the shipped model (fresh scenes every epoch, 40 epochs)
    // reaches 0.8702.
    [TestCase(ShippedModels.FashionScenes, "fashion-scenes", "mAP", 0.85)]
    public void Meets_its_figure_on_the_full_test_split_and_agrees_with_its_card(string folder, string task, string metric, double floor)
    {
        var path = ShippedModels.PathOf(folder);
        new FileInfo(Path.Combine(path, TrainedModel.FileName)).Length.Should().BeLessThanOrEqualTo(5_000_000, "a shipped model is at most 5 MB");
        using var model = TrainedModel.Load(path);
        model.Task.Should().Be(task);
        model.CamClassifier!.output_stride.Should().Be(4, "CAM maps are 16x16 for 64x64 scenes (7x7 for 28x28 items)");
        var test = TrainingTask.TestSplit(task);
        var measured = Trainer.Evaluate(model.Model, test.NormalizedLoader(250), test.Objective, Device.Cpu);
        var card = JsonNode.Parse(File.ReadAllText(Path.Combine(path, Trainer.CardFile)))!;
        TestContext.Out.WriteLine($"{folder}: {metric} {measured:F4} (card {card["metrics"]![metric]})");
        measured.Should().BeGreaterThanOrEqualTo(floor);
        measured.Should().BeApproximately(card["metrics"]![metric]!.GetValue<double>(), CardAgreement);
        card["data"]!["test_items"]!.GetValue<int>().Should().Be(test.Source.Count, "the card's figure is on the full test split");
    }
}
