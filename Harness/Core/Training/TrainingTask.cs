using System.Globalization;
using AdvCam.Core.Data;
using AdvCam.Core.Data.Loading;
using AdvCam.Core.Models;
using AdvCam.Core.Training.PseudoLabels;
using AdvCam.Torch;
using AdvCam.Torch.Nn;

namespace AdvCam.Core.Training;

/// <summary>Sizes and seeds of a <see cref="TrainingTask"/>'s data and model.</summary>
public sealed class TrainingTaskOptions
{
    /// <summary>Items per batch.</summary>
    public int BatchSize { get; init; } = 128;

    /// <summary>Seed of the model's initialisation, the data order and the augmentation.</summary>
    public int Seed { get; init; }

    /// <summary>Use only the first N training items (null: all).</summary>
    public int? TrainSubset { get; init; }

    /// <summary>Use only the first N test items (null: all).</summary>
    public int? TestSubset { get; init; }

    /// <summary>Background threads building batches (0: on the training thread).</summary>
    public int Workers { get; init; } = 1;

    /// <summary>Stage widths of the model (null: the task's default); for small test models. <c>fashion-scenes-seg</c>
    /// needs four (its backbone's stages).</summary>
    public IReadOnlyList<long>? Widths { get; init; }

    /// <summary>Stride of the ResNetCam's stem convolution (null: the task's default). The stage strides adapt so the
    /// output stride stays the task's (4 for FashionScenes). Not an option of <c>fashion-scenes-seg</c>.</summary>
    public int? StemStride { get; init; }

    /// <summary>Output stride of the ResNetCam (null: <see cref="TrainingTask.TaskOutputStride"/>, 4): 1, 2 or 4, at
    /// least the stem stride. A smaller one gives finer class maps (32x32 instead of 16x16 on 64x64 scenes at 2) for
    /// more computation. Not an option of <c>fashion-scenes-seg</c>.</summary>
    public int? OutputStride { get; init; }

    /// <summary>FashionScenes tasks: fresh scenes every epoch (<see cref="FreshScenesSource"/>; epoch 0 is the standard
    /// training set, later epochs continue its scene stream) instead of the same 10,000 scenes each epoch.</summary>
    public bool FreshScenes { get; init; }

    /// <summary>Fashion-MNIST directory (null: <see cref="FashionMnist.ResolveDirectory"/>'s default).</summary>
    public string? DataDirectory { get; init; }

    /// <summary><c>fashion-scenes-seg</c> only: train on these pseudo-labels of the first training scenes instead of their
    /// true masks (<see cref="PseudoLabelSource"/>); the training scenes are then the set's scenes (null: the true masks).
    /// The settings and the labels' quality go into the model's metadata and card.</summary>
    public PseudoLabelSet? PseudoLabels { get; init; }
}

/// <summary>
/// A ready-to-train task: the model (initialised from the seed), the training and test loaders, the objective and
/// descriptions for the card. Tasks: <c>fashion-mnist</c> (single-label, 1×28×28, random crop with padding 2, flip,
/// normalisation), <c>fashion-scenes</c> (multi-label, 3×64×64 FashionScenes with the standard train/test seeds 0/1,
/// flip, normalisation; ResNetCam with a stride-2 stem and output stride 4) and <c>fashion-scenes-seg</c> (segmentation
/// of the same scenes into 11 classes, background and the 10 Fashion-MNIST classes, with the same seeds, flip and
/// normalisation; the small <see cref="SegmentationNet"/> of <see cref="SegmentationNetConfig"/>'s defaults), and
/// <c>fashion-scenes-large</c> (as <c>fashion-scenes</c>, on scenes of <see cref="FashionSceneLayout.Large"/>: one or two
/// items of 48-64 pixels; same seeds and normalisation constants) with its segmentation task <c>fashion-scenes-large-seg</c>.
/// </summary>
public sealed class TrainingTask
{
    /// <summary>The task names <see cref="Create"/> knows.</summary>
    public static IReadOnlyList<string> Names { get; } = ["fashion-mnist", "fashion-scenes", "fashion-scenes-seg", "fashion-scenes-large", "fashion-scenes-large-seg"];

    /// <summary>
    /// The FashionScenes layout of task <paramref name="name"/>: <see cref="FashionSceneLayout.Large"/> for
    /// <c>fashion-scenes-large</c> (a classifier on scenes of one or two large items, for the map-coverage study of
    /// docs/attribution.md), the standard layout for the other scene tasks, null for <c>fashion-mnist</c>.
    /// </summary>
    public static FashionSceneLayout? SceneLayout(string name) => name switch
    {
        "fashion-scenes" or "fashion-scenes-seg" => FashionSceneLayout.Standard,
        "fashion-scenes-large" or "fashion-scenes-large-seg" => FashionSceneLayout.Large,
        _ => null,
    };

    /// <summary>Whether task <paramref name="name"/> trains the segmentation net on FashionScenes (<c>fashion-scenes-seg</c>,
    /// or <c>fashion-scenes-large-seg</c> on the large-item layout): a task with a classification task on its scenes.</summary>
    public static bool IsSceneSegmentation(string name) => ClassificationTaskOf(name) is not null;

    /// <summary>The classification task on the same scenes as segmentation task <paramref name="segmentationTask"/>
    /// (the task of the classifier whose maps make its pseudo-labels), or null when it is not one.</summary>
    public static string? ClassificationTaskOf(string segmentationTask) => segmentationTask switch
    {
        "fashion-scenes-seg" => "fashion-scenes",
        "fashion-scenes-large-seg" => "fashion-scenes-large",
        _ => null,
    };

    /// <summary>Whether task <paramref name="name"/> trains a multi-label classifier on FashionScenes (with masks to test its maps).</summary>
    public static bool IsSceneClassification(string name) => name is "fashion-scenes" or "fashion-scenes-large";

    /// <summary>Whether task <paramref name="name"/> trains a classifier: <c>fashion-mnist</c> or a FashionScenes classification task.</summary>
    public static bool IsClassification(string name) => name == "fashion-mnist" || IsSceneClassification(name);

    /// <summary>Fashion-MNIST's pixel mean over the training set (torchvision's customary value).</summary>
    public const float FashionMnistMean = 0.2860f;

    /// <summary>Fashion-MNIST's pixel standard deviation over the training set.</summary>
    public const float FashionMnistStd = 0.3530f;

    /// <summary>FashionScenes' per-channel (R, G, B) pixel mean over the 10,000 standard training scenes (measured with <see cref="ChannelStatistics"/>).</summary>
    public static IReadOnlyList<float> FashionScenesMean { get; } = [0.5009f, 0.4998f, 0.5003f];

    /// <summary>FashionScenes' per-channel pixel standard deviation over the 10,000 standard training scenes.</summary>
    public static IReadOnlyList<float> FashionScenesStd { get; } = [0.1537f, 0.1538f, 0.1539f];

    private TrainingTask(string name, Module<Tensor, Tensor> model, IReadOnlyDictionary<string, string> modelMetadata,
        DataLoader train, DataLoader test, ObjectiveKind objective, IReadOnlyDictionary<string, object> data)
    {
        Name = name;
        Model = model;
        ModelMetadata = modelMetadata;
        Train = train;
        Test = test;
        Objective = objective;
        Data = data;
    }

    /// <summary>The task's name.</summary>
    public string Name { get; }

    /// <summary>The model, freshly initialised with <c>torch.manual_seed(seed)</c>: a <see cref="ResNetCam"/> for the
    /// classification tasks, a <see cref="SegmentationNet"/> for <c>fashion-scenes-seg</c>.</summary>
    public Module<Tensor, Tensor> Model { get; }

    /// <summary>The model's configuration as metadata strings (<see cref="ResNetCamConfig.ToMetadata"/> or
    /// <see cref="SegmentationNetConfig.ToMetadata"/>), written into the model file and the card.</summary>
    public IReadOnlyDictionary<string, string> ModelMetadata { get; }

    /// <summary><see cref="Model"/> when it is a classifier (<see cref="ResNetCam"/>), else null.</summary>
    public ResNetCam? Classifier => Model as ResNetCam;

    /// <summary><see cref="Model"/> when it is a segmenter (<see cref="SegmentationNet"/>), else null.</summary>
    public SegmentationNet? Segmenter => Model as SegmentationNet;

    /// <summary>Shuffled, augmented training batches (the last incomplete batch dropped).</summary>
    public DataLoader Train { get; }

    /// <summary>Test batches in order, normalised only.</summary>
    public DataLoader Test { get; }

    /// <summary>The loss and metric.</summary>
    public ObjectiveKind Objective { get; }

    /// <summary>What the data is (for the card).</summary>
    public IReadOnlyDictionary<string, object> Data { get; }

    /// <summary>Builds task <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">Unknown task name or bad sizes.</exception>
    /// <exception cref="FileNotFoundException">The Fashion-MNIST files are missing (the message says where they were looked for).</exception>
    public static TrainingTask Create(string name, TrainingTaskOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.BatchSize);
        if (options.TrainSubset is < 1) throw new ArgumentException($"the train subset must be at least 1, not {options.TrainSubset}");
        if (options.TestSubset is < 1) throw new ArgumentException($"the test subset must be at least 1, not {options.TestSubset}");
        if (options.PseudoLabels is not null && !IsSceneSegmentation(name))
            throw new ArgumentException($"pseudo-labels train the segmentation net (task fashion-scenes-seg or fashion-scenes-large-seg), not task '{name}'");
        return name switch
        {
            "fashion-mnist" => CreateFashionMnist(options),
            "fashion-scenes" or "fashion-scenes-large" => CreateFashionScenes(name, options),
            "fashion-scenes-seg" or "fashion-scenes-large-seg" => CreateFashionScenesSegmentation(name, options),
            _ => throw new ArgumentException($"unknown task '{name}' (known: {string.Join(", ", Names)})"),
        };
    }

    /// <summary>
    /// The test split of task <paramref name="name"/> without building a model: Fashion-MNIST's test images (first N),
    /// or N FashionScenes of the standard test seed (the standard 1,000 by default; more when asked for).
    /// </summary>
    /// <exception cref="ArgumentException">Unknown task name, or a subset below 1.</exception>
    /// <exception cref="FileNotFoundException">The Fashion-MNIST files are missing.</exception>
    public static TaskTestSplit TestSplit(string name, int? testSubset = null, string? dataDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (testSubset is < 1) throw new ArgumentException($"the test subset must be at least 1, not {testSubset}");
        if (!Names.Contains(name)) throw new ArgumentException($"unknown task '{name}' (known: {string.Join(", ", Names)})");
        var test = FashionMnist.Load(FashionMnistSplit.Test, dataDirectory);
        if (name == "fashion-mnist")
            return new TaskTestSplit(Subset(new FashionMnistSource(test), testSubset), new Normalize([FashionMnistMean], [FashionMnistStd]),
                ObjectiveKind.SingleLabel, test);
        var scenes = new FashionScenes(test, FashionScenes.StandardTestSeed, testSubset ?? FashionScenes.StandardTestCount, SceneLayout(name)!);
        return new TaskTestSplit(new FashionScenesSource(scenes), new Normalize([.. FashionScenesMean], [.. FashionScenesStd]),
            IsSceneClassification(name) ? ObjectiveKind.MultiLabel : ObjectiveKind.Segmentation, test);
    }

    private static TrainingTask CreateFashionMnist(TrainingTaskOptions options)
    {
        if (options.FreshScenes) throw new ArgumentException("fresh scenes are an option of the fashion-scenes tasks, not of fashion-mnist");
        var trainData = FashionMnist.Load(FashionMnistSplit.Train, options.DataDirectory);
        var test = TestSplit("fashion-mnist", options.TestSubset, options.DataDirectory);
        var widths = options.Widths ?? new long[] { 32, 64, 128 };
        var config = new ResNetCamConfig
        {
            NumClasses = FashionMnist.ClassCount,
            InChannels = 1,
            StemChannels = widths[0],
            StemStride = options.StemStride ?? 1,
            Widths = widths,
            Blocks = Enumerable.Repeat(2, widths.Count).ToArray(),
            Strides = StridesFor(widths.Count, options.StemStride ?? 1, options.OutputStride ?? TaskOutputStride),
        };
        var trainSource = Subset(new FashionMnistSource(trainData), options.TrainSubset);
        var data = new Dictionary<string, object>
        {
            ["name"] = "Fashion-MNIST",
            ["directory"] = trainData.Directory,
            ["train_items"] = trainSource.Count,
            ["test_items"] = test.Source.Count,
            ["augmentation"] = "RandomCrop(padding 2), RandomHorizontalFlip(0.5), Normalize(0.2860, 0.3530)",
        };
        return Build("fashion-mnist", () => new ResNetCam(config), config.ToMetadata(), trainSource,
            new Compose(new RandomCrop(2), new RandomHorizontalFlip(), test.Normalize), test, data, options);
    }

    private static TrainingTask CreateFashionScenes(string name, TrainingTaskOptions options)
    {
        var (trainScenes, test, data) = ScenesData(name, options, "RandomHorizontalFlip(0.5)");
        var widths = options.Widths ?? new long[] { 32, 64, 128 };
        // Output stride 4 for 64x64 scenes: the stem's stride (2 by default) times the stage strides (StridesFor).
        var config = new ResNetCamConfig
        {
            NumClasses = FashionMnist.ClassCount,
            InChannels = 3,
            StemChannels = widths[0],
            StemStride = options.StemStride ?? DefaultScenesStemStride,
            Widths = widths,
            Blocks = Enumerable.Repeat(2, widths.Count).ToArray(),
            Strides = StridesFor(widths.Count, options.StemStride ?? DefaultScenesStemStride, options.OutputStride ?? TaskOutputStride),
        };
        return Build(name, () => new ResNetCam(config), config.ToMetadata(), trainScenes,
            new Compose(new RandomHorizontalFlip(), test.Normalize), test, data, options);
    }

    private static TrainingTask CreateFashionScenesSegmentation(string name, TrainingTaskOptions options)
    {
        if (options.StemStride is not null)
            throw new ArgumentException($"{name} has no stem stride option (its backbone's output stride is fixed at 8)");
        if (options.OutputStride is not null)
            throw new ArgumentException($"{name} has no output stride option (its backbone's output stride is fixed at 8)");
        if (options.Widths is { Count: not 4 })
            throw new ArgumentException($"{name} needs 4 widths (one per backbone stage), not {options.Widths.Count}");
        if (options.PseudoLabels is { } pseudo)
        {
            if (options.FreshScenes) throw new ArgumentException("pseudo-labels are made for a fixed set of training scenes; they cannot be combined with fresh scenes");
            if (options.TrainSubset is { } n && n != pseudo.Count)
                throw new ArgumentException($"the train subset ({n}) differs from the {pseudo.Count} scenes the pseudo-labels were made for");
            options = CopyWithTrainSubset(options, pseudo.Count);
        }
        var (trainScenes, test, data) = ScenesData(name, options, "RandomHorizontalFlip(0.5) of images and masks");
        data["classes"] = "0 background, 1..10 the Fashion-MNIST classes 0..9";
        data["ignore_index"] = (int)Batch.IgnoreIndex;
        var pseudoMetadata = new Dictionary<string, string>();
        if (options.PseudoLabels is { } labels)
        {
            trainScenes = new PseudoLabelSource(trainScenes, labels);
            data["masks"] = "pseudo-labels: " + labels;
            foreach (var (key, value) in labels.Settings.ToMetadata()) pseudoMetadata[key] = value;
            foreach (var (key, value) in labels.Quality.ToMetadata()) pseudoMetadata[key] = value;
        }
        var defaults = new SegmentationNetConfig();
        var widths = options.Widths ?? defaults.Widths;
        // SegmentationNetConfig's defaults (Basic blocks 1-1-1-1, widths 16..128, output stride 8, ASPP rates 2, 4, 6);
        // the ASPP has half the last stage's channels (64 by default), so narrower test models get a narrower head.
        var config = new SegmentationNetConfig
        {
            NumClasses = FashionMnist.ClassCount + 1,
            InChannels = 3,
            Widths = [.. widths],
            AsppChannels = Math.Max(1, widths[^1] / 2),
        };
        var metadata = config.ToMetadata();
        foreach (var (key, value) in pseudoMetadata) metadata[key] = value;
        return Build(name, () => new SegmentationNet(config), metadata, trainScenes,
            new Compose(new RandomHorizontalFlip(), test.Normalize), test, data, options);
    }

    private static TrainingTaskOptions CopyWithTrainSubset(TrainingTaskOptions options, int trainSubset) => new()
    {
        BatchSize = options.BatchSize,
        Seed = options.Seed,
        TrainSubset = trainSubset,
        TestSubset = options.TestSubset,
        Workers = options.Workers,
        Widths = options.Widths,
        StemStride = options.StemStride,
        OutputStride = options.OutputStride,
        FreshScenes = options.FreshScenes,
        DataDirectory = options.DataDirectory,
        PseudoLabels = options.PseudoLabels,
    };

    /// <summary>The training scenes, the test split and the card's data description shared by both FashionScenes tasks.</summary>
    private static (IBatchSource Train, TaskTestSplit Test, Dictionary<string, object> Data) ScenesData(string task, TrainingTaskOptions options,
        string augmentation)
    {
        var trainData = FashionMnist.Load(FashionMnistSplit.Train, options.DataDirectory);
        var trainCount = options.TrainSubset ?? FashionScenes.StandardTrainCount;
        var layout = SceneLayout(task)!;
        IBatchSource trainScenes = options.FreshScenes
            ? new FreshScenesSource(trainData, FashionScenes.StandardTrainSeed, trainCount, layout)
            : new FashionScenesSource(new FashionScenes(trainData, FashionScenes.StandardTrainSeed, trainCount, layout));
        var test = TestSplit(task, options.TestSubset, options.DataDirectory);
        var data = new Dictionary<string, object>
        {
            ["name"] = "FashionScenes",
            ["layout"] = $"{layout.Name}: 1-{layout.MaxObjects} items of {layout.MinObjectSize}-{layout.MaxObjectSize} px",
            ["directory"] = trainData.Directory,
            ["train_seed"] = FashionScenes.StandardTrainSeed,
            ["train_items"] = trainCount,
            ["fresh_scenes_each_epoch"] = options.FreshScenes,
            ["test_seed"] = FashionScenes.StandardTestSeed,
            ["test_items"] = test.Source.Count,
            ["augmentation"] = string.Create(CultureInfo.InvariantCulture,
                $"{augmentation}, Normalize(mean [{string.Join(", ", FashionScenesMean)}], std [{string.Join(", ", FashionScenesStd)}])"),
        };
        return (trainScenes, test, data);
    }

    /// <summary>FashionScenes' stem stride: 2 halves the cost of the 64x64 stages and still leaves output stride 4.</summary>
    public const int DefaultScenesStemStride = 2;

    /// <summary>Default output stride of both classification tasks' models (7x7 maps for 28x28 Fashion-MNIST, 16x16 for 64x64 scenes).</summary>
    public const int TaskOutputStride = 4;

    /// <summary>
    /// Stage strides so that stem stride × stage strides = the output stride: the first stage keeps the stem's
    /// resolution and each following stage halves it until the output stride is reached (output stride 4: stem 1 gives
    /// 1, 2, 2 and stem 2 gives 1, 2, 1; output stride 2 with stem 2: 1, 1, 1).
    /// </summary>
    /// <exception cref="ArgumentException">The stem stride or the output stride is not 1, 2 or 4, or the stem's is the larger.</exception>
    private static long[] StridesFor(int stages, int stemStride, int outputStride)
    {
        if (outputStride is not (1 or 2 or 4))
            throw new ArgumentException($"the output stride must be 1, 2 or 4, not {outputStride}");
        if (stemStride is not (1 or 2 or 4) || stemStride > outputStride)
            throw new ArgumentException($"the stem stride must be 1, 2 or 4 and at most the output stride ({outputStride}), not {stemStride}");
        var remaining = outputStride / stemStride;
        var strides = new long[stages];
        for (var i = 0; i < stages; i++)
        {
            strides[i] = i > 0 && remaining > 1 ? 2 : 1;
            remaining /= (int)strides[i];
        }
        return strides;
    }

    private static IBatchSource Subset(IBatchSource source, int? count) => count is { } n ? new SubsetSource(source, n) : source;

    private static TrainingTask Build(string name, Func<Module<Tensor, Tensor>> createModel, IReadOnlyDictionary<string, string> modelMetadata,
        IBatchSource trainSource, IBatchTransform trainTransform, TaskTestSplit test, Dictionary<string, object> data, TrainingTaskOptions options)
    {
        torch.manual_seed(unchecked((ulong)options.Seed));
        var model = createModel();
        var dropLast = trainSource.Count > options.BatchSize;
        var train = new DataLoader(trainSource, options.BatchSize, shuffle: true, seed: options.Seed, dropLast: dropLast,
            transform: trainTransform, workers: options.Workers);
        return new TrainingTask(name, model, modelMetadata, train, test.NormalizedLoader(options.BatchSize, options.Workers), test.Objective, data);
    }

    /// <summary>Trainer options for this task (objective, name, data and model descriptions filled in).</summary>
    public TrainerOptions TrainerOptions(string outputDirectory, int epochs, double lr, int seed, OptimizerKind optimizer = OptimizerKind.Sgd,
        bool resume = false, Device? device = null, double momentum = 0.9, double weightDecay = 5e-4) => new()
    {
        OutputDirectory = outputDirectory,
        Epochs = epochs,
        Lr = lr,
        Seed = seed,
        Optimizer = optimizer,
        Resume = resume,
        Device = device ?? Device.Cpu,
        Momentum = momentum,
        WeightDecay = weightDecay,
        Objective = Objective,
        Task = Name,
        Data = Data,
        ModelMetadata = ModelMetadata,
    };
}
