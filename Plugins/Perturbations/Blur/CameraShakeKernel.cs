using System.Globalization;
using AdvCam.Torch;

namespace AdvCam.Plugins.Perturbations.Blur;

/// <summary>
/// The camera-shake kernel of DESIGN.md §6: the path of a shaking camera during the exposure, a smooth random
/// trajectory drawn from a seed, sampled densely with bilinear weights per visited pixel and normalised to sum 1.
/// </summary>
/// <remarks>
/// <para>The recipe: (1) <see cref="ControlPoints"/> control points by a random walk from (0, 0): the first heading is
/// uniform in [0, 2π), each later one turns by a uniform angle in ±<see cref="MaxTurn"/> radians, each step is uniform
/// in [0.5, 1); (2) a uniform Catmull-Rom spline through them (the end tangents from mirrored phantom points),
/// <see cref="SamplesPerSegment"/> equally spaced parameter values per segment, each sample weighted equally, so the
/// kernel is heavier where the camera moves slowly, as an exposure is; (3) the samples are scaled so that the larger
/// side of their bounding box is <c>extent - 1</c> pixels and centred on the box's midpoint; (4) each sample is shared
/// among its four nearest pixels by bilinear weights, and the grid of half-width ceil((extent - 1)/2) is normalised.
/// Extent 1 is the identity.</para>
/// <para>The random numbers come from SplitMix64 seeded with the seed, so a seed gives the same kernel on every machine.</para>
/// </remarks>
public static class CameraShakeKernel
{
    /// <summary>The number of random control points of the trajectory.</summary>
    public const int ControlPoints = 6;

    /// <summary>The largest turn between consecutive steps of the random walk, in radians.</summary>
    public const double MaxTurn = 1.2;

    /// <summary>Samples of the spline per segment between control points.</summary>
    public const int SamplesPerSegment = 64;

    /// <summary>The kernel for <paramref name="seed"/>.</summary>
    /// <param name="extent">The trajectory's size: the larger side of its bounding box is <c>extent - 1</c> pixels;
    /// finite, at least 1.</param>
    /// <param name="seed">Chooses the trajectory.</param>
    /// <returns>A float32 [k, k] CPU tensor summing to 1, k = 2·ceil((extent - 1)/2) + 1.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The extent is out of range, or the kernel would be wider than the
    /// largest accepted (1025 pixels).</exception>
    public static Tensor Build(double extent, long seed) => Build(extent, SplitMix64.For(seed, 0));

    /// <summary>The kernel drawn from <paramref name="random"/>.</summary>
    internal static Tensor Build(double extent, SplitMix64 random) => Draw(extent, random).ToNormalizedTensor();

    /// <summary>The grid of the kernel drawn from <paramref name="random"/>, not yet normalised.</summary>
    internal static KernelCanvas Draw(double extent, SplitMix64 random)
    {
        KernelCanvas.RequireAtLeast(extent, 1, nameof(extent));
        var reach = (extent - 1) / 2;
        var canvas = new KernelCanvas((long)Math.Ceiling(reach),
            string.Create(CultureInfo.InvariantCulture, $"camera-shake kernel of extent {extent}"));

        var points = new (double X, double Y)[ControlPoints];
        var heading = 2 * Math.PI * random.NextDouble();
        for (var i = 1; i < ControlPoints; i++)
        {
            if (i > 1) heading += (2 * random.NextDouble() - 1) * MaxTurn;
            var step = 0.5 + 0.5 * random.NextDouble();
            points[i] = (points[i - 1].X + step * Math.Cos(heading), points[i - 1].Y + step * Math.Sin(heading));
        }

        var samples = new List<(double X, double Y)>((ControlPoints - 1) * SamplesPerSegment + 1);
        for (var s = 0; s < ControlPoints - 1; s++)
        {
            var p0 = s == 0 ? Mirror(points[0], points[1]) : points[s - 1];
            var p3 = s == ControlPoints - 2 ? Mirror(points[s + 1], points[s]) : points[s + 2];
            var last = s == ControlPoints - 2 ? SamplesPerSegment : SamplesPerSegment - 1;
            for (var j = 0; j <= last; j++)
                samples.Add(CatmullRom(p0, points[s], points[s + 1], p3, (double)j / SamplesPerSegment));
        }

        double minX = samples.Min(p => p.X), maxX = samples.Max(p => p.X);
        double minY = samples.Min(p => p.Y), maxY = samples.Max(p => p.Y);
        var side = Math.Max(maxX - minX, maxY - minY);
        var scale = side > 0 ? 2 * reach / side : 0;
        double cx = (minX + maxX) / 2, cy = (minY + maxY) / 2;
        foreach (var (x, y) in samples)
            canvas.Splat((x - cx) * scale, (y - cy) * scale, 1);
        return canvas;
    }

    private static (double X, double Y) Mirror((double X, double Y) end, (double X, double Y) next) =>
        (2 * end.X - next.X, 2 * end.Y - next.Y);

    private static (double X, double Y) CatmullRom((double X, double Y) p0, (double X, double Y) p1,
        (double X, double Y) p2, (double X, double Y) p3, double t)
    {
        double t2 = t * t, t3 = t2 * t;
        double Axis(double a, double b, double c, double d) =>
            0.5 * (2 * b + (-a + c) * t + (2 * a - 5 * b + 4 * c - d) * t2 + (-a + 3 * b - 3 * c + d) * t3);
        return (Axis(p0.X, p1.X, p2.X, p3.X), Axis(p0.Y, p1.Y, p2.Y, p3.Y));
    }
}
