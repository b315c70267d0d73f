using AdvCam.Core.Data;
using AdvCam.Core.Data.Loading;
using AdvCam.Core.Models;
using AdvCam.Core.Tests.Data;
using AdvCam.Core.Training;

namespace AdvCam.Core.Tests.Training;

public class TrainingTaskTests
{
    /// <summary>Constants are rounded to 4 decimals; a subset's statistics differ from the full set's by about 1e-3.</summary>
    private const double SubsetTolerance = 3e-3;

    [Test]
    public void Fashion_mnist_normalisation_is_the_measured_training_set_statistics()
    {
        var stats = ChannelStatistics.Measure(new FashionMnistSource(FashionMnistFiles.Train), 4096);
        stats.Mean[0].Should().BeApproximately(TrainingTask.FashionMnistMean, 1e-4);
        stats.Std[0].Should().BeApproximately(TrainingTask.FashionMnistStd, 1e-4);
    }

    [Test]
    public void Fashion_scenes_normalisation_is_the_measured_training_set_statistics()
    {
        var count = int.TryParse(Environment.GetEnvironmentVariable("ADVCAM_MEASURE_SCENES"), out var n) ? n : 1000;
        var scenes = new FashionScenes(FashionMnistFiles.Train, FashionScenes.StandardTrainSeed, count);
        var stats = ChannelStatistics.Measure(new FashionScenesSource(scenes));
        TestContext.Out.WriteLine($"mean {string.Join(", ", stats.Mean.Select(m => m.ToString("F5")))}  std {string.Join(", ", stats.Std.Select(m => m.ToString("F5")))}");
        for (var c = 0; c < 3; c++)
        {
            stats.Mean[c].Should().BeApproximately(TrainingTask.FashionScenesMean[c], SubsetTolerance, $"channel {c}");
            stats.Std[c].Should().BeApproximately(TrainingTask.FashionScenesStd[c], SubsetTolerance, $"channel {c}");
        }
    }

    [Test]
    public void Both_tasks_have_output_stride_4_whatever_the_stem_stride()
    {
        foreach (var (name, stem) in new[] { ("fashion-mnist", (int?)null), ("fashion-mnist", 2), ("fashion-scenes", null), ("fashion-scenes", 1), ("fashion-scenes", 4) })
        {
            var task = TrainingTask.Create(name, new TrainingTaskOptions { TrainSubset = 8, TestSubset = 8, Workers = 0, Widths = [4, 8, 8], StemStride = stem });
            task.Classifier!.output_stride.Should().Be(TrainingTask.TaskOutputStride, $"{name} stem {stem}");
        }
        TrainingTask.Create("fashion-scenes", new TrainingTaskOptions { TrainSubset = 8, TestSubset = 8, Workers = 0 }).Classifier!.config.StemStride
            .Should().Be(TrainingTask.DefaultScenesStemStride);
    }

    [TestCase(null, 2, 32L, new long[] { 1, 1, 1 })]
    [TestCase(1, 2, 32L, new long[] { 1, 2, 1 })]
    [TestCase(1, 1, 64L, new long[] { 1, 1, 1 })]
    [TestCase(null, 4, 16L, new long[] { 1, 2, 1 })]
    public void The_output_stride_sets_the_class_map_size(int? stem, int outputStride, long mapSize, long[] strides)
    {
        var task = TrainingTask.Create("fashion-scenes", new TrainingTaskOptions
        {
            TrainSubset = 8, TestSubset = 8, Workers = 0, Widths = [4, 8, 8], StemStride = stem, OutputStride = outputStride,
        });
        var classifier = task.Classifier!;
        classifier.output_stride.Should().Be(outputStride);
        classifier.config.Strides.Should().Equal(strides);
        using var scope = AdvCam.Torch.torch.NewDisposeScope();
        classifier.features(AdvCam.Torch.torch.zeros(1, 3, 64, 64)).shape[^1].Should().Be(mapSize);
    }

    [TestCase(4, 2, "*stem stride*at most the output stride (2)*4*")]
    [TestCase(null, 3, "*output stride must be 1, 2 or 4*3*")]
    public void An_output_stride_the_stem_cannot_reach_is_refused(int? stem, int outputStride, string message) =>
        FluentActions.Invoking(() => TrainingTask.Create("fashion-scenes", new TrainingTaskOptions { TrainSubset = 8, TestSubset = 8, StemStride = stem, OutputStride = outputStride }))
            .Should().Throw<ArgumentException>().WithMessage(message);

    [Test]
    public void A_stem_stride_that_cannot_give_output_stride_4_is_refused() =>
        FluentActions.Invoking(() => TrainingTask.Create("fashion-scenes", new TrainingTaskOptions { TrainSubset = 8, TestSubset = 8, StemStride = 3 }))
            .Should().Throw<ArgumentException>().WithMessage("*stem stride*3*");

    [Test]
    public void Fashion_scenes_seg_is_a_segmentation_net_of_11_classes_with_the_small_default_config()
    {
        var task = TrainingTask.Create("fashion-scenes-seg", new TrainingTaskOptions { TrainSubset = 8, TestSubset = 8, Workers = 0 });
        TrainingTask.Names.Should().Contain("fashion-scenes-seg");
        task.Objective.Should().Be(ObjectiveKind.Segmentation);
        task.Classifier.Should().BeNull();
        var net = task.Segmenter!;
        net.num_classes.Should().Be(11);
        net.output_stride.Should().Be(8);
        net.config.Widths.Should().Equal(16L, 32L, 64L, 128L);
        net.config.Blocks.Should().Equal(1, 1, 1, 1);
        net.config.Block.Should().Be(ResNetBlockKind.Basic);
        task.ModelMetadata.Should().BeEquivalentTo(net.config.ToMetadata());
        using var batch = task.Train.Epoch(0).First();
        batch.Masks.Should().NotBeNull();
        batch.Masks!.max().item<long>().Should().BeLessThanOrEqualTo(10);
    }

    [Test]
    public void Fashion_scenes_seg_honours_widths_and_refuses_what_it_cannot_do()
    {
        TrainingTask.Create("fashion-scenes-seg", new TrainingTaskOptions { TrainSubset = 8, TestSubset = 8, Workers = 0, Widths = [4, 8, 8, 16] })
            .Segmenter!.config.Widths.Should().Equal(4L, 8L, 8L, 16L);
        FluentActions.Invoking(() => TrainingTask.Create("fashion-scenes-seg", new TrainingTaskOptions { TrainSubset = 8, TestSubset = 8, Widths = [4, 8, 8] }))
            .Should().Throw<ArgumentException>().WithMessage("*4 widths*");
        FluentActions.Invoking(() => TrainingTask.Create("fashion-scenes-seg", new TrainingTaskOptions { TrainSubset = 8, TestSubset = 8, StemStride = 2 }))
            .Should().Throw<ArgumentException>().WithMessage("*stem stride*");
        FluentActions.Invoking(() => TrainingTask.Create("fashion-scenes-seg", new TrainingTaskOptions { TrainSubset = 8, TestSubset = 8, OutputStride = 2 }))
            .Should().Throw<ArgumentException>().WithMessage("*output stride*");
    }
}
