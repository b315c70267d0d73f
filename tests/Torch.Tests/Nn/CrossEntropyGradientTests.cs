using AdvCam.Torch.Nn;

namespace AdvCam.Torch.Tests.Nn;

/// <summary>F.cross_entropy's gradient against finite differences, with and without ignored targets.</summary>
public class CrossEntropyGradientTests
{
    [TestCase(Reduction.Mean)]
    [TestCase(Reduction.Sum)]
    [TestCase(Reduction.None)]
    public void Gradient_matches_finite_differences(Reduction reduction)
    {
        using var scope = torch.NewDisposeScope();
        using var g = new Generator(61);
        var logits = GradientCheck.Random(g, 5, 4);
        var target = torch.tensor(new long[] { 0, 3, 1, 1, 2 });
        GradientCheck.Check(t => F.cross_entropy(t[0], target, reduction: reduction), logits);
    }

    [Test]
    public void Spatial_gradient_matches_finite_differences()
    {
        using var scope = torch.NewDisposeScope();
        using var g = new Generator(62);
        var logits = GradientCheck.Random(g, 2, 3, 2, 3);
        var target = torch.tensor(new long[] { 0, 1, 2, 2, 1, 0, 1, 1, 0, 2, 2, 0 }, new long[] { 2, 2, 3 });
        GradientCheck.Check(t => F.cross_entropy(t[0], target), logits);
    }

    [Test]
    public void Gradient_with_ignore_index_matches_finite_differences()
    {
        using var scope = torch.NewDisposeScope();
        using var g = new Generator(63);
        var logits = GradientCheck.Random(g, 5, 4);
        var target = torch.tensor(new long[] { 0, 255, 1, 255, 2 });
        GradientCheck.Check(t => F.cross_entropy(t[0], target, ignore_index: 255), logits);
    }

    [Test]
    public void Ignored_targets_contribute_nothing()
    {
        using var scope = torch.NewDisposeScope();
        using var g = new Generator(64);
        var logits = GradientCheck.Random(g, 5, 4).requires_grad_();
        var target = torch.tensor(new long[] { 0, 255, 1, 255, 2 });

        var loss = F.cross_entropy(logits, target, ignore_index: 255);
        var grad = torch.autograd.grad(loss, logits);

        // The gradient rows of the ignored samples are exactly zero.
        grad.select(0, 1).ToArray<double>().Should().AllBeEquivalentTo(0.0);
        grad.select(0, 3).ToArray<double>().Should().AllBeEquivalentTo(0.0);

        // The mean runs over the kept samples only: it equals the loss of the kept rows alone.
        var kept = torch.tensor(new long[] { 0, 2, 4 });
        var expected = F.cross_entropy(logits.detach().index_select(0, kept), target.index_select(0, kept));
        loss.item<double>().Should().BeApproximately(expected.item<double>(), Tolerances.Float64);

        // Changing an ignored sample's logits does not change the loss.
        var changed = logits.detach().clone();
        changed.select(0, 1).fill_(100);
        F.cross_entropy(changed, target, ignore_index: 255).item<double>()
            .Should().BeApproximately(loss.item<double>(), Tolerances.Float64);
    }
}
