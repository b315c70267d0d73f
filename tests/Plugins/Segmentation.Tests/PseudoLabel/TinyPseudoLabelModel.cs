using AdvCam.Abstractions;
using AdvCam.Core.Data;
using AdvCam.Core.Data.Loading;
using AdvCam.Core.Models;
using AdvCam.Core.Plugins;
using AdvCam.Core.Running;
using AdvCam.Core.Training;
using AdvCam.Core.Training.PseudoLabels;

namespace AdvCam.Plugins.Segmentation.Tests.PseudoLabel;

/// <summary>
/// A tiny segmentation net trained the way <c>advcam train --task fashion-scenes-seg --pseudo-labels cam</c> trains one:
/// pseudo-labels of the first training scenes from the real <c>cam</c> plugin on the shipped FashionScenes classifier,
/// then the task's trainer on them. Made once per test run (a few seconds) into a temporary folder.
/// </summary>
internal static class TinyPseudoLabelModel
{
    /// <summary>Training scenes.</summary>
    public const int Scenes = 8;

    private static readonly Lazy<(string Folder, TrainResult Result, PseudoLabelSet Labels)> Trained = new(Train);

    /// <summary>The folder holding the model file and its card.</summary>
    public static string Folder => Trained.Value.Folder;

    /// <summary>The training run's result (per-epoch losses).</summary>
    public static TrainResult Result => Trained.Value.Result;

    /// <summary>The pseudo-labels it was trained on.</summary>
    public static PseudoLabelSet Labels => Trained.Value.Labels;

    /// <summary>The first <paramref name="count"/> standard test scenes, images in [0, 1] and masks.</summary>
    public static Batch TestScenes(int count)
    {
        var test = FashionMnist.Load(FashionMnistSplit.Test);
        return new FashionScenesSource(new FashionScenes(test, FashionScenes.StandardTestSeed, count)).GetBatch(Enumerable.Range(0, count).ToArray());
    }

    private static (string, TrainResult, PseudoLabelSet) Train()
    {
        var folder = Path.Combine(Path.GetTempPath(), "advcam-pseudo-label-tests-" + Environment.ProcessId);
        using var catalog = TestPlugins.Load();
        var cam = (IAttribution)catalog.Get("cam").Plugin;
        cam.Configure(new Dictionary<string, string> { ["scales"] = "1", ["flip"] = "false" });
        using var classifier = TrainedModel.Load(ShippedModels.PathOf(ShippedModels.FashionScenes));
        var normalized = new NormalizedClassifier(classifier.CamClassifier!, TrainingTask.FashionScenesMean, TrainingTask.FashionScenesStd);
        var train = FashionMnist.Load(FashionMnistSplit.Train);
        var scenes = new FashionScenesSource(new FashionScenes(train, FashionScenes.StandardTrainSeed, Scenes));
        var settings = new PseudoLabelSettings("cam", new Dictionary<string, string>(cam.Values), classifier.Path, 0.30, 0.05, Scenes);
        var labels = PseudoLabelGenerator.Generate(cam, normalized, scenes, settings, batchSize: 4, Device.Cpu);

        var task = TrainingTask.Create("fashion-scenes-seg", new TrainingTaskOptions
        {
            BatchSize = 4,
            Seed = 0,
            TestSubset = 4,
            Workers = 0,
            Widths = [8, 8, 16, 16],
            PseudoLabels = labels,
        });
        var options = task.TrainerOptions(folder, epochs: 8, lr: 0.05, seed: 0);
        var result = new Trainer(task.Model, task.Train, task.Test, Copy(options)).Run();
        task.Model.Dispose();
        return (folder, result, labels);
    }

    private static TrainerOptions Copy(TrainerOptions options) => new()
    {
        OutputDirectory = options.OutputDirectory,
        Epochs = options.Epochs,
        Lr = options.Lr,
        Seed = options.Seed,
        Objective = options.Objective,
        Task = options.Task,
        Data = options.Data,
        ModelMetadata = options.ModelMetadata,
        EvaluateEachEpoch = false,
    };
}
