using System.Text.Json.Nodes;
using AdvCam.Core.Data.Loading;
using AdvCam.Core.Training;
using AdvCam.Torch.IO;

namespace AdvCam.Core.Tests.Training;

public class TrainerTests
{
    private string folder = "";

    [SetUp]
    public void CreateFolder() => folder = Directory.CreateTempSubdirectory("advcam-train-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(folder, recursive: true);

    private static TrainingTask Tiny(string name = "fashion-mnist", int seed = 3) => TrainingTask.Create(name, new TrainingTaskOptions
    {
        BatchSize = 32,
        Seed = seed,
        TrainSubset = 256,
        TestSubset = 128,
        Workers = 0,
        Widths = [8, 16],
    });

    private static TrainResult Train(string output, int epochs, bool resume = false, double momentum = 0.9)
    {
        var task = Tiny();
        var options = task.TrainerOptions(output, epochs, 0.05, 3, resume: resume, momentum: momentum);
        return new Trainer(task.Model, task.Train, task.Test, options).Run();
    }

    [Test]
    public void Two_epochs_on_a_tiny_subset_lower_the_loss_and_write_the_files()
    {
        var result = Train(folder, 2);
        result.Epochs.Should().HaveCount(2);
        result.Epochs[1].Loss.Should().BeLessThan(result.Epochs[0].Loss);
        result.Metric.Should().BeInRange(0, 1);
        File.Exists(Path.Combine(folder, Trainer.ModelFileName)).Should().BeTrue();
        File.Exists(Path.Combine(folder, Trainer.CheckpointFile)).Should().BeTrue();
    }

    [Test]
    public void The_card_has_the_expected_fields()
    {
        var result = Train(folder, 1);
        var card = JsonNode.Parse(File.ReadAllText(result.CardPath))!.AsObject();
        foreach (var key in new[] { "task", "data", "seed", "epochs", "batch_size", "lr", "optimizer", "model", "metrics", "train_seconds", "machine" })
            card.ContainsKey(key).Should().BeTrue(key);
        card["task"]!.GetValue<string>().Should().Be("fashion-mnist");
        card["seed"]!.GetValue<int>().Should().Be(3);
        card["batch_size"]!.GetValue<int>().Should().Be(32);
        card["data"]!["train_items"]!.GetValue<int>().Should().Be(256);
        card["optimizer"]!["name"]!.GetValue<string>().Should().Be("sgd");
        card["model"]!["ResNetCam.Widths"]!.GetValue<string>().Should().Be("8,16");
        card["metrics"]!["top1"]!.GetValue<double>().Should().Be(result.Metric);
        foreach (var key in new[] { "cores", "threads", "libtorch", "os", "date" })
            card["machine"]!.AsObject().ContainsKey(key).Should().BeTrue(key);
    }

    [Test]
    public void Resuming_after_one_epoch_gives_the_same_weights_as_two_epochs_in_one_go()
    {
        // The default SGD (momentum 0.9, Nesterov): the checkpoint carries the momentum buffers beside the weights.
        var straight = Path.Combine(folder, "straight");
        var resumed = Path.Combine(folder, "resumed");
        Train(straight, 2);
        // An interrupted 2-epoch run: its checkpoint after epoch 1 (the checkpoint holds no schedule length, and the
        // cosine schedule is a closed form of the epoch, so a 1-epoch run's weights stand in; the LR of epoch 0 is the same).
        var oneEpoch = Path.Combine(folder, "one");
        Train(oneEpoch, 1);
        Directory.CreateDirectory(resumed);
        File.Copy(Path.Combine(oneEpoch, Trainer.CheckpointFile), Path.Combine(resumed, Trainer.CheckpointFile));
        File.Copy(Path.Combine(oneEpoch, Trainer.OptimizerCheckpointFile), Path.Combine(resumed, Trainer.OptimizerCheckpointFile));
        var result = Train(resumed, 2, resume: true);
        result.ResumedFromEpoch.Should().Be(1);
        result.Epochs.Should().HaveCount(2);

        var a = Safetensors.Load(Path.Combine(straight, Trainer.ModelFileName));
        var b = Safetensors.Load(Path.Combine(resumed, Trainer.ModelFileName));
        try
        {
            a.Keys.Should().BeEquivalentTo(b.Keys);
            foreach (var key in a.Keys) a[key].equal(b[key]).Should().BeTrue(key);
        }
        finally
        {
            foreach (var t in a.Values.Concat(b.Values)) t.Dispose();
        }
    }

    [Test]
    public void A_run_cancelled_mid_epoch_keeps_the_last_epoch_and_resumes_to_the_uninterrupted_weights()
    {
        var straight = Path.Combine(folder, "straight");
        var interrupted = Path.Combine(folder, "interrupted");
        Train(straight, 2);

        using var cancel = new CancellationTokenSource();
        var stop = new Progress(p =>
        {
            if (p.Phase == TrainPhase.Batch && p.Epoch == 2 && p.Batch == 3) cancel.Cancel();
        });
        var task = Tiny();
        var trainer = new Trainer(task.Model, task.Train, task.Test, task.TrainerOptions(interrupted, 2, 0.05, 3));
        FluentActions.Invoking(() => trainer.Run(stop, cancel.Token)).Should().Throw<OperationCanceledException>();
        File.Exists(Path.Combine(interrupted, Trainer.ModelFileName)).Should().BeFalse("the run did not finish");
        var (_, metadata) = Safetensors.LoadWithMetadata(trainer.CheckpointPath);
        metadata!["train.epoch"].Should().Be("1");

        var result = Train(interrupted, 2, resume: true);
        result.ResumedFromEpoch.Should().Be(1);
        result.Epochs.Select(e => e.Epoch).Should().Equal(1, 2);
        var a = Safetensors.Load(Path.Combine(straight, Trainer.ModelFileName));
        var b = Safetensors.Load(Path.Combine(interrupted, Trainer.ModelFileName));
        try
        {
            foreach (var key in a.Keys) a[key].equal(b[key]).Should().BeTrue(key);
        }
        finally
        {
            foreach (var t in a.Values.Concat(b.Values)) t.Dispose();
        }
    }

    [Test]
    public void Each_epoch_is_evaluated_and_the_last_evaluation_is_the_result()
    {
        var result = Train(folder, 2);
        result.Epochs.Should().OnlyContain(e => e.TestMetric != null && e.TestMetric >= 0 && e.TestMetric <= 1);
        result.Metric.Should().Be(result.Epochs[^1].TestMetric!.Value);
        var card = JsonNode.Parse(File.ReadAllText(result.CardPath))!;
        card["metrics"]!["history"]![0]!["top1"]!.GetValue<double>().Should().Be(result.Epochs[0].TestMetric!.Value);
    }

    /// <summary>Reports synchronously on the training thread (unlike <see cref="Progress{T}"/>, which posts).</summary>
    private sealed class Progress(Action<TrainProgress> report) : IProgress<TrainProgress>
    {
        public void Report(TrainProgress value) => report(value);
    }

    [Test]
    public void Resume_refuses_a_checkpoint_of_another_seed()
    {
        Train(folder, 1);
        var task = Tiny(seed: 4);
        var options = task.TrainerOptions(folder, 2, 0.05, 4, resume: true);
        FluentActions.Invoking(() => new Trainer(task.Model, task.Train, task.Test, options).Run())
            .Should().Throw<InvalidDataException>().WithMessage("*seed 3*");
    }

    [Test]
    public void Two_epochs_of_segmentation_on_a_tiny_subset_lower_the_loss_and_give_an_mIoU()
    {
        // Batches of 32: two steps an epoch (the step count, not the batch size, sets the time of such a tiny model).
        var task = TrainingTask.Create("fashion-scenes-seg", new TrainingTaskOptions
        {
            BatchSize = 32,
            Seed = 3,
            TrainSubset = 64,
            TestSubset = 32,
            Workers = 0,
            Widths = [8, 8, 16, 16],
        });
        var result = new Trainer(task.Model, task.Train, task.Test, task.TrainerOptions(folder, 2, 0.05, 3)).Run();
        result.MetricName.Should().Be("mIoU");
        result.Epochs.Should().HaveCount(2);
        result.Epochs[1].Loss.Should().BeLessThan(result.Epochs[0].Loss);
        result.Metric.Should().BeInRange(0, 1);
        var card = JsonNode.Parse(File.ReadAllText(result.CardPath))!;
        card["task"]!.GetValue<string>().Should().Be("fashion-scenes-seg");
        card["metrics"]!["mIoU"]!.GetValue<double>().Should().Be(result.Metric);
        card["metrics"]!["history"]![1]!["mIoU"]!.GetValue<double>().Should().Be(result.Metric);
        card["model"]!["SegmentationNet.NumClasses"]!.GetValue<string>().Should().Be("11");
        card["model"]!["SegmentationNet.Widths"]!.GetValue<string>().Should().Be("8,8,16,16");
    }

    [Test]
    public void The_segmentation_loss_ignores_255_pixels()
    {
        using var scope = torch.NewDisposeScope();
        // Logits [1, 2 classes, 1, 2 pixels]: pixel 0 has logits (0, 0), so p(class 0) = 1/2; pixel 1 has (ln 3, 0), so
        // p(class 0) = 3/4. Targets (0, 0): loss = (ln 2 + ln 4/3) / 2. Targets (0, 255): pixel 1 is ignored, the mean is
        // over pixel 0 alone, loss = ln 2; its gradient is softmax - one-hot = (-1/2, 1/2) at pixel 0 and 0 at pixel 1.
        float[] values = [0f, MathF.Log(3f), 0f, 0f];
        var both = torch.tensor(values, [1, 2, 1, 2]);
        Trainer.Loss(both, torch.tensor(new long[] { 0, 0 }, [1, 1, 2]), ObjectiveKind.Segmentation).item<float>()
            .Should().BeApproximately((MathF.Log(2f) + MathF.Log(4f / 3f)) / 2, 1e-6f);

        var logits = torch.tensor(values, [1, 2, 1, 2], requires_grad: true);
        var loss = Trainer.Loss(logits, torch.tensor(new long[] { 0, Batch.IgnoreIndex }, [1, 1, 2]), ObjectiveKind.Segmentation);
        loss.item<float>().Should().BeApproximately(MathF.Log(2f), 1e-6f);
        loss.backward();
        // Gradient layout [class, pixel]: class 0 (-1/2, 0), class 1 (1/2, 0).
        logits.grad!.ToArray<float>().Should().Equal([-0.5f, 0f, 0.5f, 0f], (a, b) => Math.Abs(a - b) < 1e-6f);
    }

    [Test]
    public void The_segmentation_objective_refuses_batches_without_masks()
    {
        var task = Tiny(); // Fashion-MNIST: class labels, no masks.
        var options = new TrainerOptions { OutputDirectory = folder, Epochs = 1, Objective = ObjectiveKind.Segmentation };
        FluentActions.Invoking(() => new Trainer(task.Model, task.Train, task.Test, options).Run())
            .Should().Throw<InvalidOperationException>().WithMessage("*masks*");
    }
}
