namespace AdvCam.Core.Data.Loading;

/// <summary>
/// FashionScenes with fresh scenes every epoch: epoch <c>e</c>'s item <c>i</c> is scene <c>e × Count + i</c> of one
/// seeded scene stream, so epoch 0 is exactly the set of <see cref="FashionScenes"/> (seed, count) — the standard
/// training set for seed 0 and 10,000 scenes — and later epochs never repeat a scene. Generation costs about half a
/// millisecond per scene, so unlimited training data is nearly free and the model cannot memorise its training set.
/// </summary>
public sealed class FreshScenesSource : IEpochVaryingSource
{
    private readonly FashionScenesSource stream;

    /// <summary>Draws <paramref name="countPerEpoch"/> scenes per epoch from <paramref name="source"/> with <paramref name="seed"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A count below 1.</exception>
    public FreshScenesSource(FashionMnist source, int seed, int countPerEpoch) : this(source, seed, countPerEpoch, FashionSceneLayout.Standard)
    {
    }

    /// <summary>Draws <paramref name="countPerEpoch"/> scenes of <paramref name="layout"/> per epoch from <paramref name="source"/> with <paramref name="seed"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A count below 1.</exception>
    /// <exception cref="ArgumentException">The layout is out of range.</exception>
    public FreshScenesSource(FashionMnist source, int seed, int countPerEpoch, FashionSceneLayout layout)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(countPerEpoch);
        Source = source;
        Seed = seed;
        Count = countPerEpoch;
        stream = new FashionScenesSource(new FashionScenes(source, seed, int.MaxValue, layout));
    }

    /// <summary>The Fashion-MNIST split the scenes' items come from.</summary>
    public FashionMnist Source { get; }

    /// <summary>Seed of the scene stream.</summary>
    public int Seed { get; }

    /// <inheritdoc />
    public int Count { get; }

    /// <inheritdoc />
    public Batch GetBatch(IReadOnlyList<int> indices) => GetBatch(0, indices);

    /// <inheritdoc />
    /// <exception cref="ArgumentOutOfRangeException">A negative epoch, an index outside 0 .. Count - 1, or an epoch past the scene stream's end.</exception>
    public Batch GetBatch(int epoch, IReadOnlyList<int> indices)
    {
        ArgumentNullException.ThrowIfNull(indices);
        ArgumentOutOfRangeException.ThrowIfNegative(epoch);
        var offset = (long)epoch * Count;
        if (offset + Count > int.MaxValue)
            throw new ArgumentOutOfRangeException(nameof(epoch), $"epoch {epoch} of {Count} scenes runs past the scene stream's end");
        var shifted = new int[indices.Count];
        for (var k = 0; k < shifted.Length; k++)
        {
            if ((uint)indices[k] >= (uint)Count)
                throw new ArgumentOutOfRangeException(nameof(indices), $"index {indices[k]} is outside 0 .. {Count - 1}");
            shifted[k] = (int)(offset + indices[k]);
        }
        var batch = stream.GetBatch(shifted);
        // The batch names the epoch's own indices (0 .. Count - 1), as any source's batch does.
        return new Batch(batch.Images, batch.Targets, batch.Masks, indices);
    }
}
