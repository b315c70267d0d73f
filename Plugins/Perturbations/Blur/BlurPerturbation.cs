using System.Globalization;
using AdvCam.Abstractions;
using AdvCam.Torch;

namespace AdvCam.Plugins.Perturbations.Blur;

/// <summary>
/// What the four blur plugins share (DESIGN.md §6, blur kernels): five severities from one of two ladders (parameter
/// <c>ladder</c>, see <see cref="BlurLadder"/>), the checks of <see cref="Apply"/>, and the application of the kernels
/// by <see cref="DepthwiseBlur"/> (depthwise convolution, direct or by FFT, reflect padding, clamped to [0, 1]). The derived class gives
/// the ladders' values and builds the kernels.
/// </summary>
public abstract class BlurPerturbation : PluginBase, IImagePerturbation
{
    /// <summary>The name of the parameter that chooses the ladder: <c>scaled</c> (default) or <c>imagenet-c</c>.</summary>
    public const string LadderParameter = "ladder";

    /// <summary>The text of <see cref="BlurLadder.Scaled"/>.</summary>
    public const string ScaledLadder = "scaled";

    /// <summary>The text of <see cref="BlurLadder.ImageNetC"/>.</summary>
    public const string ImageNetCLadder = "imagenet-c";

    /// <summary>Declares the plugin with the <c>ladder</c> parameter and the derived class's own.</summary>
    /// <param name="name">The plugin's name.</param>
    /// <param name="description">What it does.</param>
    /// <param name="parameters">Further parameters.</param>
    protected BlurPerturbation(string name, string description, params PluginParameter[] parameters)
        : base(name, description,
            [
                new PluginParameter(LadderParameter,
                    $"severity ladder: '{ScaledLadder}' (kernel sizes as fractions of the image side) or '{ImageNetCLadder}' (ImageNet-C's parameters for 224-pixel images)",
                    ScaledLadder, PluginValueKind.Text),
                .. parameters,
            ])
    {
    }

    /// <summary>The ladder in force.</summary>
    public BlurLadder Ladder =>
        GetText(LadderParameter).Trim().ToLowerInvariant() switch
        {
            ScaledLadder => BlurLadder.Scaled,
            ImageNetCLadder => BlurLadder.ImageNetC,
            _ => throw InvalidValue(LadderParameter, $"must be '{ScaledLadder}' or '{ImageNetCLadder}'"),
        };

    /// <inheritdoc/>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="imageSize"/> is not positive.</exception>
    public IReadOnlyList<Severity> Severities(int imageSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(imageSize);
        return Ladder == BlurLadder.Scaled ? Scaled(imageSize) : ImageNetC();
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">The images are not a floating-point [N, C, H, W] tensor, the severity is not
    /// one of <see cref="Severities"/> for the images' height or width, or its kernel is not smaller than the images
    /// (reflect padding needs it); the message names it.</exception>
    public Tensor Apply(Tensor images, Severity severity, long seed)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(severity);
        if (images.dim() != 4)
            throw new ArgumentException($"{Name}: images must be [N, C, H, W]; got shape {images.ShapeText}", nameof(images));
        if (!images.dtype.IsFloatingPoint())
            throw new ArgumentException($"{Name}: images must be floating point in [0, 1]; got {images.dtype}", nameof(images));
        long height = images.size(2), width = images.size(3);
        var offered = Severities((int)Math.Min(height, int.MaxValue)).Concat(Severities((int)Math.Min(width, int.MaxValue))).ToList();
        if (!offered.Contains(severity))
            throw new ArgumentException(
                $"{Name}: severity '{severity}' is not one this perturbation offers for images of shape {images.ShapeText} " +
                $"with {LadderParameter}={GetText(LadderParameter)}; it offers " + string.Join(", ", offered.Distinct().Select(s => $"'{s}'")),
                nameof(severity));
        using var scope = torch.NewDisposeScope();
        try
        {
            return scope.MoveToOuter(Blur(images, severity, seed));
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"{Name}: severity '{severity}': {e.Message}", nameof(severity), e);
        }
    }

    /// <summary>The kernels <see cref="Apply"/> convolves <paramref name="count"/> images with at
    /// <paramref name="severity"/> and <paramref name="seed"/>: one float32 [k, k] CPU tensor for the batch, or
    /// [N, k, k], one per image (for reports and for benchmarks that hand the same kernels to another library).</summary>
    /// <param name="severity">A severity of this plugin.</param>
    /// <param name="count">The number of images N (at least 1).</param>
    /// <param name="seed">The seed.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is not positive.</exception>
    public Tensor KernelsOf(Severity severity, long count, long seed)
    {
        ArgumentNullException.ThrowIfNull(severity);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        return Kernels(severity, count, seed);
    }

    /// <summary>The five severities of the scaled ladder for images of <paramref name="imageSize"/> pixels.</summary>
    /// <param name="imageSize">The image side in pixels (positive).</param>
    protected abstract IReadOnlyList<Severity> Scaled(int imageSize);

    /// <summary>The five severities of ImageNet-C's ladder (for 224-pixel images).</summary>
    protected abstract IReadOnlyList<Severity> ImageNetC();

    /// <summary>The kernels for <paramref name="severity"/>: one float32 [k, k] for the batch, or [N, k, k], one per
    /// image, drawn from <paramref name="seed"/> where the perturbation is random.</summary>
    /// <param name="severity">One of <see cref="Severities"/>.</param>
    /// <param name="count">The number of images N.</param>
    /// <param name="seed">The seed given to <see cref="Apply"/>.</param>
    protected abstract Tensor Kernels(Severity severity, long count, long seed);

    /// <summary>Applies <paramref name="severity"/> to checked images: by default the kernels of <see cref="Kernels"/>
    /// through <see cref="DepthwiseBlur.Apply"/> (which picks the direct or FFT convolution by the kernel's size); a
    /// family with a cheaper exact form (the separable Gaussian) overrides it.</summary>
    /// <param name="images">Floating-point images [N, C, H, W]; not modified.</param>
    /// <param name="severity">One of <see cref="Severities"/> for the images.</param>
    /// <param name="seed">The seed given to <see cref="Apply"/>.</param>
    /// <returns>A new tensor of the images' shape, dtype and device, in [0, 1].</returns>
    /// <exception cref="ArgumentException">A kernel does not fit the images.</exception>
    protected virtual Tensor Blur(Tensor images, Severity severity, long seed) =>
        DepthwiseBlur.Apply(images, Kernels(severity, images.size(0), seed));

    /// <inheritdoc/>
    protected override void Validate() => _ = Ladder;

    /// <summary>The five scaled values <c>fraction * imageSize</c>, at least <paramref name="minimum"/>, rounded to
    /// 1e-6 so labels stay short.</summary>
    protected static double[] Fractions(int imageSize, IReadOnlyList<double> fractions, double minimum = 0) =>
        fractions.Select(f => Math.Max(minimum, Math.Round(f * imageSize, 6))).ToArray();

    /// <summary>Formats a number for a label: invariant culture, up to 3 decimals.</summary>
    protected static string Format(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>The stream of random numbers for image <paramref name="index"/> of a batch perturbed with
    /// <paramref name="seed"/> (SplitMix64), the same on every machine.</summary>
    internal static SplitMix64 Random(long seed, long index) => SplitMix64.For(seed, index);
}
