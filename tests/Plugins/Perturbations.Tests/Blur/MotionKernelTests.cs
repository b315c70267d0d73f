using AdvCam.Plugins.Perturbations.Blur;

namespace AdvCam.Plugins.Perturbations.Tests.Blur;

/// <summary>The motion line: normalisation, support on its row, length, symmetry, direction.</summary>
public class MotionKernelTests
{
    /// <summary>A float32 kernel's sum may miss 1 by the rounding of its entries.</summary>
    private const double SumTolerance = 1e-5;

    /// <summary>Mirror samples land on mirror pixels with bilinear fractions equal up to double rounding, then float32.</summary>
    private const double SymmetryTolerance = 1e-6;

    /// <summary>Float32 rounding of the closed-form weights (at most 1).</summary>
    private const double ValueTolerance = 1e-7;

    [TestCase(5)]
    [TestCase(9)]
    [TestCase(15)]
    public void At_0_degrees_lies_on_the_centre_row_covers_L_pixels_and_is_symmetric_left_right(int length)
    {
        using var scope = torch.NewDisposeScope();
        var k = BlurTestData.ToGrid(MotionKernel.Build(length, 0));
        var n = k.GetLength(0);
        n.Should().Be(length, "an odd length L spans L pixel centres at 0 degrees");
        BlurTestData.Sum(k).Should().BeApproximately(1, SumTolerance);
        var half = n / 2;
        for (var r = 0; r < n; r++)
            for (var c = 0; c < n; c++)
            {
                if (r != half) k[r, c].Should().Be(0, "only the centre row is on the line");
                else k[r, c].Should().BeGreaterThan(0);
                k[r, c].Should().BeApproximately(k[r, n - 1 - c], (float)SymmetryTolerance);
            }
        BlurTestData.NonZero(k).Should().Be(length);
        // Bilinear sampling, M samples per pixel: an interior pixel collects the triangle weights of 2M - 1 samples,
        // sum M; an end pixel those of M samples, sum (M + 1)/2; in all (L - 1) M + 1.
        const int m = MotionKernel.SamplesPerPixel;
        double total = (length - 1) * m + 1;
        ((double)k[half, half]).Should().BeApproximately(m / total, ValueTolerance);
        ((double)k[half, 0]).Should().BeApproximately((m + 1) / 2.0 / total, ValueTolerance);
        ((double)k[half, n - 1]).Should().BeApproximately((m + 1) / 2.0 / total, ValueTolerance);
    }

    [Test]
    public void At_90_degrees_is_the_transpose_of_0_degrees()
    {
        using var scope = torch.NewDisposeScope();
        var horizontal = BlurTestData.ToGrid(MotionKernel.Build(7, 0));
        var vertical = BlurTestData.ToGrid(MotionKernel.Build(7, 90));
        for (var r = 0; r < 7; r++)
            for (var c = 0; c < 7; c++)
                vertical[r, c].Should().BeApproximately(horizontal[c, r], (float)SymmetryTolerance);
    }

    [Test]
    public void At_45_degrees_runs_from_bottom_left_to_top_right_and_is_point_symmetric()
    {
        using var scope = torch.NewDisposeScope();
        var k = BlurTestData.ToGrid(MotionKernel.Build(9, 45));
        var n = k.GetLength(0);
        BlurTestData.Sum(k).Should().BeApproximately(1, SumTolerance);
        var half = n / 2;
        double upRight = 0, upLeft = 0, downRight = 0, downLeft = 0;
        for (var r = 0; r < n; r++)
            for (var c = 0; c < n; c++)
            {
                if (r < half && c > half) upRight += k[r, c];
                if (r < half && c < half) upLeft += k[r, c];
                if (r > half && c > half) downRight += k[r, c];
                if (r > half && c < half) downLeft += k[r, c];
            }
        upRight.Should().BeGreaterThan(0.3, "y is up: 45 degrees points to the top right");
        downLeft.Should().BeApproximately(upRight, SymmetryTolerance * n * n);
        upLeft.Should().Be(0);
        downRight.Should().Be(0);
        for (var r = 0; r < n; r++)
            for (var c = 0; c < n; c++)
                k[r, c].Should().BeApproximately(k[n - 1 - r, n - 1 - c], (float)SymmetryTolerance);
    }

    [Test]
    public void Length_1_is_the_identity()
    {
        using var scope = torch.NewDisposeScope();
        BlurTestData.ToGrid(MotionKernel.Build(1, 33)).Should().BeEquivalentTo(new float[,] { { 1 } });
    }

    [Test]
    public void Refuses_a_length_below_1_and_an_infinite_angle()
    {
        FluentActions.Invoking(() => MotionKernel.Build(0.5, 0)).Should().Throw<ArgumentOutOfRangeException>().WithMessage("*length*0.5*");
        FluentActions.Invoking(() => MotionKernel.Build(3, double.NaN)).Should().Throw<ArgumentOutOfRangeException>().WithMessage("*angleDegrees*");
    }
}
