using AdvCam.Torch;

namespace AdvCam.Abstractions;

/// <summary>
/// A trained segmentation network as the host hands it to plugins (<see cref="IPluginHost.LoadSegmentationModel"/>):
/// per-pixel class logits of images in [0, 1] (the normalisation its task was trained with happens inside
/// <see cref="forward"/>), at the images' resolution.
/// </summary>
public interface ISegmentationModel
{
    /// <summary>The file the weights came from (full path).</summary>
    string Path { get; }

    /// <summary>Classes of the logits, background included: label 0 is background, label <c>c + 1</c> class <c>c</c>.</summary>
    int num_classes { get; }

    /// <summary>Channels of the images it takes (3 for RGB).</summary>
    long in_channels { get; }

    /// <summary>The model file's metadata (its configuration and <c>train.*</c> keys: task, seed, pseudo-label source).</summary>
    IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>Logits [N, <see cref="num_classes"/>, H, W] of images [N, C, H, W] in [0, 1] on the model's device, in
    /// eval mode; records no gradient. A new tensor the caller owns (or its dispose scope).</summary>
    /// <exception cref="ArgumentException">The images are not [N, C, H, W] with the model's channel count.</exception>
    Tensor forward(Tensor images);
}
