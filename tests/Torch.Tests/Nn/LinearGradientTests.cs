using AdvCam.Torch.Nn;

namespace AdvCam.Torch.Tests.Nn;

/// <summary>F.linear's gradients with respect to input, weight and bias against finite differences.</summary>
public class LinearGradientTests
{
    [Test]
    public void Gradient_matches_finite_differences()
    {
        using var scope = torch.NewDisposeScope();
        using var g = new Generator(91);
        var x = GradientCheck.Random(g, 4, 5);
        var w = GradientCheck.Random(g, 3, 5);
        var b = GradientCheck.Random(g, 3);
        GradientCheck.Check(t => F.linear(t[0], t[1], t[2]), x, w, b);
    }

    [Test]
    public void Batched_input_without_bias_gradient_matches_finite_differences()
    {
        using var scope = torch.NewDisposeScope();
        using var g = new Generator(92);
        var x = GradientCheck.Random(g, 2, 3, 4);
        var w = GradientCheck.Random(g, 2, 4);
        GradientCheck.Check(t => F.linear(t[0], t[1]), x, w);
    }
}
