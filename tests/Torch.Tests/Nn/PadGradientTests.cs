using AdvCam.Torch.Nn;

namespace AdvCam.Torch.Tests.Nn;

/// <summary>F.pad's gradients in every mode against finite differences.</summary>
public class PadGradientTests
{
    [TestCase(PaddingMode.Constant)]
    [TestCase(PaddingMode.Reflect)]
    [TestCase(PaddingMode.Replicate)]
    [TestCase(PaddingMode.Circular)]
    public void Gradient_matches_finite_differences(PaddingMode mode)
    {
        using var scope = torch.NewDisposeScope();
        using var g = new Generator(41);
        var x = GradientCheck.Random(g, 2, 2, 4, 5);
        // Asymmetric: left 2, right 1, top 1, bottom 3 (each below the size, as reflect needs).
        GradientCheck.Check(t => F.pad(t[0], new long[] { 2, 1, 1, 3 }, mode, value: 0.5), x);
    }
}
