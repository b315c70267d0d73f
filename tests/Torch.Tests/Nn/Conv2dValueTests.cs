using AdvCam.Torch.Nn;

namespace AdvCam.Torch.Tests.Nn;

/// <summary>F.conv2d against hand-worked 3x3 examples.</summary>
public class Conv2dValueTests
{
    // [[1, 2, 3],
    //  [4, 5, 6],
    //  [7, 8, 9]]
    private static Tensor Input() => torch.tensor(new double[] { 1, 2, 3, 4, 5, 6, 7, 8, 9 }, new long[] { 1, 1, 3, 3 });

    [Test]
    public void Two_by_two_kernel_is_a_cross_correlation_plus_bias()
    {
        using var scope = torch.NewDisposeScope();
        var w = torch.tensor(new double[] { 1, 2, 3, 4 }, new long[] { 1, 1, 2, 2 });
        var b = torch.tensor(new double[] { 0.5 });
        var y = F.conv2d(Input(), w, b);
        y.shape.Should().Equal(1, 1, 2, 2);
        // out[0,0] = 1*1 + 2*2 + 4*3 + 5*4 = 37 (the kernel is not flipped)
        y.ToArray<double>().Should().Equal(37.5, 47.5, 67.5, 77.5);
    }

    [Test]
    public void Padding_1_with_a_ones_kernel_sums_neighbourhoods()
    {
        using var scope = torch.NewDisposeScope();
        var w = torch.ones(new long[] { 1, 1, 3, 3 }, ScalarType.Float64);
        var y = F.conv2d(Input(), w, padding: new long[] { 1 });
        y.shape.Should().Equal(1, 1, 3, 3);
        y.ToArray<double>().Should().Equal(12, 21, 16, 27, 45, 33, 24, 39, 28);
    }

    [Test]
    public void Stride_2_with_padding_1_keeps_every_other_output()
    {
        using var scope = torch.NewDisposeScope();
        var w = torch.ones(new long[] { 1, 1, 3, 3 }, ScalarType.Float64);
        var y = F.conv2d(Input(), w, stride: new long[] { 2 }, padding: new long[] { 1 });
        y.shape.Should().Equal(1, 1, 2, 2);
        y.ToArray<double>().Should().Equal(12, 16, 24, 28);
    }

    [Test]
    public void Dilation_2_reads_the_corners()
    {
        using var scope = torch.NewDisposeScope();
        var w = torch.tensor(new double[] { 1, 10, 100, 1000 }, new long[] { 1, 1, 2, 2 });
        var y = F.conv2d(Input(), w, dilation: new long[] { 2 });
        y.shape.Should().Equal(1, 1, 1, 1);
        y.item<double>().Should().Be(1 * 1 + 3 * 10 + 7 * 100 + 9 * 1000);
    }

    [Test]
    public void Groups_2_keep_channels_apart()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.cat(new[] { Input(), Input().mul(-1) }, 1); // [1, 2, 3, 3]
        var w = torch.tensor(new double[] { 2, 3 }, new long[] { 2, 1, 1, 1 });
        var y = F.conv2d(x, w, groups: 2);
        y.shape.Should().Equal(1, 2, 3, 3);
        y.select(1, 0).ToArray<double>().Should().Equal(2, 4, 6, 8, 10, 12, 14, 16, 18);
        y.select(1, 1).ToArray<double>().Should().Equal(-3, -6, -9, -12, -15, -18, -21, -24, -27);
    }

    [Test]
    public void Two_input_channels_are_summed()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.cat(new[] { Input(), Input().mul(10) }, 1);
        var w = torch.tensor(new double[] { 1, -1 }, new long[] { 1, 2, 1, 1 });
        F.conv2d(x, w).ToArray<double>().Should().Equal(-9, -18, -27, -36, -45, -54, -63, -72, -81);
    }
}
