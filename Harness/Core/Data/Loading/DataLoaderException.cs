namespace AdvCam.Core.Data.Loading;

/// <summary>
/// Building a batch failed (in the source, the transform, or the checks of the result). Thrown on the consumer's
/// thread when the enumeration reaches that batch, whichever thread built it; <see cref="Exception.InnerException"/>
/// is the original exception, and the message repeats its message after the batch, epoch and index range.
/// </summary>
public sealed class DataLoaderException : Exception
{
    /// <summary>Describes the failure of batch <paramref name="batch"/> of <paramref name="epoch"/>.</summary>
    /// <param name="epoch">The epoch.</param>
    /// <param name="batch">The batch number within the epoch (0-based).</param>
    /// <param name="start">Position of the batch's first item in the epoch's order.</param>
    /// <param name="indices">The data-set indices of the batch's items.</param>
    /// <param name="inner">The original exception.</param>
    public DataLoaderException(int epoch, int batch, int start, IReadOnlyList<int> indices, Exception inner)
        : base(Describe(epoch, batch, start, indices, inner), inner)
    {
        Epoch = epoch;
        BatchNumber = batch;
        Start = start;
        Indices = [.. indices];
    }

    /// <summary>The epoch being loaded.</summary>
    public int Epoch { get; }

    /// <summary>The number of the batch that failed, 0-based within the epoch.</summary>
    public int BatchNumber { get; }

    /// <summary>Position of the batch's first item in the epoch's order (the batch covers Start .. Start + Indices.Count - 1).</summary>
    public int Start { get; }

    /// <summary>The data-set indices of the batch's items.</summary>
    public IReadOnlyList<int> Indices { get; }

    private static string Describe(int epoch, int batch, int start, IReadOnlyList<int> indices, Exception inner)
    {
        const int shown = 16;
        var list = string.Join(", ", indices.Take(shown)) + (indices.Count > shown ? $", ... ({indices.Count} in all)" : "");
        return $"loading batch {batch} of epoch {epoch} (positions {start}..{start + indices.Count - 1} of the epoch's order; " +
               $"data-set indices [{list}]) failed: {inner.GetType().Name}: {inner.Message}";
    }
}
