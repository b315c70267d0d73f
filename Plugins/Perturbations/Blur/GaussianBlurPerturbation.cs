using AdvCam.Abstractions;
using AdvCam.Torch;

namespace AdvCam.Plugins.Perturbations.Blur;

/// <summary>"gaussian-blur": the Gaussian kernel of <see cref="GaussianKernel"/>. Severity value <c>sigma</c> (pixels).</summary>
/// <remarks>
/// <para>Scaled ladder: sigma = 0.02, 0.035, 0.05, 0.07, 0.10 of the image side (28 px: 0.56, 0.98, 1.4, 1.96, 2.8).
/// ImageNet-C ladder: sigma = 1, 2, 3, 4, 6.</para>
/// <para>No randomness: the seed is ignored.</para>
/// </remarks>
public sealed class GaussianBlurPerturbation : BlurPerturbation
{
    /// <summary>The sigmas of the scaled ladder, as fractions of the image side.</summary>
    public static readonly IReadOnlyList<double> SigmaFractions = [0.02, 0.035, 0.05, 0.07, 0.10];

    private static readonly double[] ImageNetCSigmas = [1, 2, 3, 4, 6];

    /// <summary>Creates the plugin (the loader calls this).</summary>
    public GaussianBlurPerturbation()
        : base("gaussian-blur",
            "Gaussian blur (support +-ceil(3 sigma)). Five levels; ladder 'scaled' (sigma 2%..10% of the image side) or " +
            "'imagenet-c' (sigma 1..6 px). No randomness.")
    {
    }

    /// <inheritdoc/>
    protected override IReadOnlyList<Severity> Scaled(int imageSize) =>
        Fractions(imageSize, SigmaFractions).Select((s, i) => Level(i + 1, s)).ToArray();

    /// <inheritdoc/>
    protected override IReadOnlyList<Severity> ImageNetC() => ImageNetCSigmas.Select((s, i) => Level(i + 1, s)).ToArray();

    /// <inheritdoc/>
    protected override Tensor Kernels(Severity severity, long count, long seed) => GaussianKernel.Build(severity["sigma"]);

    /// <inheritdoc/>
    /// <remarks>The Gaussian is separable: two one-dimensional passes of <see cref="GaussianKernel.Factor"/>
    /// (<see cref="DepthwiseBlur.ApplySeparable"/>), equal to the two-dimensional kernel up to float rounding.</remarks>
    protected override Tensor Blur(Tensor images, Severity severity, long seed)
    {
        using var scope = torch.NewDisposeScope();
        var factor = GaussianKernel.Factor(severity["sigma"]);
        return scope.MoveToOuter(DepthwiseBlur.ApplySeparable(images, factor, factor));
    }

    private static Severity Level(int level, double sigma) => new(level, $"sigma={Format(sigma)}", ("sigma", sigma));
}
