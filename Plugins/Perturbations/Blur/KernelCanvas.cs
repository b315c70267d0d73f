using System.Globalization;
using AdvCam.Torch;

namespace AdvCam.Plugins.Perturbations.Blur;

/// <summary>
/// The square, odd-sized grid on which a blur kernel is drawn: weights in double precision, addressed by offsets from
/// the centre pixel (x to the right, y up), splatted bilinearly, then normalised to sum 1 and handed out as a float32
/// [k, k] tensor (row 0 at the top).
/// </summary>
internal sealed class KernelCanvas
{
    /// <summary>The largest kernel side accepted (pixels); a larger one is refused as a mistake rather than built.</summary>
    public const int MaxSize = 1025;

    private readonly double[,] weights;

    /// <summary>A zero grid of side <c>2 * half + 1</c>.</summary>
    /// <param name="half">Pixels from the centre to the edge.</param>
    /// <param name="what">What is being built, for the error message (e.g. "defocus kernel of radius 3").</param>
    /// <exception cref="ArgumentOutOfRangeException">The side would exceed <see cref="MaxSize"/>.</exception>
    public KernelCanvas(long half, string what)
    {
        RequireSize(half, what);
        Half = (int)half;
        weights = new double[Size, Size];
    }

    /// <summary>Pixels from the centre to the edge.</summary>
    public int Half { get; }

    /// <summary>The side, <c>2 * Half + 1</c>.</summary>
    public int Size => 2 * Half + 1;

    /// <summary>The weight at offset (<paramref name="x"/> right, <paramref name="y"/> up) from the centre.</summary>
    public double this[int x, int y]
    {
        get => weights[Half - y, Half + x];
        set => weights[Half - y, Half + x] = value;
    }

    /// <summary>Adds <paramref name="weight"/> at the real point (x right, y up), shared among the four nearest pixels
    /// by bilinear weights; the parts that fall outside the grid are dropped (callers size the grid to hold the
    /// point).</summary>
    public void Splat(double x, double y, double weight)
    {
        double col = Half + x, row = Half - y;
        var c0 = (int)Math.Floor(col);
        var r0 = (int)Math.Floor(row);
        double fc = col - c0, fr = row - r0;
        Add(r0, c0, weight * (1 - fr) * (1 - fc));
        Add(r0, c0 + 1, weight * (1 - fr) * fc);
        Add(r0 + 1, c0, weight * fr * (1 - fc));
        Add(r0 + 1, c0 + 1, weight * fr * fc);
    }

    private void Add(int row, int col, double weight)
    {
        if (weight == 0 || row < 0 || col < 0 || row >= Size || col >= Size) return;
        weights[row, col] += weight;
    }

    /// <summary>The grid divided by its sum, as a float32 [k, k] tensor on the CPU.</summary>
    /// <exception cref="InvalidOperationException">The grid sums to zero (nothing was drawn).</exception>
    public Tensor ToNormalizedTensor()
    {
        var values = new float[Size * Size];
        WriteNormalized(values);
        return torch.tensor(values, [Size, Size]);
    }

    /// <summary>Writes the grid divided by its sum, row-major, into <paramref name="destination"/> (float32, row 0 at
    /// the top): the values of <see cref="ToNormalizedTensor"/> without making a tensor.</summary>
    /// <param name="destination">Exactly <c>Size * Size</c> floats.</param>
    /// <exception cref="ArgumentException">The destination has another length.</exception>
    /// <exception cref="InvalidOperationException">The grid sums to zero (nothing was drawn).</exception>
    public void WriteNormalized(Span<float> destination)
    {
        if (destination.Length != Size * Size)
            throw new ArgumentException($"a {Size} x {Size} kernel needs {Size * Size} floats; got {destination.Length}", nameof(destination));
        double total = 0;
        foreach (var w in weights) total += w;
        if (!(total > 0)) throw new InvalidOperationException("the kernel grid holds no weight");
        for (var r = 0; r < Size; r++)
            for (var c = 0; c < Size; c++)
                destination[r * Size + c] = (float)(weights[r, c] / total);
    }

    /// <summary>Checks that a kernel of half-width <paramref name="half"/> is at most <see cref="MaxSize"/> wide.</summary>
    /// <param name="half">Pixels from the centre to the edge.</param>
    /// <param name="what">What is being built, for the error message.</param>
    /// <exception cref="ArgumentOutOfRangeException">It is wider.</exception>
    public static void RequireSize(long half, string what)
    {
        if (half < 0 || 2 * half + 1 > MaxSize)
            throw new ArgumentOutOfRangeException(nameof(half), half,
                string.Create(CultureInfo.InvariantCulture, $"a {what} would be {2 * half + 1} pixels wide, above the largest accepted kernel ({MaxSize} pixels)"));
    }

    /// <summary>Checks that <paramref name="value"/> is finite and at least <paramref name="minimum"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">It is not; the message names <paramref name="name"/>.</exception>
    public static void RequireAtLeast(double value, double minimum, string name, bool inclusive = true)
    {
        if (!double.IsFinite(value) || (inclusive ? value < minimum : value <= minimum))
            throw new ArgumentOutOfRangeException(name, value,
                string.Create(CultureInfo.InvariantCulture, $"{name} must be a finite number {(inclusive ? "at least" : "above")} {minimum}; got {value}"));
    }
}
