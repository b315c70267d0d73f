using AdvCam.Torch;

namespace AdvCam.Core.Data.Loading;

/// <summary>Applies transforms in order, all drawing from the one generator (each continues where the previous stopped).</summary>
public sealed class Compose : IBatchTransform
{
    private readonly IBatchTransform[] transforms;

    /// <summary>Chains <paramref name="transforms"/>, first to last.</summary>
    public Compose(params IBatchTransform[] transforms)
    {
        ArgumentNullException.ThrowIfNull(transforms);
        if (transforms.Any(t => t is null)) throw new ArgumentException("a transform is null", nameof(transforms));
        this.transforms = [.. transforms];
    }

    /// <summary>The transforms, in the order they run.</summary>
    public IReadOnlyList<IBatchTransform> Transforms => transforms;

    /// <inheritdoc />
    public Batch Apply(Batch batch, Generator generator)
    {
        foreach (var t in transforms) batch = t.Apply(batch, generator);
        return batch;
    }
}
