using AdvCam.Torch;

namespace AdvCam.Core.Data.Loading;

/// <summary>
/// Per-channel normalisation of the images: <c>(x - mean[c]) / std[c]</c>, as torchvision's <c>Normalize</c>.
/// Draws no random numbers; targets and masks are untouched.
/// </summary>
public sealed class Normalize : IBatchTransform
{
    private readonly float[] mean;
    private readonly float[] std;

    /// <summary>One mean and one (positive) standard deviation per image channel.</summary>
    public Normalize(IReadOnlyList<float> mean, IReadOnlyList<float> std)
    {
        ArgumentNullException.ThrowIfNull(mean);
        ArgumentNullException.ThrowIfNull(std);
        if (mean.Count == 0 || mean.Count != std.Count)
            throw new ArgumentException($"need one mean and one std per channel; got {mean.Count} means and {std.Count} stds");
        if (std.Any(s => !(s > 0)))
            throw new ArgumentOutOfRangeException(nameof(std), "every std must be positive");
        this.mean = [.. mean];
        this.std = [.. std];
    }

    /// <summary>The per-channel means.</summary>
    public IReadOnlyList<float> Mean => mean;

    /// <summary>The per-channel standard deviations.</summary>
    public IReadOnlyList<float> Std => std;

    /// <inheritdoc />
    public Batch Apply(Batch batch, Generator generator)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var images = batch.Images;
        if (images.size(1) != mean.Length)
            throw new ArgumentException($"images {images.ShapeText} have {images.size(1)} channels; the normalisation has {mean.Length}");
        var device = images.device;
        var m = torch.tensor(mean, [1, mean.Length, 1, 1], device);
        var s = torch.tensor(std, [1, std.Length, 1, 1], device);
        return batch.With(images: (images - m) / s);
    }
}
