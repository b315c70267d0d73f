using AdvCam.Torch;

namespace AdvCam.Core.Data.Loading;

/// <summary>
/// FashionScenes as a multi-label segmentation <see cref="IBatchSource"/>: images float32 [B, 3, 64, 64] in [0, 1],
/// targets the multi-hot labels float32 [B, 10], masks int64 [B, 64, 64] (0 background, class + 1 under an item).
/// Each item is exactly what <see cref="FashionScenes.Generate"/> gives for its index.
/// </summary>
public sealed class FashionScenesSource : IBatchSource
{
    /// <summary>Reads from <paramref name="scenes"/>.</summary>
    public FashionScenesSource(FashionScenes scenes) => Scenes = scenes ?? throw new ArgumentNullException(nameof(scenes));

    /// <summary>The scene set read from.</summary>
    public FashionScenes Scenes { get; }

    /// <inheritdoc />
    public int Count => Scenes.Count;

    /// <inheritdoc />
    public Batch GetBatch(IReadOnlyList<int> indices)
    {
        ArgumentNullException.ThrowIfNull(indices);
        if (indices.Count == 0) throw new ArgumentException("a batch needs at least one index", nameof(indices));
        if (IsRun(indices))
        {
            var run = Scenes.GenerateBatch(indices[0], indices.Count);
            return new Batch(run.Images, run.Labels, run.Masks, indices);
        }
        using var scope = torch.NewDisposeScope();
        var images = new Tensor[indices.Count];
        var labels = new Tensor[indices.Count];
        var masks = new Tensor[indices.Count];
        for (var b = 0; b < indices.Count; b++)
        {
            var one = Scenes.Generate(indices[b]);
            (images[b], labels[b], masks[b]) = (one.Images, one.Labels, one.Masks);
        }
        var batch = new Batch(torch.cat(images), torch.cat(labels), torch.cat(masks), indices);
        scope.MoveToOuter(batch.Images, batch.Targets, batch.Masks!);
        return batch;
    }

    private static bool IsRun(IReadOnlyList<int> indices)
    {
        for (var i = 1; i < indices.Count; i++)
        {
            if (indices[i] != indices[0] + i) return false;
        }
        return true;
    }
}
