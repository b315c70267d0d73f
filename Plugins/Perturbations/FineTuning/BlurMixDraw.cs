using AdvCam.Plugins.Perturbations.Blur;
using AdvCam.Torch;

namespace AdvCam.Plugins.Perturbations.FineTuning;

/// <summary>
/// What blur-mix drew for one training image: sharp (<see cref="Family"/> null), or a kernel family with its strength.
/// </summary>
/// <param name="Family">The family, or null when the image stays sharp.</param>
/// <param name="Strength">Defocus radius, Gaussian sigma, motion length or camera-shake extent, in pixels (0 when sharp).</param>
/// <param name="AngleDegrees">The motion's direction in [0, 180) degrees (drawn for every image, used by motion only).</param>
/// <param name="TrajectorySeed">The camera-shake trajectory's seed (drawn for every image, used by camera shake only).</param>
public sealed record BlurMixDraw(BlurFamily? Family, double Strength, double AngleDegrees, long TrajectorySeed)
{
    /// <summary>The kernel of this draw: a float32 [k, k] CPU tensor summing to 1 (the 1 × 1 identity when sharp).</summary>
    public Tensor Kernel() => Family switch
    {
        null => torch.ones([1, 1]),
        BlurFamily.Defocus => DefocusKernel.Build(Strength, DefocusKernel.DefaultAliasSigma),
        BlurFamily.Gaussian => GaussianKernel.Build(Strength),
        BlurFamily.Motion => MotionKernel.Build(Strength, AngleDegrees),
        BlurFamily.CameraShake => CameraShakeKernel.Build(Strength, TrajectorySeed),
        _ => throw new ArgumentOutOfRangeException(nameof(Family), Family, null),
    };
}
