using AdvCam.Torch.Nn;

namespace AdvCam.Torch.Tests.Nn;

/// <summary>Gradients of the sigmoid-based multi-label losses against finite differences.</summary>
public class BinaryLossGradientTests
{
    [TestCase(Reduction.Mean)]
    [TestCase(Reduction.Sum)]
    [TestCase(Reduction.None)]
    public void Binary_cross_entropy_with_logits_gradient_matches_finite_differences(Reduction reduction)
    {
        using var scope = torch.NewDisposeScope();
        using var g = new Generator(71);
        var logits = GradientCheck.Random(g, 4, 5);
        var target = torch.rand(new long[] { 4, 5 }, g, ScalarType.Float64);
        GradientCheck.Check(t => F.binary_cross_entropy_with_logits(t[0], target, reduction: reduction), logits);
    }

    [Test]
    public void Binary_cross_entropy_with_logits_weighted_gradient_matches_finite_differences()
    {
        using var scope = torch.NewDisposeScope();
        using var g = new Generator(72);
        var logits = GradientCheck.Random(g, 4, 5);
        var target = torch.bernoulli(torch.full(new long[] { 4, 5 }, 0.5, ScalarType.Float64), g);
        var weight = torch.rand(new long[] { 5 }, g, ScalarType.Float64);
        var posWeight = torch.rand(new long[] { 5 }, g, ScalarType.Float64).add(0.5);
        GradientCheck.Check(t => F.binary_cross_entropy_with_logits(t[0], target, weight, posWeight), logits);
    }

    [TestCase(Reduction.Mean)]
    [TestCase(Reduction.Sum)]
    [TestCase(Reduction.None)]
    public void Multilabel_soft_margin_loss_gradient_matches_finite_differences(Reduction reduction)
    {
        using var scope = torch.NewDisposeScope();
        using var g = new Generator(73);
        var logits = GradientCheck.Random(g, 4, 5);
        var target = torch.bernoulli(torch.full(new long[] { 4, 5 }, 0.5, ScalarType.Float64), g);
        GradientCheck.Check(t => F.multilabel_soft_margin_loss(t[0], target, reduction: reduction), logits);
    }

    [Test]
    public void Multilabel_soft_margin_loss_equals_mean_over_classes_of_bce_with_logits()
    {
        using var scope = torch.NewDisposeScope();
        using var g = new Generator(74);
        var logits = GradientCheck.Random(g, 3, 4);
        var target = torch.bernoulli(torch.full(new long[] { 3, 4 }, 0.5, ScalarType.Float64), g);
        var expected = F.binary_cross_entropy_with_logits(logits, target, reduction: Reduction.None).mean(1);
        var actual = F.multilabel_soft_margin_loss(logits, target, reduction: Reduction.None);
        actual.allclose(expected, rtol: 0, atol: Tolerances.Float64).Should().BeTrue();
    }
}
