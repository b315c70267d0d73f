using AdvCam.Torch;

namespace AdvCam.Abstractions;

/// <summary>
/// Turns images into label maps: attribution-seed segmenters (which read a classifier and the image-level labels, as
/// weakly-supervised seeds do) and trained segmentation networks (which need neither).
/// </summary>
public interface ISegmenter : IPlugin
{
    /// <summary>Label maps of <paramref name="images"/>: 0 for background, <c>c + 1</c> for class <c>c</c>.</summary>
    /// <param name="classifier">The classifier under test, for segmenters that derive their maps from one; null when
    /// there is none. A segmenter that needs one throws <see cref="ArgumentException"/> when it is null.</param>
    /// <param name="images">Float images [N, C, H, W].</param>
    /// <param name="classes">For each of the N images, the classes known to be present (image-level labels, as
    /// weak supervision gives them), or null when unknown. A segmenter that needs them throws
    /// <see cref="ArgumentException"/> when null.</param>
    /// <returns>Int64 label maps [N, H, W], a new tensor owned by the caller (or its dispose scope).</returns>
    /// <exception cref="ArgumentException">The images are not [N, C, H, W], <paramref name="classes"/> does not have N
    /// entries, or an input the segmenter needs is missing.</exception>
    Tensor Segment(ICamClassifier? classifier, Tensor images, IReadOnlyList<int[]>? classes);
}
