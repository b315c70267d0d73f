using AdvCam.Core.Data;
using AdvCam.Core.Data.Loading;

namespace AdvCam.Core.Training;

/// <summary>
/// A task's test split (<see cref="TrainingTask.TestSplit"/>): the items un-normalised (images in [0, 1]), the task's
/// normalisation, its objective, and the Fashion-MNIST split the items come from.
/// </summary>
/// <param name="Source">The test items, in order.</param>
/// <param name="Normalize">The task's normalisation (what its models expect).</param>
/// <param name="Objective">Single-label, multi-label or segmentation.</param>
/// <param name="Items">The Fashion-MNIST test split the items are (or are made from).</param>
public sealed record TaskTestSplit(IBatchSource Source, Normalize Normalize, ObjectiveKind Objective, FashionMnist Items)
{
    /// <summary>A loader over the normalised items in order: what a model of the task is evaluated on.</summary>
    public DataLoader NormalizedLoader(int batchSize, int workers = 1) => new(Source, batchSize, transform: Normalize, workers: workers);
}
