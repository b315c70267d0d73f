using AdvCam.Core.Data;
using AdvCam.Core.Training;

namespace AdvCam.Core.Tests.Data;

public class FashionSceneLayoutTests
{
    [Test]
    public void The_standard_layout_is_the_default_and_gives_the_same_scenes()
    {
        using var scope = torch.NewDisposeScope();
        var plain = new FashionScenes(FashionMnistFiles.Train, 0, 4).GenerateBatch(0, 4);
        var standard = new FashionScenes(FashionMnistFiles.Train, 0, 4, FashionSceneLayout.Standard).GenerateBatch(0, 4);
        standard.Images.equal(plain.Images).Should().BeTrue();
        standard.Masks.equal(plain.Masks).Should().BeTrue();
    }

    [Test]
    public void Large_scenes_hold_one_or_two_items_of_48_to_64_pixels_with_the_standard_draws()
    {
        var large = new FashionScenes(FashionMnistFiles.Test, FashionScenes.StandardTestSeed, 200, FashionSceneLayout.Large);
        var standard = new FashionScenes(FashionMnistFiles.Test, FashionScenes.StandardTestSeed, 200);
        var counts = new HashSet<int>();
        for (var s = 0; s < large.Count; s++)
        {
            var objects = large.Describe(s);
            counts.Add(objects.Count);
            objects.Should().OnlyContain(o => o.Size >= 48 && o.Size <= 64 && o.Top + o.Size <= 64 && o.Left + o.Size <= 64, $"scene {s}");
            // The same draws: the first item's class, item and colour are those of the standard scene.
            var first = standard.Describe(s)[0];
            (objects[0].Label, objects[0].Item, objects[0].Red).Should().Be((first.Label, first.Item, first.Red), $"scene {s}");
        }
        counts.Should().BeEquivalentTo([1, 2]);
        using var scope = torch.NewDisposeScope();
        // Large items cover much more of the scene than standard ones.
        var largeForeground = (large.GenerateBatch(0, 50).Masks > 0).to(ScalarType.Float32).mean().item<float>();
        var standardForeground = (standard.GenerateBatch(0, 50).Masks > 0).to(ScalarType.Float32).mean().item<float>();
        largeForeground.Should().BeGreaterThan(1.5f * standardForeground);
    }

    [TestCase(0, 10, 1, "*item sides*")]
    [TestCase(30, 20, 1, "*item sides*")]
    [TestCase(28, 65, 1, "*item sides*")]
    [TestCase(28, 44, 0, "*items*")]
    [TestCase(28, 44, 4, "*items*")]
    public void A_layout_out_of_range_is_refused(int min, int max, int objects, string message) =>
        FluentActions.Invoking(() => new FashionScenes(FashionMnistFiles.Train, 0, 1, new FashionSceneLayout("bad", min, max, objects)))
            .Should().Throw<ArgumentException>().WithMessage("layout 'bad'" + message);

    [Test]
    public void The_large_task_trains_a_classifier_and_tests_it_on_large_scenes()
    {
        var task = TrainingTask.Create("fashion-scenes-large", new TrainingTaskOptions { TrainSubset = 8, TestSubset = 8, Workers = 0, Widths = [4, 8, 8] });
        task.Classifier.Should().NotBeNull();
        task.Objective.Should().Be(ObjectiveKind.MultiLabel);
        task.Data["layout"].Should().Be("large: 1-2 items of 48-64 px");
        TrainingTask.SceneLayout("fashion-scenes-large").Should().Be(FashionSceneLayout.Large);
        TrainingTask.SceneLayout("fashion-scenes").Should().Be(FashionSceneLayout.Standard);
        using var scope = torch.NewDisposeScope();
        var split = TrainingTask.TestSplit("fashion-scenes-large", 4);
        var expected = new FashionScenes(FashionMnistFiles.Test, FashionScenes.StandardTestSeed, 4, FashionSceneLayout.Large).GenerateBatch(0, 4);
        using var batch = split.Source.GetBatch([0, 1, 2, 3]);
        batch.Masks!.equal(expected.Masks).Should().BeTrue();
    }
    [Test]
    public void The_large_segmentation_task_trains_the_segmentation_net_on_large_scenes()
    {
        TrainingTask.IsSceneSegmentation("fashion-scenes-large-seg").Should().BeTrue();
        TrainingTask.ClassificationTaskOf("fashion-scenes-large-seg").Should().Be("fashion-scenes-large");
        TrainingTask.ClassificationTaskOf("fashion-scenes-seg").Should().Be("fashion-scenes");
        TrainingTask.ClassificationTaskOf("fashion-scenes").Should().BeNull();
        var task = TrainingTask.Create("fashion-scenes-large-seg", new TrainingTaskOptions { TrainSubset = 8, TestSubset = 4, Workers = 0, Widths = [4, 8, 8, 16] });
        task.Segmenter.Should().NotBeNull();
        task.Objective.Should().Be(ObjectiveKind.Segmentation);
        using var scope = torch.NewDisposeScope();
        var expected = new FashionScenes(FashionMnistFiles.Train, FashionScenes.StandardTrainSeed, 8, FashionSceneLayout.Large).GenerateBatch(0, 8);
        using var batch = task.Train.Epoch(0).First();
        // Shuffled and flipped, but drawn from the large scenes: the same share of foreground pixels overall.
        var share = (batch.Masks! > 0).to(ScalarType.Float32).mean().item<float>();
        share.Should().BeApproximately((expected.Masks > 0).to(ScalarType.Float32).mean().item<float>(), 1e-6f);
        FluentActions.Invoking(() => TrainingTask.Create("fashion-scenes-large-seg", new TrainingTaskOptions { TrainSubset = 8, TestSubset = 4, OutputStride = 2 }))
            .Should().Throw<ArgumentException>().WithMessage("fashion-scenes-large-seg has no output stride option*");
    }
}
