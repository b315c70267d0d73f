using AdvCam.Core.Data;
using AdvCam.Core.Data.Formats;
using AdvCam.Core.Data.Loading;
using AdvCam.Core.Training;

namespace AdvCam.Core.Running;

/// <summary>
/// The test data a suite runs on: a task's test split as <b>un-normalised</b> images in [0, 1] (plugins see images in
/// [0, 1], DESIGN.md §4), with the task's normalisation statistics, which <see cref="NormalizedClassifier"/> applies inside
/// the model.
/// </summary>
/// <remarks>
/// <see cref="ForTask"/> gives the same items as <see cref="TrainingTask"/>'s test loader, in the same order, without its
/// <see cref="Normalize"/> transform: Fashion-MNIST's test split (first N items), or the standard FashionScenes test set
/// (seed <see cref="FashionScenes.StandardTestSeed"/>, first N scenes) with its segmentation masks.
/// </remarks>
public sealed class SuiteData
{
    /// <summary>The tasks whose test data <see cref="ForTask"/> builds: the classification tasks.</summary>
    public static IReadOnlyList<string> Tasks { get; } = [.. TrainingTask.Names.Where(TrainingTask.IsClassification)];

    /// <summary>Describes a test set.</summary>
    /// <param name="task">The task it belongs to (a model of the same task is run on it).</param>
    /// <param name="objective"><see cref="ObjectiveKind.SingleLabel"/> (int64 targets [B]) or
    /// <see cref="ObjectiveKind.MultiLabel"/> (multi-hot targets [B, K]).</param>
    /// <param name="source">The items: float images [B, C, H, W] in [0, 1] with square H = W; masks [B, H, W] when
    /// <paramref name="hasMasks"/>.</param>
    /// <param name="mean">The task's per-channel normalisation mean.</param>
    /// <param name="std">The task's per-channel normalisation standard deviation.</param>
    /// <param name="hasMasks">Whether the batches carry segmentation masks (0 background, c + 1 for class c).</param>
    /// <param name="batchSize">Images per batch.</param>
    /// <param name="description">What the data is, for the results.</param>
    /// <param name="workers">Background threads building batches (0: on the runner's thread).</param>
    /// <exception cref="ArgumentException">An argument is out of range, or the objective is segmentation.</exception>
    public SuiteData(string task, ObjectiveKind objective, IBatchSource source, IReadOnlyList<float> mean, IReadOnlyList<float> std,
        bool hasMasks, int batchSize, string description, int workers = 1)
    {
        ArgumentException.ThrowIfNullOrEmpty(task);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(mean);
        ArgumentNullException.ThrowIfNull(std);
        ArgumentNullException.ThrowIfNull(description);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        ArgumentOutOfRangeException.ThrowIfNegative(workers);
        if (objective is not (ObjectiveKind.SingleLabel or ObjectiveKind.MultiLabel))
            throw new ArgumentException($"suite data is classification data (single- or multi-label), not {objective}", nameof(objective));
        if (mean.Count == 0 || mean.Count != std.Count)
            throw new ArgumentException($"need one mean and one std per channel; got {mean.Count} means and {std.Count} stds");
        Task = task;
        Objective = objective;
        Source = source;
        Mean = [.. mean];
        Std = [.. std];
        HasMasks = hasMasks;
        BatchSize = batchSize;
        Description = description;
        Workers = workers;
    }

    /// <summary>The task the data belongs to.</summary>
    public string Task { get; }

    /// <summary>Single- or multi-label.</summary>
    public ObjectiveKind Objective { get; }

    /// <summary>The items, un-normalised.</summary>
    public IBatchSource Source { get; }

    /// <summary>The task's per-channel normalisation mean.</summary>
    public IReadOnlyList<float> Mean { get; }

    /// <summary>The task's per-channel normalisation standard deviation.</summary>
    public IReadOnlyList<float> Std { get; }

    /// <summary>Whether the batches carry segmentation masks.</summary>
    public bool HasMasks { get; }

    /// <summary>Images per batch.</summary>
    public int BatchSize { get; }

    /// <summary>What the data is.</summary>
    public string Description { get; }

    /// <summary>Background threads building batches.</summary>
    public int Workers { get; }

    /// <summary>Number of items.</summary>
    public int Count => Source.Count;

    /// <summary>A loader over the items in order, without any transform (the images stay in [0, 1]).</summary>
    public DataLoader Loader() => new(Source, BatchSize, workers: Workers);

    /// <summary>
    /// The test split of <paramref name="task"/> (one of <see cref="Tasks"/>), un-normalised, with the task's
    /// normalisation statistics (<see cref="TrainingTask.FashionMnistMean"/>/<see cref="TrainingTask.FashionMnistStd"/>,
    /// <see cref="TrainingTask.FashionScenesMean"/>/<see cref="TrainingTask.FashionScenesStd"/>).
    /// </summary>
    /// <param name="task">The task.</param>
    /// <param name="testSubset">Use only the first N items (null: all).</param>
    /// <param name="batchSize">Images per batch.</param>
    /// <param name="dataDirectory">Fashion-MNIST's folder (null: <see cref="FashionMnist.ResolveDirectory"/>'s default).</param>
    /// <param name="workers">Background threads building batches.</param>
    /// <exception cref="ArgumentException">Not a classification task, or a size is out of range.</exception>
    /// <exception cref="FileNotFoundException">The Fashion-MNIST files are missing.</exception>
    public static SuiteData ForTask(string task, int? testSubset = null, int batchSize = SuiteSpec.DefaultBatchSize, string? dataDirectory = null,
        int workers = 1)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (testSubset is < 1) throw new ArgumentException($"the test subset must be at least 1, not {testSubset}", nameof(testSubset));
        if (!Tasks.Contains(task))
            throw new ArgumentException(TrainingTask.Names.Contains(task)
                ? $"task '{task}' is not a classification task; a suite runs a classifier, of task {string.Join(" or ", Tasks)}"
                : $"unknown task '{task}' (a suite runs a classifier of task {string.Join(" or ", Tasks)})", nameof(task));
        // TrainingTask's own test split, so the items and statistics are those its models were evaluated on.
        var split = TrainingTask.TestSplit(task, testSubset, dataDirectory);
        var count = split.Source.Count;
        var description = task == "fashion-mnist"
            ? $"Fashion-MNIST test split ({split.Items.Directory}), {Items(count, split.Items.Count)}"
            : $"FashionScenes test set ({TrainingTask.SceneLayout(task)!.Name} layout, seed {FashionScenes.StandardTestSeed}, from {split.Items.Directory}), {Items(count, FashionScenes.StandardTestCount)}, with masks";
        return new SuiteData(task, split.Objective, split.Source, split.Normalize.Mean, split.Normalize.Std, hasMasks: TrainingTask.IsSceneClassification(task),
            batchSize, description, workers);
    }

    /// <summary>
    /// The data a suite file asks for: its VOC split (<see cref="SuiteSpec.ResolveVocPath"/>) when it names one, else the
    /// task's test split; the suite's test subset and batch size either way.
    /// </summary>
    /// <param name="spec">The suite file.</param>
    /// <param name="task">The model's task.</param>
    /// <exception cref="ArgumentException">As <see cref="ForVoc"/> and <see cref="ForTask"/>.</exception>
    /// <exception cref="DirectoryNotFoundException">As <see cref="ForVoc"/> and <see cref="ForTask"/>.</exception>
    /// <exception cref="FileNotFoundException">As <see cref="ForVoc"/> and <see cref="ForTask"/>.</exception>
    /// <exception cref="InvalidDataException">As <see cref="ForVoc"/> and <see cref="ForTask"/>.</exception>
    public static SuiteData ForSpec(SuiteSpec spec, string task)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return spec.ResolveVocPath() is { } voc
            ? ForVoc(task, voc, spec.VocSplit, spec.TestSubset, spec.BatchSize)
            : ForTask(task, spec.TestSubset, spec.BatchSize);
    }

    /// <summary>
    /// A PASCAL VOC-layout split as the test data of task <c>fashion-scenes</c> (<see cref="VocSource"/>; e.g. FashionScenes
    /// exported by <c>advcam export-voc</c>): images in [0, 1], masks, labels derived from the masks, and the task's
    /// normalisation statistics.
    /// </summary>
    /// <param name="task">The model's task; only <c>fashion-scenes</c> (the classes and statistics of the VOC masks and images).</param>
    /// <param name="root">The VOC root folder.</param>
    /// <param name="split">The split (<c>ImageSets/Segmentation/&lt;split&gt;.txt</c>).</param>
    /// <param name="testSubset">Use only the first N entries (null: all).</param>
    /// <param name="batchSize">Images per batch (entries of one batch must share a size).</param>
    /// <param name="workers">Background threads building batches.</param>
    /// <exception cref="ArgumentException">Another task, or a size out of range.</exception>
    /// <exception cref="DirectoryNotFoundException">The root does not exist.</exception>
    /// <exception cref="FileNotFoundException">The split's list, or an entry's files, are missing.</exception>
    /// <exception cref="InvalidDataException">The list is empty or refused.</exception>
    public static SuiteData ForVoc(string task, string root, string split, int? testSubset = null, int batchSize = SuiteSpec.DefaultBatchSize, int workers = 1)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (task != "fashion-scenes")
            throw new ArgumentException($"VOC-layout data is read as FashionScenes (11 labels, its normalisation): the model must be of task fashion-scenes, not '{task}'", nameof(task));
        if (testSubset is < 1) throw new ArgumentException($"the test subset must be at least 1, not {testSubset}", nameof(testSubset));
        var dataset = VocDataset.Open(root, split, FashionScenesVoc.ClassCount);
        var source = new VocSource(dataset);
        IBatchSource items = testSubset is { } n ? new SubsetSource(source, n) : source;
        var description = $"VOC split '{split}' of {dataset.Root}, {Items(items.Count, dataset.Count)}, with masks (labels from the masks)";
        return new SuiteData(task, ObjectiveKind.MultiLabel, items, TrainingTask.FashionScenesMean, TrainingTask.FashionScenesStd, hasMasks: true,
            batchSize, description, workers);
    }

    private static string Items(int used, int total) =>
        used == total ? $"all {total} items" : used < total ? $"the first {used} of {total} items" : $"{used} items ({total} standard)";
}
