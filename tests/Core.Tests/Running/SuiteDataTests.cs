using AdvCam.Core.Running;
using AdvCam.Core.Training;

namespace AdvCam.Core.Tests.Running;

/// <summary>The suite's test data is the training task's test data without the normalisation (which moves into the model).</summary>
public class SuiteDataTests
{
    [TestCase("fashion-mnist", 40, 1, false)]
    [TestCase("fashion-scenes", 12, 3, true)]
    public void Holds_the_tasks_test_items_in_the_unit_range_and_normalises_to_the_tasks_loader(string task, int subset, int channels, bool masks)
    {
        var data = SuiteData.ForTask(task, subset, batchSize: subset);
        data.Count.Should().Be(subset);
        data.HasMasks.Should().Be(masks);
        data.Mean.Should().HaveCount(channels);
        var trained = TrainingTask.Create(task, new TrainingTaskOptions { TrainSubset = 1, TestSubset = subset, BatchSize = subset, Workers = 0 });
        trained.Model.Dispose();

        using var scope = torch.NewDisposeScope();
        using var ours = data.Loader().Epoch(0).Single();
        using var theirs = trained.Test.Epoch(0).Single();
        ours.Images.min().item<float>().Should().BeGreaterThanOrEqualTo(0);
        ours.Images.max().item<float>().Should().BeLessThanOrEqualTo(1);
        ours.Targets.equal(theirs.Targets).Should().BeTrue();
        (ours.Masks is not null).Should().Be(masks);
        var mean = torch.tensor(data.Mean.ToArray(), [1, channels, 1, 1]);
        var std = torch.tensor(data.Std.ToArray(), [1, channels, 1, 1]);
        ((ours.Images - mean) / std).allclose(theirs.Images, 1e-6, 1e-6).Should().BeTrue();
    }

    [TestCase("fashion-scenes-seg", "not a classification task")]
    [TestCase("imagenet", "unknown task 'imagenet'")]
    public void Other_tasks_are_refused(string task, string message) =>
        FluentActions.Invoking(() => SuiteData.ForTask(task)).Should().Throw<ArgumentException>().WithMessage($"*{message}*");
}
