using AdvCam.Torch.Nn;

namespace AdvCam.Torch.Tests.Nn;

/// <summary>F.conv2d's gradients with respect to input, weight and bias against finite differences.</summary>
public class Conv2dGradientTests
{
    private static void CheckConv(long inChannels, long outChannels, long groups, long size, long[]? stride = null,
        long[]? padding = null, long[]? dilation = null)
    {
        using var scope = torch.NewDisposeScope();
        using var g = new Generator(7);
        var x = GradientCheck.Random(g, 2, inChannels, size, size);
        var w = GradientCheck.Random(g, outChannels, inChannels / groups, 3, 3);
        var b = GradientCheck.Random(g, outChannels);
        GradientCheck.Check(t => F.conv2d(t[0], t[1], t[2], stride, padding, dilation, groups), x, w, b);
    }

    [Test]
    public void Plain_convolution_gradients_match_finite_differences() => CheckConv(2, 3, 1, 5);

    [Test]
    public void Stride_2_gradients_match_finite_differences() => CheckConv(2, 3, 1, 6, stride: new long[] { 2 });

    [Test]
    public void Padding_1_gradients_match_finite_differences() => CheckConv(2, 3, 1, 5, padding: new long[] { 1 });

    [Test]
    public void Dilation_2_gradients_match_finite_differences() => CheckConv(2, 3, 1, 6, dilation: new long[] { 2 });

    [Test]
    public void Groups_2_gradients_match_finite_differences() => CheckConv(4, 4, 2, 5);

    [Test]
    public void Asymmetric_stride_and_padding_gradients_match_finite_differences() =>
        CheckConv(2, 2, 1, 6, stride: new long[] { 2, 1 }, padding: new long[] { 0, 1 });

    [Test]
    public void Convolution_without_bias_gradients_match_finite_differences()
    {
        using var scope = torch.NewDisposeScope();
        using var g = new Generator(8);
        var x = GradientCheck.Random(g, 1, 2, 5, 5);
        var w = GradientCheck.Random(g, 2, 2, 3, 3);
        GradientCheck.Check(t => F.conv2d(t[0], t[1], padding: new long[] { 1 }), x, w);
    }
}
