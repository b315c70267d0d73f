namespace AdvCam.Plugins.Perturbations.Tests.Defenses;

/// <summary>
/// An independent reference for crop selection: the score of every offset summed element by element over a managed
/// array (indices wrapping when cyclic), each pixel weighted by the Gaussian window <c>g(y) · g(x)</c>,
/// <c>g(t) = exp(-(t - (L - 1) / 2)² / (2 (L / 4)²))</c> computed here afresh, the argmax by a plain scan (first maximum
/// wins) and the crop by index arithmetic, without libtorch.
/// </summary>
internal static class CropReference
{
    /// <summary>The selected offset of image <paramref name="index"/> of a float32 [N, C, H, W] array.</summary>
    public static (long Dy, long Dx) Offset(float[] values, long[] shape, long index, long margin, bool cyclic)
    {
        long c = shape[1], h = shape[2], w = shape[3];
        long ch = h - 2 * margin, cw = w - 2 * margin;
        long rows = cyclic ? h : 2 * margin + 1, cols = cyclic ? w : 2 * margin + 1;
        var best = (Dy: 0L, Dx: 0L);
        var bestScore = double.NegativeInfinity;
        for (long dy = 0; dy < rows; dy++)
            for (long dx = 0; dx < cols; dx++)
            {
                var score = 0.0;
                // Window weight of crop row y and column x, from its own formula (not CropSelection.Window).
                for (long k = 0; k < c; k++)
                    for (long y = 0; y < ch; y++)
                        for (long x = 0; x < cw; x++)
                            score += values[((index * c + k) * h + (dy + y) % h) * w + (dx + x) % w] * Weight(y, ch) * Weight(x, cw);
                if (score > bestScore)
                {
                    bestScore = score;
                    best = (dy, dx);
                }
            }
        return best;
    }

    /// <summary>The 1-D Gaussian weight of position <paramref name="t"/> in a crop side of <paramref name="length"/>.</summary>
    public static double Weight(long t, long length)
    {
        var sigma = length / 4.0;
        var d = t - (length - 1) / 2.0;
        return Math.Exp(-d * d / (2 * sigma * sigma));
    }

    /// <summary>The crop at <paramref name="offset"/> of image <paramref name="index"/>, flattened [C, H - 2m, W - 2m].</summary>
    public static float[] Crop(float[] values, long[] shape, long index, (long Dy, long Dx) offset, long margin)
    {
        long c = shape[1], h = shape[2], w = shape[3];
        long ch = h - 2 * margin, cw = w - 2 * margin;
        var crop = new float[c * ch * cw];
        for (long k = 0; k < c; k++)
            for (long y = 0; y < ch; y++)
                for (long x = 0; x < cw; x++)
                    crop[(k * ch + y) * cw + x] = values[((index * c + k) * h + (offset.Dy + y) % h) * w + (offset.Dx + x) % w];
        return crop;
    }
}
