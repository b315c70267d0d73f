using AdvCam.Plugins.Perturbations.AdvBN;

namespace AdvCam.Plugins.Perturbations.Tests.AdvBN;

public class StatisticsShiftTests
{
    /// <summary>Float32 rounding allowed when comparing channel statistics.</summary>
    private const double StatisticTolerance = 1e-4;

    [Test]
    public void Zero_shift_returns_the_features_exactly()
    {
        using var scope = torch.NewDisposeScope();
        var f = torch.randn([2, 3, 5, 5], new Generator(1));
        var zero = torch.zeros(2, 3, 1, 1);
        StatisticsShift.Apply(f, zero, zero, relu: false).equal(f).Should().BeTrue();
    }

    [Test]
    public void Moves_each_channel_mean_and_std_by_the_relative_shifts()
    {
        using var scope = torch.NewDisposeScope();
        using var generator = new Generator(2);
        var f = torch.randn([2, 3, 6, 6], generator).add(1.5);
        var dMu = torch.rand([2, 3, 1, 1], generator).sub(0.5);
        var dSigma = torch.rand([2, 3, 1, 1], generator).sub(0.5);
        var shifted = StatisticsShift.Apply(f, dMu, dSigma, relu: false);
        long[] hw = [2, 3];
        var expectedMean = f.mean(hw, keepdim: true) * (dMu + 1.0);
        var expectedStd = f.std(hw, keepdim: true) * (dSigma + 1.0);
        shifted.mean(hw, keepdim: true).allclose(expectedMean, rtol: StatisticTolerance, atol: StatisticTolerance).Should().BeTrue();
        shifted.std(hw, keepdim: true).allclose(expectedStd, rtol: StatisticTolerance, atol: StatisticTolerance).Should().BeTrue();
    }

    [Test]
    public void Relu_clips_negative_results()
    {
        using var scope = torch.NewDisposeScope();
        var f = torch.rand([1, 2, 4, 4], new Generator(3));
        var dMu = torch.full([1, 2, 1, 1], -1.1);
        var zero = torch.zeros(1, 2, 1, 1);
        StatisticsShift.Apply(f, dMu, zero, relu: false).min().ToDouble().Should().BeLessThan(0);
        StatisticsShift.Apply(f, dMu, zero, relu: true).min().ToDouble().Should().Be(0);
    }

    [Test]
    public void Refuses_shifts_of_the_wrong_shape()
    {
        using var scope = torch.NewDisposeScope();
        var f = torch.rand(2, 3, 4, 4);
        var act = () => StatisticsShift.Apply(f, torch.zeros(2, 3), torch.zeros(2, 3, 1, 1), relu: true);
        act.Should().Throw<ArgumentException>().WithMessage("*d_mu*[2, 3, 1, 1]*[2, 3]*");
    }
}
