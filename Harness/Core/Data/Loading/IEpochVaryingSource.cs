namespace AdvCam.Core.Data.Loading;

/// <summary>
/// An <see cref="IBatchSource"/> whose items differ from epoch to epoch (fresh generated data each epoch): the
/// <see cref="DataLoader"/> asks it for the batch of an epoch. <see cref="IBatchSource.GetBatch"/> gives epoch 0's items.
/// The same thread-safety and fresh-tensor rules as <see cref="IBatchSource"/> apply.
/// </summary>
public interface IEpochVaryingSource : IBatchSource
{
    /// <summary>The items at <paramref name="indices"/> of epoch <paramref name="epoch"/> (0-based), in that order, as one batch.</summary>
    Batch GetBatch(int epoch, IReadOnlyList<int> indices);
}
