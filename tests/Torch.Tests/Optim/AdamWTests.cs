using AdvCam.Torch.Optim;

namespace AdvCam.Torch.Tests.Optim;

public class AdamWTests
{
    [TestCase(0.0)]
    [TestCase(0.05)]
    public void Matches_PyTorch_update_rule_simulated_by_hand(double weightDecay)
    {
        const double lr = 0.01, b1 = 0.9, b2 = 0.999, eps = 1e-8;
        const int steps = 6;
        var actual = OptimizerTestModel.Run(p => new AdamW(new[] { p }, lr, b1, b2, eps, weightDecay), steps);

        var p = (double[])OptimizerTestModel.Start.Clone();
        var m = new double[p.Length];
        var v = new double[p.Length];
        for (var t = 1; t <= steps; t++)
            for (var i = 0; i < p.Length; i++)
            {
                var g = OptimizerTestModel.Gradient(i, p[i]);
                p[i] *= 1 - lr * weightDecay;
                m[i] = b1 * m[i] + (1 - b1) * g;
                v[i] = b2 * v[i] + (1 - b2) * g * g;
                var denom = Math.Sqrt(v[i]) / Math.Sqrt(1 - Math.Pow(b2, t)) + eps;
                p[i] -= lr / (1 - Math.Pow(b1, t)) * m[i] / denom;
            }
        actual.Should().Equal(p, (a, e) => Math.Abs(a - e) < 1e-10);
    }

    [Test]
    public void Frees_its_state_when_disposed()
    {
        var start = Tensor.LiveCount;
        OptimizerTestModel.Run(p => new AdamW(new[] { p }), 3);
        Tensor.LiveCount.Should().Be(start);
    }
}
