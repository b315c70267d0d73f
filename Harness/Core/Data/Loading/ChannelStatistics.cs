using AdvCam.Torch;

namespace AdvCam.Core.Data.Loading;

/// <summary>Per-channel pixel mean and standard deviation of a data set, for <see cref="Normalize"/>.</summary>
/// <param name="Mean">Mean of every pixel of each channel.</param>
/// <param name="Std">Population standard deviation of every pixel of each channel.</param>
public sealed record ChannelStatistics(double[] Mean, double[] Std)
{
    /// <summary>
    /// Measures the statistics of all images of <paramref name="source"/> (read in batches of
    /// <paramref name="batchSize"/>), accumulating per-channel sums of x and x² in float64.
    /// </summary>
    /// <exception cref="ArgumentException">The source is empty or its images are not [B, C, H, W].</exception>
    public static ChannelStatistics Measure(IBatchSource source, int batchSize = 256)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        if (source.Count == 0) throw new ArgumentException("cannot measure an empty data set", nameof(source));
        double[]? sum = null, squares = null;
        double pixels = 0;
        for (var start = 0; start < source.Count; start += batchSize)
        {
            var indices = Enumerable.Range(start, Math.Min(batchSize, source.Count - start)).ToArray();
            using var scope = torch.NewDisposeScope();
            using var batch = source.GetBatch(indices);
            if (batch.Images.dim() != 4)
                throw new ArgumentException($"images must be [B, C, H, W], got {batch.Images.dim()} dimensions", nameof(source));
            var x = batch.Images.to(ScalarType.Float64);
            var s = x.sum([0L, 2L, 3L]).ToArray<double>();
            var q = (x * x).sum([0L, 2L, 3L]).ToArray<double>();
            sum ??= new double[s.Length];
            squares ??= new double[s.Length];
            for (var c = 0; c < s.Length; c++)
            {
                sum[c] += s[c];
                squares[c] += q[c];
            }
            pixels += batch.Images.size(0) * batch.Images.size(2) * batch.Images.size(3);
        }
        var mean = sum!.Select(v => v / pixels).ToArray();
        var std = squares!.Select((v, c) => Math.Sqrt(Math.Max(0, v / pixels - mean[c] * mean[c]))).ToArray();
        return new ChannelStatistics(mean, std);
    }
}
