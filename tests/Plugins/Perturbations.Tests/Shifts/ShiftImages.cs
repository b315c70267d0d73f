namespace AdvCam.Plugins.Perturbations.Tests.Shifts;

/// <summary>
/// Images for the shift tests and an independent reference: the translation computed by index arithmetic over a
/// managed array, element by element, without libtorch.
/// </summary>
internal static class ShiftImages
{
    /// <summary>
    /// The hand-worked 1 x 1 x 3 x 4 image, values k / 16 (exact in float32):
    /// <code>
    ///  1  2  3  4
    ///  5  6  7  8
    ///  9 10 11 12   (/ 16)
    /// </code>
    /// </summary>
    public static Tensor Grid() => torch.tensor(Sixteenths(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12), [1, 1, 3, 4]);

    /// <summary>Values in sixteenths, as float32.</summary>
    public static float[] Sixteenths(params int[] numerators) => numerators.Select(n => n / 16f).ToArray();

    /// <summary>An N x C x H x W float32 image whose values are all distinct, in (0, 1).</summary>
    public static Tensor Distinct(long n, long c, long h, long w)
    {
        var count = n * c * h * w;
        var values = Enumerable.Range(1, (int)count).Select(i => (float)i / (count + 1)).ToArray();
        return torch.tensor(values, [n, c, h, w]);
    }

    /// <summary>
    /// <paramref name="images"/> (read back as float32) with its content moved <paramref name="dx"/> columns right and
    /// <paramref name="dy"/> rows down: cyclic (indices wrap) or with the source index clamped to the image (the edge
    /// row/column replicated).
    /// </summary>
    public static float[] Reference(Tensor images, long dx, long dy, bool cyclic)
    {
        var shape = images.shape;
        long n = shape[0], c = shape[1], h = shape[2], w = shape[3];
        var input = images.ToArray<float>();
        var output = new float[input.Length];
        for (long plane = 0; plane < n * c; plane++)
            for (long y = 0; y < h; y++)
                for (long x = 0; x < w; x++)
                {
                    var sy = cyclic ? Mod(y - dy, h) : Math.Clamp(y - dy, 0, h - 1);
                    var sx = cyclic ? Mod(x - dx, w) : Math.Clamp(x - dx, 0, w - 1);
                    output[(plane * h + y) * w + x] = input[(plane * h + sy) * w + sx];
                }
        return output;
    }

    private static long Mod(long a, long m) => ((a % m) + m) % m;
}
