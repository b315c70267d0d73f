using AdvCam.Torch.Nn;

namespace AdvCam.Torch.Tests.Nn;

/// <summary>Gradients of softmax and log_softmax against finite differences.</summary>
public class SoftmaxGradientTests
{
    [TestCase(0)]
    [TestCase(1)]
    [TestCase(-1)]
    public void Softmax_gradient_matches_finite_differences(long dim)
    {
        using var scope = torch.NewDisposeScope();
        using var g = new Generator(51);
        var x = GradientCheck.Random(g, 3, 4, 5);
        GradientCheck.Check(t => F.softmax(t[0], dim), x);
    }

    [TestCase(0)]
    [TestCase(1)]
    [TestCase(-1)]
    public void Log_softmax_gradient_matches_finite_differences(long dim)
    {
        using var scope = torch.NewDisposeScope();
        using var g = new Generator(52);
        var x = GradientCheck.Random(g, 3, 4, 5);
        GradientCheck.Check(t => F.log_softmax(t[0], dim), x);
    }
}
