using AdvCam.Torch.Nn;

namespace AdvCam.Torch.Tests.Nn;

/// <summary>F.cross_entropy against a hand-worked two-sample example.</summary>
public class CrossEntropyValueTests
{
    // Sample 0: logits (0, 0, 0), target 1: p = 1/3, loss ln 3.
    // Sample 1: logits (0, ln 2, ln 5), target 2: p = 5/8, loss ln 1.6.
    private static Tensor Logits(bool requiresGrad = false) =>
        torch.tensor(new double[] { 0, 0, 0, 0, Math.Log(2), Math.Log(5) }, new long[] { 2, 3 }, requires_grad: requiresGrad);

    private static Tensor Target() => torch.tensor(new long[] { 1, 2 });

    [Test]
    public void Mean_sum_and_none_reductions()
    {
        using var scope = torch.NewDisposeScope();
        F.cross_entropy(Logits(), Target()).item<double>().Should().BeApproximately((Math.Log(3) + Math.Log(1.6)) / 2, Tolerances.Float64);
        F.cross_entropy(Logits(), Target(), reduction: Reduction.Sum).item<double>().Should().BeApproximately(Math.Log(4.8), Tolerances.Float64);
        var none = F.cross_entropy(Logits(), Target(), reduction: Reduction.None).ToArray<double>();
        none.Should().HaveCount(2);
        none[0].Should().BeApproximately(Math.Log(3), Tolerances.Float64);
        none[1].Should().BeApproximately(Math.Log(1.6), Tolerances.Float64);
    }

    [Test]
    public void Class_weights_give_a_weighted_mean()
    {
        using var scope = torch.NewDisposeScope();
        var weight = torch.tensor(new double[] { 1, 2, 3 });
        var loss = F.cross_entropy(Logits(), Target(), weight).item<double>();
        loss.Should().BeApproximately((2 * Math.Log(3) + 3 * Math.Log(1.6)) / 5, Tolerances.Float64);
    }

    [Test]
    public void Ignore_index_drops_a_sample_from_the_mean()
    {
        using var scope = torch.NewDisposeScope();
        var target = torch.tensor(new long[] { -100, 2 });
        F.cross_entropy(Logits(), target).item<double>().Should().BeApproximately(Math.Log(1.6), Tolerances.Float64);
        F.cross_entropy(Logits(), torch.tensor(new long[] { 1, 7 }), ignore_index: 7).item<double>()
            .Should().BeApproximately(Math.Log(3), Tolerances.Float64);
    }

    [Test]
    public void Label_smoothing_mixes_in_the_uniform_target()
    {
        using var scope = torch.NewDisposeScope();
        // loss_i = 0.7 * nll_i + 0.3 * mean_c(-log p_c); sample 1: -log p = (ln 8, ln 4, ln 1.6).
        var expected0 = Math.Log(3);
        var expected1 = 0.7 * Math.Log(1.6) + 0.1 * (Math.Log(8) + Math.Log(4) + Math.Log(1.6));
        var none = F.cross_entropy(Logits(), Target(), reduction: Reduction.None, label_smoothing: 0.3).ToArray<double>();
        none[0].Should().BeApproximately(expected0, Tolerances.Float64);
        none[1].Should().BeApproximately(expected1, Tolerances.Float64);
    }

    [Test]
    public void Gradient_is_softmax_minus_one_hot_over_n()
    {
        using var scope = torch.NewDisposeScope();
        var logits = Logits(requiresGrad: true);
        var grad = torch.autograd.grad(F.cross_entropy(logits, Target()), logits).ToArray<double>();
        var expected = new[] { 1.0 / 6, (1.0 / 3 - 1) / 2, 1.0 / 6, 1.0 / 16, 2.0 / 16, (5.0 / 8 - 1) / 2 };
        for (var i = 0; i < expected.Length; i++) grad[i].Should().BeApproximately(expected[i], Tolerances.Float64);
    }

    [Test]
    public void Nll_loss_of_log_softmax_equals_cross_entropy()
    {
        using var scope = torch.NewDisposeScope();
        var viaNll = F.nll_loss(F.log_softmax(Logits(), 1), Target()).item<double>();
        viaNll.Should().BeApproximately(F.cross_entropy(Logits(), Target()).item<double>(), Tolerances.Float64);
    }
}
