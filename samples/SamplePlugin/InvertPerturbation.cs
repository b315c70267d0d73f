using AdvCam.Abstractions;
using AdvCam.Torch;

namespace AdvCam.Samples.SamplePlugin;

/// <summary>
/// A sample image perturbation, "sample-invert": every pixel x becomes 1 - x (a photographic negative). It has one
/// severity and no randomness; it shows the smallest complete plugin.
/// </summary>
public sealed class InvertPerturbation : PluginBase, IImagePerturbation
{
    private static readonly Severity Full = new(1, "inverted", ("amount", 1.0));

    /// <summary>Creates the plugin (the loader calls this).</summary>
    public InvertPerturbation()
        : base("sample-invert", "Sample plugin: inverts the images (x -> 1 - x). One severity, no parameters.")
    {
    }

    /// <inheritdoc/>
    public IReadOnlyList<Severity> Severities(int imageSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(imageSize);
        return [Full];
    }

    /// <inheritdoc/>
    public Tensor Apply(Tensor images, Severity severity, long seed)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(severity);
        if (images.dim() != 4)
            throw new ArgumentException($"{Name}: images must be [N, C, H, W]; got shape [{string.Join(", ", images.shape)}]", nameof(images));
        if (images.dtype is not (ScalarType.Float32 or ScalarType.Float64 or ScalarType.Float16 or ScalarType.BFloat16))
            throw new ArgumentException($"{Name}: images must be floating point in [0, 1]; got {images.dtype}", nameof(images));
        if (!severity.Equals(Full))
            throw new ArgumentException($"{Name}: severity '{severity}' is not one this perturbation offers (only '{Full}')", nameof(severity));
        return 1.0 - images;
    }
}
