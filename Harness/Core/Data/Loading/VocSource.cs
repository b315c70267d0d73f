using AdvCam.Core.Data.Formats;
using AdvCam.Torch;

namespace AdvCam.Core.Data.Loading;

/// <summary>
/// A VOC-layout split (<see cref="VocDataset"/>) as a multi-label segmentation <see cref="IBatchSource"/>, as
/// <see cref="FashionScenesSource"/> gives FashionScenes: images float32 [B, 3, H, W] in [0, 1], targets the multi-hot
/// labels [B, 10] derived from the masks (<see cref="FashionScenesVoc.LabelsFromMasks"/>: a class is present with at
/// least <see cref="FashionScenes.MinVisiblePixels"/> pixels, as FashionScenes labels its scenes), masks int64
/// [B, H, W] (255 = ignore). So FashionScenes exported to VOC (<see cref="FashionScenesVoc.Export"/>) reads back as the
/// same items up to the 8-bit quantisation of the images.
/// </summary>
public sealed class VocSource : IBatchSource
{
    /// <summary>Reads from <paramref name="dataset"/>, whose masks must hold FashionScenes' 11 labels.</summary>
    /// <exception cref="ArgumentException">The data set was opened without <see cref="FashionScenesVoc.ClassCount"/> classes.</exception>
    public VocSource(VocDataset dataset)
    {
        Dataset = dataset ?? throw new ArgumentNullException(nameof(dataset));
        if (dataset.ClassCount != FashionScenesVoc.ClassCount)
            throw new ArgumentException($"the VOC data set must be opened with {FashionScenesVoc.ClassCount} classes (background and the 10 FashionScenes classes), got {dataset.ClassCount?.ToString() ?? "none"}", nameof(dataset));
    }

    /// <summary>The data set read from.</summary>
    public VocDataset Dataset { get; }

    /// <inheritdoc />
    public int Count => Dataset.Count;

    /// <inheritdoc />
    public Batch GetBatch(IReadOnlyList<int> indices)
    {
        ArgumentNullException.ThrowIfNull(indices);
        if (indices.Count == 0) throw new ArgumentException("a batch needs at least one index", nameof(indices));
        using var scope = torch.NewDisposeScope();
        var images = new Tensor[indices.Count];
        var masks = new Tensor[indices.Count];
        for (var b = 0; b < indices.Count; b++)
        {
            (images[b], masks[b]) = Dataset.Load(indices[b]);
            if (b > 0 && !images[b].shape.AsSpan().SequenceEqual(images[0].shape))
                throw new InvalidDataException(
                    $"VOC entries '{Dataset.Ids[indices[0]]}' and '{Dataset.Ids[indices[b]]}' differ in size and cannot share a batch (use batch_size 1)");
        }
        var stackedMasks = torch.stack(masks);
        var batch = new Batch(torch.stack(images), FashionScenesVoc.LabelsFromMasks(stackedMasks), stackedMasks, indices);
        scope.MoveToOuter(batch.Images, batch.Targets, batch.Masks!);
        return batch;
    }
}
