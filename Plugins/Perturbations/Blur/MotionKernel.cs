using System.Globalization;
using AdvCam.Torch;

namespace AdvCam.Plugins.Perturbations.Blur;

/// <summary>
/// The linear motion kernel of DESIGN.md §6: a straight line of length L through the centre at angle θ, drawn by
/// sampling it densely and sharing each sample among its four nearest pixels by bilinear weights, normalised to sum 1.
/// </summary>
/// <remarks>
/// <para>The line runs from <c>-(L - 1)/2</c> to <c>+(L - 1)/2</c> along the direction (cos θ, sin θ), θ in degrees
/// counter-clockwise from the x axis (to the right) with y up, so that at 0° or 90° it passes through exactly L pixel
/// centres when L is odd (the two end pixels get half the weight of the others, as bilinear sampling of a segment that
/// ends on a pixel centre gives). L = 1 is the identity. The samples are <see cref="SamplesPerPixel"/> per pixel of
/// length, equally spaced and equally weighted (a uniform exposure along the path). The kernel's half-width is
/// ceil((L - 1)/2).</para>
/// </remarks>
public static class MotionKernel
{
    /// <summary>Samples per pixel of line length.</summary>
    public const int SamplesPerPixel = 32;

    /// <summary>The kernel.</summary>
    /// <param name="length">The line's length in pixels: finite, at least 1.</param>
    /// <param name="angleDegrees">The direction in degrees, counter-clockwise from the x axis: finite.</param>
    /// <returns>A float32 [k, k] CPU tensor summing to 1, k = 2·ceil((L - 1)/2) + 1.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is out of range (the message names it), or the kernel
    /// would be wider than the largest accepted (1025 pixels).</exception>
    public static Tensor Build(double length, double angleDegrees) => Draw(length, angleDegrees).ToNormalizedTensor();

    /// <summary>The kernel's grid, not yet normalised (see <see cref="Build"/>).</summary>
    internal static KernelCanvas Draw(double length, double angleDegrees)
    {
        KernelCanvas.RequireAtLeast(length, 1, nameof(length));
        if (!double.IsFinite(angleDegrees))
            throw new ArgumentOutOfRangeException(nameof(angleDegrees), angleDegrees,
                string.Create(CultureInfo.InvariantCulture, $"{nameof(angleDegrees)} must be a finite number; got {angleDegrees}"));
        var reach = (length - 1) / 2;
        var canvas = new KernelCanvas((long)Math.Ceiling(reach),
            string.Create(CultureInfo.InvariantCulture, $"motion kernel of length {length}"));
        var (sin, cos) = Math.SinCos(angleDegrees * Math.PI / 180);
        sin = Snap(sin);
        cos = Snap(cos);
        var n = Math.Max(2, (long)Math.Ceiling((length - 1) * SamplesPerPixel) + 1);
        for (long i = 0; i < n; i++)
        {
            // (2i - (n - 1)) is an exact integer, so sample i and sample n - 1 - i are exact mirror images.
            var t = (2.0 * i - (n - 1)) / (n - 1) * reach;
            canvas.Splat(t * cos, t * sin, 1);
        }
        return canvas;
    }

    /// <summary>Rounds the floating-point residue of sin/cos at multiples of 90° to exactly 0, so that axis-aligned
    /// lines stay on one row or column.</summary>
    private static double Snap(double value) => Math.Abs(value) < 1e-12 ? 0 : value;
}
