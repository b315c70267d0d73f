using AdvCam.Torch.Optim;

namespace AdvCam.Torch.Tests.Optim;

public class SGDTests
{
    [TestCase(0.0, 0.0, 0.0, false)]
    [TestCase(0.9, 0.0, 0.0, false)]
    [TestCase(0.9, 0.1, 0.0, false)]
    [TestCase(0.9, 0.0, 0.01, true)]
    [TestCase(0.5, 0.0, 0.1, false)]
    public void Matches_PyTorch_update_rule_simulated_by_hand(double momentum, double dampening, double weightDecay, bool nesterov)
    {
        const double lr = 0.1;
        const int steps = 5;
        var actual = OptimizerTestModel.Run(p => new SGD(new[] { p }, lr, momentum, dampening, weightDecay, nesterov), steps);

        var expected = (double[])OptimizerTestModel.Start.Clone();
        var buffer = new double[expected.Length];
        for (var s = 0; s < steps; s++)
            for (var i = 0; i < expected.Length; i++)
            {
                var d = OptimizerTestModel.Gradient(i, expected[i]) + weightDecay * expected[i];
                if (momentum != 0)
                {
                    buffer[i] = s == 0 ? d : momentum * buffer[i] + (1 - dampening) * d;
                    d = nesterov ? d + momentum * buffer[i] : buffer[i];
                }
                expected[i] -= lr * d;
            }
        actual.Should().Equal(expected, (a, e) => Math.Abs(a - e) < Tolerances.Float64);
    }

    [Test]
    public void Nesterov_without_momentum_is_refused()
    {
        using var scope = torch.NewDisposeScope();
        var p = torch.zeros(new long[] { 1 }, ScalarType.Float32, requires_grad: true);
        var act = () => new SGD(new[] { p }, 0.1, nesterov: true);
        act.Should().Throw<ArgumentException>().WithMessage("*Nesterov*");
    }
}
