using AdvCam.Torch;
using AdvCam.Torch.Nn;

namespace AdvCam.Core.Data.Loading;

/// <summary>
/// Resizes each item by a random factor in [<see cref="MinScale"/>, <see cref="MaxScale"/>] (images bilinear,
/// <c>align_corners=False</c>; masks and spatial targets nearest), then brings it back to its original size H x W:
/// per axis, a larger item is cropped at a random offset, a smaller one is placed at a random offset on a canvas of
/// zeros (images) or <see cref="Batch.IgnoreIndex"/> = 255 (masks: padding carries no label).
/// </summary>
/// <remarks>
/// Draws <c>u = torch.rand(B, 3, generator=g, dtype=torch.float64)</c>. Item b: factor
/// <c>f = min + (max - min) * u[b, 0]</c>; resized to <c>h = max(1, floor(H * f + 0.5))</c>, <c>w</c> likewise.
/// Rows: when h &gt;= H, rows <c>c .. c + H - 1</c> of the resized item are kept, <c>c = min(h - H, floor(u[b, 1] * (h - H + 1)))</c>;
/// when h &lt; H, the resized item goes to rows <c>o .. o + h - 1</c>, <c>o = min(H - h, floor(u[b, 1] * (H - h + 1)))</c>.
/// Columns likewise with <c>u[b, 2]</c>. A factor of exactly 1 leaves the item unchanged.
/// Image-level targets are not changed (an item cropped out of view keeps its label).
/// </remarks>
public sealed class ScaleJitter : IBatchTransform
{
    /// <summary>Factors uniform in [<paramref name="minScale"/>, <paramref name="maxScale"/>] (0 &lt; min &lt;= max).</summary>
    public ScaleJitter(double minScale, double maxScale)
    {
        if (!(minScale > 0) || !(maxScale >= minScale) || double.IsInfinity(maxScale))
            throw new ArgumentOutOfRangeException(nameof(minScale), (minScale, maxScale), "need 0 < minScale <= maxScale < infinity");
        MinScale = minScale;
        MaxScale = maxScale;
    }

    /// <summary>The smallest factor.</summary>
    public double MinScale { get; }

    /// <summary>The largest factor.</summary>
    public double MaxScale { get; }

    /// <inheritdoc />
    public Batch Apply(Batch batch, Generator generator)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var u = torch.rand([batch.Count, 3], generator, ScalarType.Float64).ToArray<double>();
        var draws = new (double Factor, double Row, double Column)[batch.Count];
        for (var b = 0; b < draws.Length; b++) draws[b] = (MinScale + (MaxScale - MinScale) * u[3 * b], u[3 * b + 1], u[3 * b + 2]);
        return ScaleAt(batch, draws);
    }

    /// <summary>
    /// Rescales item b by <paramref name="draws"/>[b].Factor, placing it with the uniform numbers .Row and .Column in
    /// [0, 1) as the remarks of <see cref="ScaleJitter"/> describe.
    /// </summary>
    public static Batch ScaleAt(Batch batch, IReadOnlyList<(double Factor, double Row, double Column)> draws)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(draws);
        if (draws.Count != batch.Count) throw new ArgumentException($"need one draw per item ({batch.Count}), got {draws.Count}", nameof(draws));
        var height = (int)batch.Images.size(2);
        var width = (int)batch.Images.size(3);
        var plans = new (int H, int W, Window Rows, Window Columns)[draws.Count];
        for (var b = 0; b < plans.Length; b++)
        {
            var (f, ur, uc) = draws[b];
            if (!(f > 0) || double.IsInfinity(f)) throw new ArgumentOutOfRangeException(nameof(draws), f, "factors must be positive and finite");
            var h = Math.Max(1, (int)Math.Floor(height * f + 0.5));
            var w = Math.Max(1, (int)Math.Floor(width * f + 0.5));
            plans[b] = (h, w, Window.Of(h, height, ur), Window.Of(w, width, uc));
        }

        // x: [B, C, H, W] float; returns the rescaled items on a canvas filled with fill.
        Tensor Rescale(Tensor x, InterpolationMode mode, double fill)
        {
            var canvas = torch.full_like(x, fill);
            for (var b = 0; b < plans.Length; b++)
            {
                var (h, w, rows, columns) = plans[b];
                var item = x.narrow(0, b, 1);
                var resized = h == height && w == width ? item : F.interpolate(item, [h, w], mode, align_corners: false);
                canvas.narrow(0, b, 1).narrow(2, rows.To, rows.Length).narrow(3, columns.To, columns.Length)
                    .copy_(resized.narrow(2, rows.From, rows.Length).narrow(3, columns.From, columns.Length));
            }
            return canvas;
        }

        Tensor RescaleMask(Tensor mask) =>
            Rescale(mask.unsqueeze(1).to(ScalarType.Float32), InterpolationMode.Nearest, Batch.IgnoreIndex).squeeze(1).to(mask.dtype);

        return batch.WithSpatial(Rescale(batch.Images, InterpolationMode.Bilinear, 0), RescaleMask);
    }

    /// <summary>Along one axis: <see cref="Length"/> pixels from position <see cref="From"/> of the resized item go to position <see cref="To"/> of the output.</summary>
    private readonly record struct Window(int From, int To, int Length)
    {
        public static Window Of(int resized, int original, double u)
        {
            var slack = Math.Abs(resized - original);
            var offset = Math.Min(slack, (int)Math.Floor(u * (slack + 1)));
            return resized >= original ? new Window(offset, 0, original) : new Window(0, offset, resized);
        }
    }
}
