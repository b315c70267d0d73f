using AdvCam.Torch.Nn;

namespace AdvCam.Torch.Tests.Nn;

/// <summary>F.mse_loss's gradient with respect to both arguments against finite differences.</summary>
public class MseLossGradientTests
{
    [TestCase(Reduction.Mean)]
    [TestCase(Reduction.Sum)]
    [TestCase(Reduction.None)]
    public void Gradient_matches_finite_differences(Reduction reduction)
    {
        using var scope = torch.NewDisposeScope();
        using var g = new Generator(81);
        var input = GradientCheck.Random(g, 3, 4);
        var target = GradientCheck.Random(g, 3, 4);
        GradientCheck.Check(t => F.mse_loss(t[0], t[1], reduction), input, target);
    }
}
