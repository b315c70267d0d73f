using AdvCam.Core.Data.Loading;

namespace AdvCam.Core.Training.PseudoLabels;

/// <summary>
/// Training scenes with their masks replaced by pseudo-labels: what a segmentation network trained on attribution seeds
/// learns from (images and image-level targets as the scenes give them, masks from a <see cref="PseudoLabelSet"/> of the
/// same scenes, in the same order).
/// </summary>
public sealed class PseudoLabelSource : IBatchSource
{
    /// <summary>Pairs <paramref name="scenes"/> with <paramref name="labels"/> (one label map per scene).</summary>
    /// <exception cref="ArgumentException">The counts differ.</exception>
    public PseudoLabelSource(IBatchSource scenes, PseudoLabelSet labels)
    {
        Scenes = scenes ?? throw new ArgumentNullException(nameof(scenes));
        Labels = labels ?? throw new ArgumentNullException(nameof(labels));
        if (scenes.Count != labels.Count)
            throw new ArgumentException($"{labels.Count} pseudo-label maps for {scenes.Count} scenes");
    }

    /// <summary>The scenes.</summary>
    public IBatchSource Scenes { get; }

    /// <summary>Their pseudo-labels.</summary>
    public PseudoLabelSet Labels { get; }

    /// <inheritdoc />
    public int Count => Scenes.Count;

    /// <inheritdoc />
    public Batch GetBatch(IReadOnlyList<int> indices)
    {
        var batch = Scenes.GetBatch(indices);
        var masks = Labels.Masks(indices);
        batch.Masks?.Dispose();
        return batch.With(masks: masks);
    }
}
