namespace AdvCam.Core.Data.Loading;

/// <summary>
/// A data set that can build the batch of any list of its item indices: what <see cref="DataLoader"/> reads from.
/// </summary>
/// <remarks>
/// Implementations must be safe to call from several threads at once (the loader's workers do), and must return fresh
/// tensors on every call (the loader hands them to its caller, who disposes them). Tensors may be made in the calling
/// thread's dispose scope, as any op does; the loader takes the batch's tensors out of it.
/// </remarks>
public interface IBatchSource
{
    /// <summary>Number of items; valid indices are 0 .. Count - 1.</summary>
    int Count { get; }

    /// <summary>The items at <paramref name="indices"/>, in that order, as one batch.</summary>
    Batch GetBatch(IReadOnlyList<int> indices);
}
