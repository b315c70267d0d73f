using AdvCam.Abstractions;
using AdvCam.Torch;

namespace AdvCam.Plugins.Perturbations.Blur;

/// <summary>
/// "defocus-blur": an out-of-focus lens, the anti-aliased disk of <see cref="DefocusKernel"/>. Severity values
/// <c>radius</c> and <c>alias_sigma</c> (pixels).
/// </summary>
/// <remarks>
/// <para>Scaled ladder: radius = 0.02, 0.04, 0.07, 0.10, 0.14 of the image side (28 px: 0.56, 1.12, 1.96, 2.8, 3.92),
/// alias sigma 0.5. Below radius 1 the disk is the centre pixel alone and the blur is the anti-aliasing Gaussian's (the
/// mildest level at 28 px). ImageNet-C ladder: (radius, alias sigma) = (3, 0.1), (4, 0.5), (6, 0.5), (8, 0.5), (10, 0.5).</para>
/// <para>No randomness: the seed is ignored.</para>
/// </remarks>
public sealed class DefocusBlurPerturbation : BlurPerturbation
{
    /// <summary>The radii of the scaled ladder, as fractions of the image side.</summary>
    public static readonly IReadOnlyList<double> RadiusFractions = [0.02, 0.04, 0.07, 0.10, 0.14];

    private static readonly (double Radius, double Alias)[] ImageNetCLevels = [(3, 0.1), (4, 0.5), (6, 0.5), (8, 0.5), (10, 0.5)];

    /// <summary>Creates the plugin (the loader calls this).</summary>
    public DefocusBlurPerturbation()
        : base("defocus-blur",
            "Defocus blur: convolves with a uniform disk anti-aliased by a small Gaussian, as ImageNet-C. Five levels; " +
            "ladder 'scaled' (radius 2%..14% of the image side) or 'imagenet-c' (radius 3..10 px). No randomness.")
    {
    }

    /// <inheritdoc/>
    protected override IReadOnlyList<Severity> Scaled(int imageSize) =>
        Fractions(imageSize, RadiusFractions).Select((r, i) => Level(i + 1, r, DefocusKernel.DefaultAliasSigma)).ToArray();

    /// <inheritdoc/>
    protected override IReadOnlyList<Severity> ImageNetC() =>
        ImageNetCLevels.Select((l, i) => Level(i + 1, l.Radius, l.Alias)).ToArray();

    /// <inheritdoc/>
    protected override Tensor Kernels(Severity severity, long count, long seed) =>
        DefocusKernel.Build(severity["radius"], severity["alias_sigma"]);

    private static Severity Level(int level, double radius, double alias) =>
        new(level, $"radius={Format(radius)}", ("radius", radius), ("alias_sigma", alias));
}
