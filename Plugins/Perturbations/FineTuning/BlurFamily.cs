namespace AdvCam.Plugins.Perturbations.FineTuning;

/// <summary>The blur kernel families blur-mix fine-tuning draws from (DESIGN.md §6, blur kernels).</summary>
public enum BlurFamily
{
    /// <summary><c>defocus</c>: the anti-aliased disk of <see cref="Blur.DefocusKernel"/>; strength = radius.</summary>
    Defocus,

    /// <summary><c>gaussian</c>: <see cref="Blur.GaussianKernel"/>; strength = sigma.</summary>
    Gaussian,

    /// <summary><c>motion</c>: the line of <see cref="Blur.MotionKernel"/>; strength = length, at a random angle.</summary>
    Motion,

    /// <summary><c>camera-shake</c>: a random trajectory of <see cref="Blur.CameraShakeKernel"/>; strength = extent.</summary>
    CameraShake,
}
