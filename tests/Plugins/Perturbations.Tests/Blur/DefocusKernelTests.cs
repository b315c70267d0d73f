using AdvCam.Plugins.Perturbations.Blur;

namespace AdvCam.Plugins.Perturbations.Tests.Blur;

/// <summary>The defocus disk against its closed form: normalisation, symmetry, support, area.</summary>
public class DefocusKernelTests
{
    /// <summary>A float32 kernel's sum may miss 1 by the rounding of its entries.</summary>
    private const double SumTolerance = 1e-5;

    /// <summary>The lattice points in a disk of radius r number π r² to within the Gauss circle error, O(r): 3.2% at
    /// r = 5 (81 vs 78.5), under 1% at r = 10 (317 vs 314.2).</summary>
    private const double AreaRelativeTolerance = 0.05;

    /// <summary>Symmetric weights are computed identically up to float rounding of the normalisation.</summary>
    private const double SymmetryTolerance = 1e-7;

    [TestCase(1.0, 0.5)]
    [TestCase(3.0, 0.1)]
    [TestCase(5.5, 0.5)]
    [TestCase(10.0, 0.5)]
    public void Sums_to_1_is_odd_sized_and_symmetric_under_flips_and_transposition(double radius, double alias)
    {
        using var scope = torch.NewDisposeScope();
        var k = BlurTestData.ToGrid(DefocusKernel.Build(radius, alias));
        BlurTestData.Sum(k).Should().BeApproximately(1, SumTolerance);
        var n = k.GetLength(0);
        n.Should().Be(2 * ((int)Math.Ceiling(radius) + DefocusKernel.AliasHalfWidth(radius)) + 1);
        for (var r = 0; r < n; r++)
            for (var c = 0; c < n; c++)
            {
                k[r, c].Should().BeApproximately(k[r, n - 1 - c], (float)SymmetryTolerance, "left-right");
                k[r, c].Should().BeApproximately(k[n - 1 - r, c], (float)SymmetryTolerance, "up-down");
                k[r, c].Should().BeApproximately(k[c, r], (float)SymmetryTolerance, "transposed");
            }
    }

    [TestCase(2.5)]
    [TestCase(8.0)]
    [TestCase(9.0)]
    public void Is_zero_beyond_the_radius_plus_the_alias_margin(double radius)
    {
        using var scope = torch.NewDisposeScope();
        var k = BlurTestData.ToGrid(DefocusKernel.Build(radius, 0.5));
        var half = k.GetLength(0) / 2;
        var margin = DefocusKernel.AliasHalfWidth(radius);
        for (var r = 0; r < k.GetLength(0); r++)
            for (var c = 0; c < k.GetLength(0); c++)
            {
                int x = c - half, y = r - half;
                // A pixel gets weight only from disk pixels within the alias square around it (Chebyshev distance ≤ a).
                var reachable = false;
                for (var dy = -margin; dy <= margin && !reachable; dy++)
                    for (var dx = -margin; dx <= margin && !reachable; dx++)
                        reachable = (x + dx) * (x + dx) + (y + dy) * (y + dy) <= radius * radius;
                if (!reachable) k[r, c].Should().Be(0, $"({x}, {y}) is beyond radius {radius} + margin {margin}");
                else k[r, c].Should().BeGreaterThan(0, $"({x}, {y}) is within radius {radius} + margin {margin}");
            }
    }

    [TestCase(5.0)]
    [TestCase(10.0)]
    public void The_plain_disk_covers_about_pi_r_squared_pixels_with_equal_weights(double radius)
    {
        using var scope = torch.NewDisposeScope();
        var k = BlurTestData.ToGrid(DefocusKernel.Disk(radius));
        var count = BlurTestData.NonZero(k);
        var area = Math.PI * radius * radius;
        ((double)count).Should().BeApproximately(area, AreaRelativeTolerance * area);
        var half = k.GetLength(0) / 2;
        for (var r = 0; r < k.GetLength(0); r++)
            for (var c = 0; c < k.GetLength(0); c++)
            {
                int x = c - half, y = r - half;
                k[r, c].Should().Be(x * x + y * y <= radius * radius ? (float)(1.0 / count) : 0f, $"at ({x}, {y})");
            }
    }

    [Test]
    public void A_tiny_alias_sigma_leaves_the_plain_disk_as_ImageNet_C_level_1_does()
    {
        using var scope = torch.NewDisposeScope();
        // At sigma 0.1 the neighbours' weight is exp(-50) relative to the centre: nothing in float32.
        var aliased = DefocusKernel.Build(3, 0.1);
        var plain = F_PadDisk(DefocusKernel.Disk(3), DefocusKernel.AliasHalfWidth(3));
        aliased.allclose(plain, rtol: 0, atol: 1e-7).Should().BeTrue();
        DefocusKernel.Build(3, 0.5).allclose(plain, rtol: 0, atol: 1e-3).Should().BeFalse("sigma 0.5 spreads the edge");
    }

    [TestCase(0.0)]
    [TestCase(-1.0)]
    [TestCase(double.NaN)]
    public void Refuses_a_radius_that_is_not_positive(double radius)
    {
        var act = () => DefocusKernel.Build(radius);
        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*radius*");
    }

    [Test]
    public void Refuses_a_huge_kernel_naming_its_size()
    {
        var act = () => DefocusKernel.Build(5000);
        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*defocus kernel of radius 5000*1025*");
    }

    private static Tensor F_PadDisk(Tensor disk, long margin) =>
        AdvCam.Torch.Nn.F.pad(disk.reshape(1, 1, disk.size(0), disk.size(1)), [margin, margin, margin, margin])
            .reshape(disk.size(0) + 2 * margin, disk.size(1) + 2 * margin);
}
