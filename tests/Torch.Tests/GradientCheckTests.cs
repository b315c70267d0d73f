namespace AdvCam.Torch.Tests;

/// <summary>The <see cref="GradientCheck"/> helper itself: it passes correct gradients and catches wrong ones.</summary>
public class GradientCheckTests
{
    [Test]
    public void Accepts_a_correct_gradient_of_a_non_scalar_output()
    {
        using var scope = torch.NewDisposeScope();
        using var g = new Generator(1);
        var x = GradientCheck.Random(g, 3, 4);
        var y = GradientCheck.Random(g, 3, 4);
        GradientCheck.Check(t => (t[0] * t[1]).sin() + t[0].exp(), x, y);
    }

    [Test]
    public void Catches_a_gradient_that_autograd_gets_wrong()
    {
        using var scope = torch.NewDisposeScope();
        using var g = new Generator(2);
        var x = GradientCheck.Random(g, 5);
        // x * detach(x): autograd sees derivative x, the function's true derivative is 2x.
        var act = () => GradientCheck.Check(t => t[0] * t[0].detach(), x);
        act.Should().Throw<AssertionException>().WithMessage("*analytic*numeric*");
    }

    [Test]
    public void Catches_a_missing_gradient_of_one_input()
    {
        using var scope = torch.NewDisposeScope();
        using var g = new Generator(3);
        var x = GradientCheck.Random(g, 4);
        var y = GradientCheck.Random(g, 4);
        // The output depends on y only through a detached path: autograd reports no gradient for y.
        var act = () => GradientCheck.Check(t => t[0] + t[1].detach(), x, y);
        act.Should().Throw<AssertionException>().WithMessage("*input 1*");
    }

    [Test]
    public void Does_not_leak_tensors()
    {
        using var outer = torch.NewDisposeScope();
        using var g = new Generator(4);
        var x = GradientCheck.Random(g, 2, 3);
        var start = LiveTensors.Settled();
        GradientCheck.Check(t => t[0].pow(2).sum(1), x);
        Tensor.LiveCount.Should().Be(start);
    }
}
