using System.Globalization;
using AdvCam.Abstractions;
using AdvCam.Torch;

namespace AdvCam.Plugins.Perturbations.Blur;

/// <summary>
/// "motion-blur": a straight camera or object motion, the line kernel of <see cref="MotionKernel"/>. Severity value
/// <c>length</c> (pixels); parameter <c>angle</c>: degrees counter-clockwise from the x axis, or <c>random</c> (the
/// default) for an angle per image drawn uniformly in [0°, 180°) from the seed.
/// </summary>
/// <remarks>
/// <para>Scaled ladder: length = 0.10, 0.16, 0.22, 0.30, 0.40 of the image side, at least 1 (28 px: 2.8, 4.48, 6.16,
/// 8.4, 11.2). ImageNet-C ladder: its (radius, sigma) = (10, 3), (15, 5), (15, 8), (15, 12), (20, 15), translated to a
/// uniform line of length ≈ radius (10, 15, 15, 15, 20 pixels). ImageNet-C's kernel (ImageMagick's motion blur) is a
/// one-sided line of that radius with Gaussian weights of that sigma along it; the translation keeps the reach and
/// drops the weighting, so levels 2 to 4 share one kernel here. The sigma is kept as the value
/// <c>imagenet_c_sigma</c> for reports.</para>
/// <para>With <c>angle</c> = <c>random</c>, image i of a batch takes its angle from SplitMix64 seeded by (seed, i):
/// the same seed gives the same angles.</para>
/// </remarks>
public sealed class MotionBlurPerturbation : BlurPerturbation
{
    /// <summary>The name of the parameter that gives the angle.</summary>
    public const string AngleParameter = "angle";

    /// <summary>The value of <see cref="AngleParameter"/> that draws an angle per image.</summary>
    public const string RandomAngle = "random";

    /// <summary>The lengths of the scaled ladder, as fractions of the image side.</summary>
    public static readonly IReadOnlyList<double> LengthFractions = [0.10, 0.16, 0.22, 0.30, 0.40];

    private static readonly (double Radius, double Sigma)[] ImageNetCLevels = [(10, 3), (15, 5), (15, 8), (15, 12), (20, 15)];

    /// <summary>Creates the plugin (the loader calls this).</summary>
    public MotionBlurPerturbation()
        : base("motion-blur",
            "Linear motion blur: a line of the level's length through the centre. Five levels; ladder 'scaled' (length " +
            "10%..40% of the image side) or 'imagenet-c' (length = ImageNet-C's radius, 10..20 px). 'angle': degrees, " +
            "or 'random' for a seeded angle per image.",
            new PluginParameter(AngleParameter,
                $"direction of the motion in degrees counter-clockwise from the x axis, or '{RandomAngle}' for a seeded angle per image in [0, 180)",
                RandomAngle, PluginValueKind.Text))
    {
    }

    /// <summary>The fixed angle in degrees, or null for a random angle per image.</summary>
    public double? Angle
    {
        get
        {
            var text = GetText(AngleParameter).Trim();
            if (text.Equals(RandomAngle, StringComparison.OrdinalIgnoreCase)) return null;
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var degrees) && double.IsFinite(degrees))
                return degrees;
            throw InvalidValue(AngleParameter, $"must be a finite number of degrees or '{RandomAngle}'");
        }
    }

    /// <inheritdoc/>
    protected override IReadOnlyList<Severity> Scaled(int imageSize) =>
        Fractions(imageSize, LengthFractions, minimum: 1)
            .Select((l, i) => new Severity(i + 1, $"length={Format(l)}", ("length", l))).ToArray();

    /// <inheritdoc/>
    protected override IReadOnlyList<Severity> ImageNetC() =>
        ImageNetCLevels.Select((l, i) => new Severity(i + 1, $"radius={Format(l.Radius)},sigma={Format(l.Sigma)}",
            ("length", l.Radius), ("imagenet_c_sigma", l.Sigma))).ToArray();

    /// <inheritdoc/>
    protected override Tensor Kernels(Severity severity, long count, long seed)
    {
        var length = severity["length"];
        if (Angle is { } angle) return MotionKernel.Build(length, angle);
        return KernelBatch.Build(count, i => MotionKernel.Draw(length, 180 * Random(seed, i).NextDouble()));
    }

    /// <inheritdoc/>
    protected override void Validate()
    {
        base.Validate();
        _ = Angle;
    }
}
