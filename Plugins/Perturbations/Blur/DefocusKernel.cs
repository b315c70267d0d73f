using AdvCam.Torch;

namespace AdvCam.Plugins.Perturbations.Blur;

/// <summary>
/// The defocus kernel of DESIGN.md §6: a uniform disk of radius r (the pixels with x² + y² ≤ r²), anti-aliased by a
/// small Gaussian as ImageNet-C's <c>disk(radius, alias_blur)</c> does.
/// </summary>
/// <remarks>
/// <para>The recipe, step by step: (1) on a grid of half-width <c>ceil(r) + a</c>, set 1 at every pixel offset (x, y)
/// with x² + y² ≤ r², 0 elsewhere, and divide by the count; (2) convolve that with a Gaussian of sigma
/// <c>aliasSigma</c> sampled on a (2a + 1) × (2a + 1) square and normalised to sum 1, where a =
/// <see cref="AliasHalfWidth"/> (1 for r ≤ 8, 2 above: ImageNet-C's <c>ksize</c> of 3 or 5); (3) divide by the sum.</para>
/// <para>ImageNet-C draws the disk on a grid of at least 17 pixels and lets OpenCV's <c>GaussianBlur</c> reflect at the
/// grid's edge; here the grid is just wide enough for the Gaussian to spread the disk without reaching the edge, so no
/// weight is folded back. The extra zeros of a wider grid change no convolution, and inside the grid the two agree.
/// ImageNet-C's severities use alias sigma 0.1 (level 1, practically no smoothing) and 0.5.</para>
/// </remarks>
public static class DefocusKernel
{
    /// <summary>The alias sigma of ImageNet-C's defocus levels 2 to 5, used by the scaled ladder.</summary>
    public const double DefaultAliasSigma = 0.5;

    /// <summary>The half-width of the anti-aliasing Gaussian's square for a disk of <paramref name="radius"/>: 1 up to
    /// radius 8, 2 above (ImageNet-C's kernel sizes 3 and 5).</summary>
    /// <param name="radius">The disk's radius in pixels.</param>
    public static int AliasHalfWidth(double radius) => radius <= 8 ? 1 : 2;

    /// <summary>The plain disk (step 1 of the recipe, no anti-aliasing): 1 / count at the pixels with x² + y² ≤ r²,
    /// 0 elsewhere, on a grid of half-width <c>ceil(r)</c>.</summary>
    /// <param name="radius">The radius in pixels: finite and positive.</param>
    /// <returns>A float32 [k, k] CPU tensor summing to 1, k = 2·ceil(r) + 1.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The radius is not positive and finite, or the kernel would be
    /// wider than the largest accepted (1025 pixels).</exception>
    public static Tensor Disk(double radius)
    {
        KernelCanvas.RequireAtLeast(radius, 0, nameof(radius), inclusive: false);
        return DrawDisk(radius, (long)Math.Ceiling(radius), "defocus disk of radius " + radius).ToNormalizedTensor();
    }

    /// <summary>The anti-aliased defocus kernel (the whole recipe).</summary>
    /// <param name="radius">The disk's radius in pixels: finite and positive.</param>
    /// <param name="aliasSigma">The anti-aliasing Gaussian's sigma in pixels: finite, 0 (none) or more.</param>
    /// <returns>A float32 [k, k] CPU tensor summing to 1, k = 2·(ceil(r) + a) + 1.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is out of range (the message names it), or the kernel
    /// would be wider than the largest accepted (1025 pixels).</exception>
    public static Tensor Build(double radius, double aliasSigma = DefaultAliasSigma)
    {
        KernelCanvas.RequireAtLeast(radius, 0, nameof(radius), inclusive: false);
        KernelCanvas.RequireAtLeast(aliasSigma, 0, nameof(aliasSigma));
        var a = AliasHalfWidth(radius);
        var disk = DrawDisk(radius, (long)Math.Ceiling(radius) + a, "defocus kernel of radius " + radius);
        if (aliasSigma == 0) return disk.ToNormalizedTensor();

        var alias = new double[2 * a + 1, 2 * a + 1];
        for (var dy = -a; dy <= a; dy++)
            for (var dx = -a; dx <= a; dx++)
                alias[dy + a, dx + a] = Math.Exp(-(dx * dx + dy * dy) / (2 * aliasSigma * aliasSigma));
        var smoothed = new KernelCanvas(disk.Half, "defocus kernel");
        var reach = disk.Half - a;
        for (var y = -reach; y <= reach; y++)
            for (var x = -reach; x <= reach; x++)
            {
                var w = disk[x, y];
                if (w == 0) continue;
                for (var dy = -a; dy <= a; dy++)
                    for (var dx = -a; dx <= a; dx++)
                        smoothed[x + dx, y + dy] += w * alias[dy + a, dx + a];
            }
        return smoothed.ToNormalizedTensor();
    }

    private static KernelCanvas DrawDisk(double radius, long half, string what)
    {
        var canvas = new KernelCanvas(half, what);
        var r = (int)Math.Ceiling(radius);
        for (var y = -r; y <= r; y++)
            for (var x = -r; x <= r; x++)
                if (x * x + y * y <= radius * radius) canvas[x, y] = 1;
        return canvas;
    }
}
