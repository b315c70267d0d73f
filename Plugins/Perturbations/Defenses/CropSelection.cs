using AdvCam.Torch;
using AdvCam.Torch.Nn;

namespace AdvCam.Plugins.Perturbations.Defenses;

/// <summary>
/// Crop selection (DESIGN.md §6): chooses, for each image, the <c>(H - 2m) x (W - 2m)</c> crop whose score is highest,
/// where the score is a fixed, shift-equivariant filter response, so that a translated image selects the same content.
/// </summary>
/// <remarks>
/// <para><b>Score.</b> The score of the crop whose top-left corner is at offset <c>(dy, dx)</c> is the centre-weighted
/// sum over the crop of the channel-summed image, <c>Σ_{y, x} plane[dy + y, dx + x] · w(y, x)</c>, with <c>w</c> the
/// fixed separable Gaussian window <c>w(y, x) = g_H(y) · g_W(x)</c>, <c>g_L(t) = exp(-(t - (L - 1) / 2)² / (2 σ²))</c>,
/// <c>σ = L / 4</c> by default (<c>windowSigma</c> sets the fraction; <c>L</c> the crop's side: <c>H - 2m</c> rows, <c>W - 2m</c> columns; the window peaks at 1 at the
/// crop's centre). It is the channel sum correlated with <c>w</c> (<c>F.conv2d</c>, stride 1, in float64), read at
/// <c>(dy, dx)</c>. It depends only on the crop's own content, so moving the content moves the score map with it
/// (shift equivariance). Unlike a box mean, it prefers an item centred in the crop, so the crops that all hold a whole
/// item on an exactly-zero background no longer tie.</para>
/// <para><b>Non-cyclic.</b> The candidates are the <c>(2m + 1)²</c> offsets with the crop inside the image,
/// <c>dy, dx ∈ [0, 2m]</c>. If the content moves by <c>s</c> and the original's best offset <c>a</c> stays inside the
/// window (<c>a + s ∈ [0, 2m]²</c>), the same content is selected unless a candidate that now holds new edge content
/// scores higher.</para>
/// <para><b>Cyclic.</b> The score is computed on the circularly padded image for all <c>H x W</c> offsets and the crop
/// wraps around, so the score map rolls with the image and a rolled image selects exactly the same content whenever
/// the maximum is unique (or the tied crops hold the same content).</para>
/// <para><b>Ties</b> go to the lowest row-major index: the smallest <c>dy</c>, then the smallest <c>dx</c>. That rule is
/// not roll-equivariant, so exact roll invariance holds whenever the maximum is unique; the centre weighting makes exact
/// ties rare (they remain possible, for example for symmetric content or a constant image).</para>
/// </remarks>
public static class CropSelection
{
    /// <summary>The Gaussian window's sigma as a fraction of the crop's side unless given: 1/4.</summary>
    public const double DefaultWindowSigma = 0.25;

    /// <summary>
    /// The score map of each image: [N, 2m + 1, 2m + 1] (non-cyclic) or [N, H, W] (cyclic), float64, on the images'
    /// device; entry <c>[n, dy, dx]</c> is the Gaussian-weighted sum of the channel-summed image over the crop at that
    /// offset (see the remarks on the class).
    /// </summary>
    /// <param name="images">Floating-point images [N, C, H, W]; not modified.</param>
    /// <param name="margin">The margin <c>m</c> (at least 0); the crop is <c>(H - 2m) x (W - 2m)</c>.</param>
    /// <param name="cyclic">Whether offsets wrap around (all <c>H x W</c> of them).</param>
    /// <param name="centreWeighted">True: the Gaussian window of <see cref="Window"/>; false: a box (every pixel of the
    /// crop weighs 1; on images with a constant background many offsets tie exactly, and ties go to the lowest offset,
    /// which is not shift-equivariant).</param>
    /// <exception cref="ArgumentException">The images are not floating-point [N, C, H, W], the margin is negative, or
    /// <c>2m</c> is not below the height and the width; the message names the shape and the margin.</exception>
    /// <param name="windowSigma">The Gaussian window's sigma as a fraction of the crop's side (default
    /// <see cref="DefaultWindowSigma"/>; positive): smaller values weigh the crop's edges less.</param>
    /// <param name="windowEdge">Rows and columns at each border of the Gaussian window given weight 0 (default 0; at
    /// least 0, below half the crop side): the score then ignores what lies at the crop's edge, where a shift that
    /// loses a row and replicates another changes the image, so the best offset still follows the content.</param>
    public static Tensor Scores(Tensor images, long margin, bool cyclic, bool centreWeighted = true, double windowSigma = DefaultWindowSigma, long windowEdge = 0)
    {
        var (cropH, cropW) = CropSize(images, margin);
        if (!(windowSigma > 0) || !double.IsFinite(windowSigma))
            throw new ArgumentException($"the window's sigma must be a positive fraction of the crop side; got {windowSigma}", nameof(windowSigma));
        if (windowEdge < 0 || 2 * windowEdge >= Math.Min(cropH, cropW))
            throw new ArgumentException($"the window's zero edge must be at least 0 and below half the crop side ({cropH} x {cropW}); got {windowEdge}", nameof(windowEdge));
        using var scope = torch.NewDisposeScope();
        var plane = images.to(ScalarType.Float64).sum(1, keepdim: true);
        if (cyclic)
            plane = F.pad(plane, [0, cropW - 1, 0, cropH - 1], PaddingMode.Circular);
        // The window is separable (w = g_H ⊗ g_W, a box being ones ⊗ ones), so the correlation runs as a column pass
        // and a row pass: cropH + cropW multiplications per offset instead of cropH · cropW (the cyclic variant scores
        // every offset of the image, and float64 convolutions have no fast path).
        double[] Factor(long side) => centreWeighted ? Gaussian(side, windowSigma, windowEdge) : Enumerable.Repeat(1.0, checked((int)side)).ToArray();
        var byColumns = F.conv2d(plane, torch.tensor(Factor(cropH), [1, 1, cropH, 1], plane.device));
        var scores = F.conv2d(byColumns, torch.tensor(Factor(cropW), [1, 1, 1, cropW], plane.device)).squeeze(1);
        return scope.MoveToOuter(scores);
    }

    /// <summary>The score window, row-major [rows x cols]: <c>w(y, x) = g(y; rows) · g(x; cols)</c> with
    /// <c>g(t; L) = exp(-(t - (L - 1) / 2)² / (2 (L / 4)²))</c>.</summary>
    /// <param name="rows">The crop's height (at least 1).</param>
    /// <param name="cols">The crop's width (at least 1).</param>
    /// <param name="sigma">Sigma as a fraction of the side (default <see cref="DefaultWindowSigma"/>: L / 4).</param>
    /// <param name="edge">Rows and columns at each border of the window given weight 0 (default 0).</param>
    public static double[] Window(long rows, long cols, double sigma = DefaultWindowSigma, long edge = 0)
    {
        var gy = Gaussian(rows, sigma, edge);
        var gx = Gaussian(cols, sigma, edge);
        var window = new double[rows * cols];
        for (long y = 0; y < rows; y++)
            for (long x = 0; x < cols; x++)
                window[y * cols + x] = gy[y] * gx[x];
        return window;
    }

    private static double[] Gaussian(long length, double fraction, long edge)
    {
        var centre = (length - 1) / 2.0;
        var sigma = length * fraction;
        var g = new double[length];
        for (long t = 0; t < length; t++)
        {
            var d = t - centre;
            g[t] = t < edge || t >= length - edge ? 0 : Math.Exp(-d * d / (2 * sigma * sigma));
        }
        return g;
    }

    /// <summary>The selected offset <c>(dy, dx)</c> of each image: the argmax of <see cref="Scores"/>, ties to the
    /// lowest row-major index.</summary>
    /// <param name="images">Floating-point images [N, C, H, W]; not modified.</param>
    /// <param name="margin">The margin <c>m</c> (at least 0).</param>
    /// <param name="cyclic">Whether offsets wrap around.</param>
    /// <exception cref="ArgumentException">As <see cref="Scores"/>.</exception>
    /// <param name="centreWeighted">The score's window (see <see cref="Scores"/>).</param>
    /// <param name="windowSigma">The Gaussian window's sigma (see <see cref="Scores"/>).</param>
    /// <param name="windowEdge">Border rows and columns of the window with weight 0 (see <see cref="Scores"/>).</param>
    public static (long Dy, long Dx)[] Offsets(Tensor images, long margin, bool cyclic, bool centreWeighted = true, double windowSigma = DefaultWindowSigma, long windowEdge = 0)
    {
        using var scope = torch.NewDisposeScope();
        var scores = Scores(images, margin, cyclic, centreWeighted, windowSigma, windowEdge);
        long n = scores.size(0), rows = scores.size(1), cols = scores.size(2);
        var values = scores.cpu().contiguous().ToArray<double>();
        var offsets = new (long Dy, long Dx)[n];
        for (long i = 0; i < n; i++)
        {
            var best = 0L;
            var start = i * rows * cols;
            for (long k = 1; k < rows * cols; k++)
                if (values[start + k] > values[start + best]) best = k;
            offsets[i] = (best / cols, best % cols);
        }
        return offsets;
    }

    /// <summary>The crops at the given offsets: [N, C, H - 2m, W - 2m], a new tensor of the images' dtype and device.</summary>
    /// <param name="images">Floating-point images [N, C, H, W]; not modified.</param>
    /// <param name="offsets">One <c>(dy, dx)</c> per image: in <c>[0, 2m]²</c> (non-cyclic) or <c>[0, H) x [0, W)</c>
    /// (cyclic, the crop wrapping around).</param>
    /// <param name="margin">The margin <c>m</c> (at least 0).</param>
    /// <param name="cyclic">Whether the crop wraps around.</param>
    /// <exception cref="ArgumentException">As <see cref="Scores"/>, or an offset is out of range or there is not one per
    /// image.</exception>
    public static Tensor Crop(Tensor images, IReadOnlyList<(long Dy, long Dx)> offsets, long margin, bool cyclic)
    {
        ArgumentNullException.ThrowIfNull(offsets);
        var (cropH, cropW) = CropSize(images, margin);
        long n = images.size(0), h = images.size(2), w = images.size(3);
        if (offsets.Count != n)
            throw new ArgumentException($"{offsets.Count} offsets given for {n} images of shape {images.ShapeText}", nameof(offsets));
        long maxDy = cyclic ? h - 1 : h - cropH, maxDx = cyclic ? w - 1 : w - cropW;
        var rowStarts = new long[n];
        var columnStarts = new long[n];
        for (var i = 0; i < n; i++)
        {
            var (dy, dx) = offsets[i];
            if (dy < 0 || dy > maxDy || dx < 0 || dx > maxDx)
                throw new ArgumentException(
                    $"offset ({dy}, {dx}) of image {i} is outside [0, {maxDy}] x [0, {maxDx}] (margin {margin}, cyclic {cyclic}, images {images.ShapeText})",
                    nameof(offsets));
            rowStarts[i] = dy;
            columnStarts[i] = dx;
        }
        // Every image's crop at once: its rows dy .. dy + cropH - 1 and columns dx .. dx + cropW - 1 (modulo the size
        // when cyclic), gathered along the height and then the width.
        using var scope = torch.NewDisposeScope();
        long c = images.size(1);
        var rows = torch.tensor(rowStarts, [n, 1], images.device).add(torch.arange(0, cropH, device: images.device).view(1, cropH)).remainder(h);
        var columns = torch.tensor(columnStarts, [n, 1], images.device).add(torch.arange(0, cropW, device: images.device).view(1, cropW)).remainder(w);
        var byRows = images.gather(2, rows.view(n, 1, cropH, 1).expand(n, c, cropH, w));
        var crops = byRows.gather(3, columns.view(n, 1, 1, cropW).expand(n, c, cropH, cropW));
        return scope.MoveToOuter(crops);
    }

    /// <summary>The selected crop of each image (<see cref="Offsets"/>, then <see cref="Crop"/>).</summary>
    /// <param name="images">Floating-point images [N, C, H, W]; not modified.</param>
    /// <param name="margin">The margin <c>m</c> (at least 0).</param>
    /// <param name="cyclic">Whether offsets and crops wrap around.</param>
    /// <returns>[N, C, H - 2m, W - 2m], a new tensor of the images' dtype and device.</returns>
    /// <exception cref="ArgumentException">As <see cref="Scores"/>.</exception>
    /// <param name="centreWeighted">The score's window (see <see cref="Scores"/>).</param>
    /// <param name="windowSigma">The Gaussian window's sigma (see <see cref="Scores"/>).</param>
    /// <param name="windowEdge">Border rows and columns of the window with weight 0 (see <see cref="Scores"/>).</param>
    public static Tensor Select(Tensor images, long margin, bool cyclic, bool centreWeighted = true, double windowSigma = DefaultWindowSigma, long windowEdge = 0) =>
        Crop(images, Offsets(images, margin, cyclic, centreWeighted, windowSigma, windowEdge), margin, cyclic);

    /// <summary>The selected full-size crop of each image padded by <paramref name="margin"/> on every side: the
    /// images are padded (<paramref name="padding"/>) to <c>(H + 2m) x (W + 2m)</c>, then <see cref="Select"/> chooses
    /// the <c>H x W</c> crop among the offsets <c>[0, 2m]²</c>. The model so sees the whole image, moved by at most
    /// <c>m</c> pixels, instead of a smaller crop; the offset <c>(m, m)</c> is the image itself. With
    /// <paramref name="trim"/> = t the images are padded by <c>m - t</c> only and the crop is <c>(H - 2t) x (W - 2t)</c>,
    /// still among <c>(2m + 1)²</c> offsets: between the full-size crop (t = 0) and the cut-down one (t = m, no padding),
    /// it drops the outermost t rows and columns that a one-pixel shift loses or repeats.</summary>
    /// <param name="images">Floating-point images [N, C, H, W]; not modified.</param>
    /// <param name="margin">The margin <c>m</c> (at least 0): the padding and half the window of offsets.</param>
    /// <param name="padding">How the border is filled; <see cref="CropPadding.None"/> is <see cref="Select"/>
    /// (non-cyclic) itself.</param>
    /// <param name="centreWeighted">The score's window (see <see cref="Scores"/>).</param>
    /// <returns>[N, C, H - 2t, W - 2t] (padded) or [N, C, H - 2m, W - 2m] (<see cref="CropPadding.None"/>), a new tensor
    /// of the images' dtype and device.</returns>
    /// <exception cref="ArgumentException">As <see cref="Scores"/>; replicate padding also needs images of at least one
    /// pixel.</exception>
    /// <param name="windowSigma">The Gaussian window's sigma (see <see cref="Scores"/>).</param>
    /// <param name="windowEdge">Border rows and columns of the window with weight 0 (see <see cref="Scores"/>).</param>
    /// <param name="trim">Rows and columns dropped from each side of the full-size crop (0 to <paramref name="margin"/>;
    /// default 0); ignored with <see cref="CropPadding.None"/>.</param>
    public static Tensor SelectPadded(Tensor images, long margin, CropPadding padding, bool centreWeighted = true, double windowSigma = DefaultWindowSigma, long windowEdge = 0,
        long trim = 0)
    {
        if (padding == CropPadding.None) return Select(images, margin, cyclic: false, centreWeighted, windowSigma, windowEdge);
        _ = CropSize(images, 0);
        if (margin < 0)
            throw new ArgumentException($"margin must be at least 0; got {margin}", nameof(margin));
        if (trim < 0 || trim > margin)
            throw new ArgumentException($"trim must be between 0 and the margin ({margin}); got {trim}", nameof(trim));
        _ = CropSize(images, trim);
        using var scope = torch.NewDisposeScope();
        var width = margin - trim;
        var padded = F.pad(images, [width, width, width, width],
            padding == CropPadding.Zeros ? PaddingMode.Constant : PaddingMode.Replicate);
        return scope.MoveToOuter(Select(padded, margin, cyclic: false, centreWeighted, windowSigma, windowEdge));
    }

    private static (long Height, long Width) CropSize(Tensor images, long margin)
    {
        ArgumentNullException.ThrowIfNull(images);
        if (images.dim() != 4)
            throw new ArgumentException($"images must be [N, C, H, W]; got shape {images.ShapeText}", nameof(images));
        if (!images.dtype.IsFloatingPoint())
            throw new ArgumentException($"images must be floating point; got {images.dtype}", nameof(images));
        if (margin < 0)
            throw new ArgumentException($"margin must be at least 0; got {margin}", nameof(margin));
        long h = images.size(2), w = images.size(3);
        if (2 * margin >= h || 2 * margin >= w)
            throw new ArgumentException(
                $"a margin of {margin} pixels leaves no crop of images of shape {images.ShapeText}: 2 x margin must be below the height and the width",
                nameof(margin));
        return (h - 2 * margin, w - 2 * margin);
    }
}
