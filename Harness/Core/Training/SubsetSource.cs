using AdvCam.Core.Data.Loading;

namespace AdvCam.Core.Training;

/// <summary>The first <see cref="Count"/> items of another <see cref="IBatchSource"/> (for short runs and tests).</summary>
public sealed class SubsetSource : IBatchSource
{
    /// <summary>The first <paramref name="count"/> items of <paramref name="source"/> (all of them when it has fewer).</summary>
    public SubsetSource(IBatchSource source, int count)
    {
        Source = source ?? throw new ArgumentNullException(nameof(source));
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        Count = Math.Min(count, source.Count);
    }

    /// <summary>The whole source.</summary>
    public IBatchSource Source { get; }

    /// <inheritdoc />
    public int Count { get; }

    /// <inheritdoc />
    public Batch GetBatch(IReadOnlyList<int> indices)
    {
        ArgumentNullException.ThrowIfNull(indices);
        foreach (var i in indices)
            if (i < 0 || i >= Count) throw new ArgumentOutOfRangeException(nameof(indices), i, $"index out of range 0..{Count - 1}");
        return Source.GetBatch(indices);
    }
}
