using AdvCam.Plugins.Perturbations.Blur;

namespace AdvCam.Plugins.Perturbations.Tests.Blur;

/// <summary>The Gaussian kernel against exp(-(x² + y²)/2σ²), normalised, computed here independently.</summary>
public class GaussianKernelTests
{
    /// <summary>A float32 kernel's sum may miss 1 by the rounding of its entries.</summary>
    private const double SumTolerance = 1e-5;

    /// <summary>Float32 rounding of weights at most 1.</summary>
    private const double ValueTolerance = 1e-7;

    [TestCase(0.5, 2)]
    [TestCase(1.0, 3)]
    [TestCase(1.4, 5)]
    [TestCase(6.0, 18)]
    public void Has_support_of_plus_minus_ceil_3_sigma_and_the_closed_form_values(double sigma, int half)
    {
        using var scope = torch.NewDisposeScope();
        var k = BlurTestData.ToGrid(GaussianKernel.Build(sigma));
        k.GetLength(0).Should().Be(2 * half + 1);
        BlurTestData.Sum(k).Should().BeApproximately(1, SumTolerance);
        double total = 0;
        for (var y = -half; y <= half; y++)
            for (var x = -half; x <= half; x++)
                total += Math.Exp(-(x * x + y * y) / (2 * sigma * sigma));
        for (var r = 0; r < k.GetLength(0); r++)
            for (var c = 0; c < k.GetLength(0); c++)
            {
                int x = c - half, y = r - half;
                var expected = Math.Exp(-(x * x + y * y) / (2 * sigma * sigma)) / total;
                ((double)k[r, c]).Should().BeApproximately(expected, ValueTolerance, $"at ({x}, {y})");
                k[r, c].Should().Be(k[r, 2 * half - c]).And.Be(k[2 * half - r, c]).And.Be(k[c, r]);
            }
    }

    [TestCase(0.0)]
    [TestCase(-0.5)]
    [TestCase(double.PositiveInfinity)]
    public void Refuses_a_sigma_that_is_not_positive_and_finite(double sigma)
    {
        var act = () => GaussianKernel.Build(sigma);
        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*sigma*");
    }
}
