using AdvCam.Abstractions;
using AdvCam.Torch;

namespace AdvCam.Plugins.Perturbations.Blur;

/// <summary>
/// "camera-shake": a shaking hand-held camera, the random smooth trajectory of <see cref="CameraShakeKernel"/>, one
/// per image, drawn from the seed. Severity value <c>extent</c> (pixels: the trajectory's bounding box is
/// <c>extent - 1</c> pixels on its larger side).
/// </summary>
/// <remarks>
/// <para>Scaled ladder: extent = 0.10, 0.16, 0.22, 0.30, 0.40 of the image side, at least 1 (as motion-blur's
/// lengths). ImageNet-C has no camera shake: its <c>imagenet-c</c> ladder here is the scaled ladder at 224 pixels
/// (22.4, 35.84, 49.28, 67.2, 89.6), whatever the image size.</para>
/// <para>Image i of a batch takes its trajectory from SplitMix64 seeded by (seed, i): the same seed gives the same
/// kernels; another seed, others. At every level the same seed gives the same trajectory shape, scaled.</para>
/// </remarks>
public sealed class CameraShakePerturbation : BlurPerturbation
{
    /// <summary>The extents of the scaled ladder, as fractions of the image side.</summary>
    public static readonly IReadOnlyList<double> ExtentFractions = [0.10, 0.16, 0.22, 0.30, 0.40];

    /// <summary>The image side at which the <c>imagenet-c</c> ladder evaluates the scaled fractions.</summary>
    public const int ImageNetCSize = 224;

    /// <summary>Creates the plugin (the loader calls this).</summary>
    public CameraShakePerturbation()
        : base("camera-shake",
            "Camera-shake blur: a seeded random smooth trajectory (Catmull-Rom spline through random control points) per " +
            "image. Five levels; ladder 'scaled' (extent 10%..40% of the image side) or 'imagenet-c' (the same fractions " +
            "of 224 px; ImageNet-C has no camera shake).")
    {
    }

    /// <inheritdoc/>
    protected override IReadOnlyList<Severity> Scaled(int imageSize) =>
        Fractions(imageSize, ExtentFractions, minimum: 1)
            .Select((e, i) => new Severity(i + 1, $"extent={Format(e)}", ("extent", e))).ToArray();

    /// <inheritdoc/>
    protected override IReadOnlyList<Severity> ImageNetC() => Scaled(ImageNetCSize);

    /// <inheritdoc/>
    protected override Tensor Kernels(Severity severity, long count, long seed)
    {
        var extent = severity["extent"];
        return KernelBatch.Build(count, i => CameraShakeKernel.Draw(extent, Random(seed, i)));
    }
}
