using AdvCam.Torch.Nn;

namespace AdvCam.Torch.Tests.Nn;

/// <summary>F.interpolate against hand-worked tiny examples.</summary>
public class InterpolateValueTests
{
    [Test]
    public void Nearest_upsample_by_two_repeats_pixels()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.tensor(new double[] { 1, 2, 3, 4 }, new long[] { 1, 1, 2, 2 });
        var y = F.interpolate(x, new long[] { 4, 4 });
        y.shape.Should().Equal(1, 1, 4, 4);
        y.ToArray<double>().Should().Equal(
            1, 1, 2, 2,
            1, 1, 2, 2,
            3, 3, 4, 4,
            3, 3, 4, 4);
        F.interpolate(x, 2.0).equal(y).Should().BeTrue();
    }

    [Test]
    public void Nearest_downsample_takes_floor_of_scaled_index()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.arange(0, 16, 1, ScalarType.Float64).reshape(1, 1, 4, 4);
        // source index = floor(dst * in / out) = 0, 2
        F.interpolate(x, new long[] { 2, 2 }).ToArray<double>().Should().Equal(0, 2, 8, 10);
    }

    [Test]
    public void Nearest_with_non_integer_ratios()
    {
        using var scope = torch.NewDisposeScope();
        var row = torch.tensor(new double[] { 10, 20, 30 }, new long[] { 1, 1, 1, 3 });
        // 3 -> 2: scale 1.5, sources floor(0), floor(1.5) = 0, 1
        F.interpolate(row, new long[] { 1, 2 }).ToArray<double>().Should().Equal(10, 20);
        // 3 -> 5: scale 0.6, sources floor(0, 0.6, 1.2, 1.8, 2.4) = 0, 0, 1, 1, 2
        F.interpolate(row, new long[] { 1, 5 }).ToArray<double>().Should().Equal(10, 10, 20, 20, 30);
        // 2 -> 3 along H: scale 2/3, sources 0, 0, 1
        var column = torch.tensor(new double[] { 1, 2 }, new long[] { 1, 1, 2, 1 });
        F.interpolate(column, new long[] { 3, 1 }).ToArray<double>().Should().Equal(1, 1, 2);
    }

    [Test]
    public void Bilinear_upsample_of_a_ramp()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.tensor(new double[] { 0, 1 }, new long[] { 1, 1, 1, 2 });
        // align_corners: source = dst * (in - 1) / (out - 1) = 0, 1/3, 2/3, 1
        var aligned = F.interpolate(x, new long[] { 1, 4 }, InterpolationMode.Bilinear, align_corners: true).ToArray<double>();
        aligned.Should().HaveCount(4);
        aligned[0].Should().Be(0);
        aligned[1].Should().BeApproximately(1.0 / 3, Tolerances.Float64);
        aligned[2].Should().BeApproximately(2.0 / 3, Tolerances.Float64);
        aligned[3].Should().Be(1);
        // half-pixel: source = (dst + 0.5) * in / out - 0.5 = -0.25 (clamped to 0), 0.25, 0.75, 1.25 (edge)
        F.interpolate(x, new long[] { 1, 4 }, InterpolationMode.Bilinear).ToArray<double>().Should().Equal(0, 0.25, 0.75, 1);
    }

    [Test]
    public void Bicubic_reproduces_a_constant()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.full(new long[] { 1, 1, 3, 3 }, 2.5, ScalarType.Float64);
        var y = F.interpolate(x, new long[] { 5, 4 }, InterpolationMode.Bicubic);
        y.allclose(torch.full(new long[] { 1, 1, 5, 4 }, 2.5, ScalarType.Float64), rtol: 0, atol: Tolerances.Float64).Should().BeTrue();
    }

    [Test]
    public void Same_size_bilinear_is_the_identity()
    {
        using var scope = torch.NewDisposeScope();
        using var g = new Generator(1);
        var x = torch.randn(new long[] { 1, 2, 3, 4 }, g, ScalarType.Float64);
        F.interpolate(x, new long[] { 3, 4 }, InterpolationMode.Bilinear).allclose(x, rtol: 0, atol: Tolerances.Float64).Should().BeTrue();
    }
}
