using AdvCam.Abstractions;
using AdvCam.Torch;

namespace AdvCam.Core.Running;

/// <summary>
/// A classifier that takes images in [0, 1], as plugins see them (DESIGN.md §4), and normalises them per channel with the
/// statistics its task was trained with, <c>(x - mean[c]) / std[c]</c>, inside <see cref="forward"/>,
/// <see cref="features"/> and <see cref="forward_until"/>. The normalisation is part of the autograd graph, so gradients
/// with respect to the [0, 1] images flow through it (AdvCAM's climbing, adversarial perturbations).
/// </summary>
/// <remarks>Everything else (<see cref="forward_from"/>, the head's weights, the stage names) is the wrapped model's;
/// the wrapper holds no tensors and owns nothing.</remarks>
public sealed class NormalizedClassifier : ICamClassifier
{
    private readonly float[] mean;
    private readonly float[] std;

    /// <summary>Wraps <paramref name="inner"/>, which takes images normalised with <paramref name="mean"/> and <paramref name="std"/>.</summary>
    /// <param name="inner">The classifier as trained (on normalised images).</param>
    /// <param name="mean">One mean per image channel.</param>
    /// <param name="std">One positive standard deviation per image channel.</param>
    /// <exception cref="ArgumentException">The lists are empty, differ in length, or a standard deviation is not positive.</exception>
    public NormalizedClassifier(ICamClassifier inner, IReadOnlyList<float> mean, IReadOnlyList<float> std)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(mean);
        ArgumentNullException.ThrowIfNull(std);
        if (mean.Count == 0 || mean.Count != std.Count)
            throw new ArgumentException($"need one mean and one std per channel; got {mean.Count} means and {std.Count} stds");
        if (std.Any(s => !(s > 0) || !float.IsFinite(s)))
            throw new ArgumentException($"every std must be positive and finite; got [{string.Join(", ", std)}]", nameof(std));
        if (mean.Any(m => !float.IsFinite(m)))
            throw new ArgumentException($"every mean must be finite; got [{string.Join(", ", mean)}]", nameof(mean));
        Inner = inner;
        this.mean = [.. mean];
        this.std = [.. std];
    }

    /// <summary>The wrapped classifier, which takes normalised images.</summary>
    public ICamClassifier Inner { get; }

    /// <summary>The per-channel means.</summary>
    public IReadOnlyList<float> Mean => mean;

    /// <summary>The per-channel standard deviations.</summary>
    public IReadOnlyList<float> Std => std;

    /// <inheritdoc />
    public int num_classes => Inner.num_classes;

    /// <inheritdoc />
    public long feature_channels => Inner.feature_channels;

    /// <inheritdoc />
    public long output_stride => Inner.output_stride;

    /// <inheritdoc />
    public IReadOnlyList<string> stage_names => Inner.stage_names;

    /// <inheritdoc />
    public Tensor head_weight => Inner.head_weight;

    /// <inheritdoc />
    public Tensor? head_bias => Inner.head_bias;

    /// <summary>The normalised images, <c>(images - mean[c]) / std[c]</c>: a new tensor in the autograd graph of
    /// <paramref name="images"/>.</summary>
    /// <param name="images">Float images [N, C, H, W] in [0, 1], C = the number of channels of the statistics.</param>
    /// <exception cref="ArgumentException">The images are not [N, C, H, W] with that C, or not floating point.</exception>
    public Tensor Normalize(Tensor images)
    {
        ArgumentNullException.ThrowIfNull(images);
        if (images.dim() != 4 || images.size(1) != mean.Length)
            throw new ArgumentException($"images must be [N, {mean.Length}, H, W] for this model; got {images.ShapeText}", nameof(images));
        if (!images.dtype.IsFloatingPoint())
            throw new ArgumentException($"images must be floating point in [0, 1]; got {images.dtype}", nameof(images));
        using var m = torch.tensor(mean, [1, mean.Length, 1, 1], images.device);
        using var s = torch.tensor(std, [1, std.Length, 1, 1], images.device);
        using var centred = images - m;
        return centred / s;
    }

    /// <summary>Logits [N, classes] of images [N, C, H, W] in [0, 1].</summary>
    /// <param name="input">Images in [0, 1].</param>
    public Tensor forward(Tensor input)
    {
        using var normalized = Normalize(input);
        return Inner.forward(normalized);
    }

    /// <summary>The last feature map of images in [0, 1].</summary>
    /// <param name="input">Images in [0, 1].</param>
    public Tensor features(Tensor input)
    {
        using var normalized = Normalize(input);
        return Inner.features(normalized);
    }

    /// <summary>The feature map after <paramref name="stage"/> of images in [0, 1].</summary>
    /// <param name="input">Images in [0, 1].</param>
    /// <param name="stage">One of <see cref="stage_names"/>.</param>
    public Tensor forward_until(Tensor input, string stage)
    {
        using var normalized = Normalize(input);
        return Inner.forward_until(normalized, stage);
    }

    /// <inheritdoc />
    public Tensor forward_from(Tensor feature, string stage) => Inner.forward_from(feature, stage);
}
