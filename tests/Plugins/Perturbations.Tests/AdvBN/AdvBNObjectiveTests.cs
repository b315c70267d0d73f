using AdvCam.Plugins.Perturbations.AdvBN;

namespace AdvCam.Plugins.Perturbations.Tests.AdvBN;

public class AdvBNObjectiveTests
{
    /// <summary>Central-difference step on each shift (float64).</summary>
    private const double FiniteDifferenceStep = 1e-6;

    /// <summary>
    /// Allowed |analytic - numeric| per entry, relative to 1 + |analytic|: in float64 the central difference's
    /// truncation error is O(h²) ≈ 1e-12 and its rounding error ≈ 1e-16 · L / h ≈ 1e-9, well below this.
    /// </summary>
    private const double GradientTolerance = 1e-6;

    [TestCase("layer1", true)]
    [TestCase("layer1", false)]
    [TestCase("stem", true)]
    public void Gradient_matches_central_finite_differences_in_float64(string stage, bool relu)
    {
        using var scope = torch.NewDisposeScope();
        using var model = AdvBNTestModels.Tiny();
        model.to(ScalarType.Float64);
        var (images, labels) = AdvBNTestModels.Batch(n: 2, dtype: ScalarType.Float64);
        Tensor features;
        using (torch.no_grad()) features = model.forward_until(images, stage);
        using var generator = new Generator(9);
        long[] shape = [features.size(0), features.size(1), 1, 1];
        var dMu = torch.rand(shape, generator, ScalarType.Float64).mul(0.6).sub(0.3);
        var dSigma = torch.rand(shape, generator, ScalarType.Float64).mul(0.6).sub(0.3);

        var (gradMu, gradSigma) = AdvBNObjective.Gradient(model, stage, features, labels, dMu, dSigma, relu);

        gradMu.abs().max().ToDouble().Should().BeGreaterThan(0, "the loss depends on the mean shifts");
        gradSigma.abs().max().ToDouble().Should().BeGreaterThan(0, "the loss depends on the deviation shifts");
        var numericMu = Numeric(d => AdvBNObjective.Loss(model, stage, features, labels, d, dSigma, relu).ToDouble(), dMu);
        var numericSigma = Numeric(d => AdvBNObjective.Loss(model, stage, features, labels, dMu, d, relu).ToDouble(), dSigma);
        Compare(gradMu.ToArray<double>(), numericMu, "d_mu");
        Compare(gradSigma.ToArray<double>(), numericSigma, "d_sigma");
        model.parameters().Should().AllSatisfy(p => p.grad.Should().BeNull());
    }

    private static double[] Numeric(Func<Tensor, double> loss, Tensor at)
    {
        var values = at.ToArray<double>();
        var gradient = new double[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            using var inner = torch.NewDisposeScope();
            var plus = (double[])values.Clone();
            var minus = (double[])values.Clone();
            plus[i] += FiniteDifferenceStep;
            minus[i] -= FiniteDifferenceStep;
            gradient[i] = (loss(torch.tensor(plus).reshape(at.shape)) - loss(torch.tensor(minus).reshape(at.shape))) / (2 * FiniteDifferenceStep);
        }
        return gradient;
    }

    private static void Compare(double[] analytic, double[] numeric, string what)
    {
        for (var i = 0; i < analytic.Length; i++)
            Math.Abs(analytic[i] - numeric[i]).Should().BeLessThanOrEqualTo(GradientTolerance * (1 + Math.Abs(analytic[i])),
                $"{what}[{i}]: autograd {analytic[i]}, central difference {numeric[i]}");
    }
}
