using AdvCam.Torch.Nn;

namespace AdvCam.Torch.Tests.Nn;

/// <summary>Gradients of the pooling functions against finite differences.</summary>
public class PoolingGradientTests
{
    [Test]
    public void Max_pool2d_gradient_matches_finite_differences()
    {
        using var scope = torch.NewDisposeScope();
        using var g = new Generator(11);
        // Distinct random values: no ties within the finite-difference step.
        var x = GradientCheck.Random(g, 2, 2, 6, 6);
        GradientCheck.Check(t => F.max_pool2d(t[0], new long[] { 2 }), x);
    }

    [Test]
    public void Overlapping_padded_max_pool2d_gradient_matches_finite_differences()
    {
        using var scope = torch.NewDisposeScope();
        using var g = new Generator(12);
        var x = GradientCheck.Random(g, 1, 2, 7, 7);
        GradientCheck.Check(t => F.max_pool2d(t[0], new long[] { 3 }, new long[] { 2 }, new long[] { 1 }), x);
    }

    [Test]
    public void Avg_pool2d_gradient_matches_finite_differences()
    {
        using var scope = torch.NewDisposeScope();
        using var g = new Generator(13);
        var x = GradientCheck.Random(g, 2, 2, 6, 6);
        GradientCheck.Check(t => F.avg_pool2d(t[0], new long[] { 2 }), x);
    }

    [Test]
    public void Overlapping_padded_avg_pool2d_gradient_matches_finite_differences()
    {
        using var scope = torch.NewDisposeScope();
        using var g = new Generator(14);
        var x = GradientCheck.Random(g, 1, 2, 7, 7);
        GradientCheck.Check(t => F.avg_pool2d(t[0], new long[] { 3 }, new long[] { 2 }, new long[] { 1 }, count_include_pad: false), x);
    }

    [Test]
    public void Adaptive_avg_pool2d_gradient_matches_finite_differences()
    {
        using var scope = torch.NewDisposeScope();
        using var g = new Generator(15);
        // 7 -> 3 gives overlapping, unequal windows.
        var x = GradientCheck.Random(g, 2, 2, 7, 7);
        GradientCheck.Check(t => F.adaptive_avg_pool2d(t[0], 3), x);
    }

    [Test]
    public void Global_adaptive_avg_pool2d_gradient_matches_finite_differences()
    {
        using var scope = torch.NewDisposeScope();
        using var g = new Generator(16);
        var x = GradientCheck.Random(g, 2, 3, 4, 5);
        GradientCheck.Check(t => F.adaptive_avg_pool2d(t[0], 1), x);
    }
}
