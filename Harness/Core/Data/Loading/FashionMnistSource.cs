namespace AdvCam.Core.Data.Loading;

/// <summary>
/// Fashion-MNIST as a single-label <see cref="IBatchSource"/>: images float32 [B, 1, 28, 28] in [0, 1]
/// (<see cref="FashionMnist.ImageBatch"/>), targets int64 class labels [B], no masks.
/// </summary>
public sealed class FashionMnistSource : IBatchSource
{
    /// <summary>Reads from <paramref name="data"/>.</summary>
    public FashionMnistSource(FashionMnist data) => Data = data ?? throw new ArgumentNullException(nameof(data));

    /// <summary>The split read from.</summary>
    public FashionMnist Data { get; }

    /// <inheritdoc />
    public int Count => Data.Count;

    /// <inheritdoc />
    public Batch GetBatch(IReadOnlyList<int> indices)
    {
        ArgumentNullException.ThrowIfNull(indices);
        var span = indices.ToArray().AsSpan();
        return new Batch(Data.ImageBatch(span), Data.LabelBatch(span), null, indices);
    }
}
