using AdvCam.Torch;

namespace AdvCam.Plugins.Perturbations.Blur;

/// <summary>The Gaussian blur kernel of DESIGN.md §6: <c>exp(-(x² + y²) / (2σ²))</c> at the integer offsets with
/// |x|, |y| ≤ ceil(3σ), normalised to sum 1. It is separable: <see cref="Build"/> is the outer product of
/// <see cref="Factor"/> with itself (up to float32 rounding), which the plugin applies as two one-dimensional
/// passes.</summary>
public static class GaussianKernel
{
    /// <summary>The half-width of the support, <c>ceil(3σ)</c>: beyond it the weights are below exp(-4.5) ≈ 1.1% of the
    /// centre's.</summary>
    /// <param name="sigma">The standard deviation in pixels.</param>
    public static long HalfWidth(double sigma) => (long)Math.Ceiling(3 * sigma);

    /// <summary>The kernel.</summary>
    /// <param name="sigma">The standard deviation in pixels: finite and positive.</param>
    /// <returns>A float32 [k, k] CPU tensor summing to 1, k = 2·ceil(3σ) + 1.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Sigma is not positive and finite, or the kernel would be wider than
    /// the largest accepted (1025 pixels).</exception>
    public static Tensor Build(double sigma)
    {
        KernelCanvas.RequireAtLeast(sigma, 0, nameof(sigma), inclusive: false);
        var half = HalfWidth(sigma);
        var canvas = new KernelCanvas(half, "Gaussian kernel of sigma " + sigma);
        var h = (int)half;
        for (var y = -h; y <= h; y++)
            for (var x = -h; x <= h; x++)
                canvas[x, y] = Math.Exp(-(x * x + y * y) / (2 * sigma * sigma));
        return canvas.ToNormalizedTensor();
    }

    /// <summary>The one-dimensional factor: <c>exp(-x² / (2σ²))</c> for |x| ≤ ceil(3σ), normalised to sum 1, so that
    /// <c>Build(σ)[y, x] = Factor(σ)[y] · Factor(σ)[x]</c>.</summary>
    /// <param name="sigma">The standard deviation in pixels: finite and positive.</param>
    /// <returns>A float32 [k] CPU tensor summing to 1, k = 2·ceil(3σ) + 1.</returns>
    /// <exception cref="ArgumentOutOfRangeException">As <see cref="Build"/>.</exception>
    public static Tensor Factor(double sigma)
    {
        KernelCanvas.RequireAtLeast(sigma, 0, nameof(sigma), inclusive: false);
        var half = HalfWidth(sigma);
        KernelCanvas.RequireSize(half, "Gaussian kernel of sigma " + sigma);
        var h = (int)half;
        var weights = new double[2 * h + 1];
        for (var x = -h; x <= h; x++) weights[x + h] = Math.Exp(-(x * x) / (2 * sigma * sigma));
        var total = weights.Sum();
        return torch.tensor(weights.Select(w => (float)(w / total)).ToArray(), [2 * h + 1]);
    }
}
