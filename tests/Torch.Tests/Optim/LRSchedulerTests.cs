using AdvCam.Torch.Optim;

namespace AdvCam.Torch.Tests.Optim;

public class LRSchedulerTests
{
    private static SGD NewOptimizer(double lr)
    {
        var p = torch.zeros(new long[] { 1 }, ScalarType.Float32, requires_grad: true);
        return new SGD(new[] { p }, lr);
    }

    [Test]
    public void StepLR_multiplies_by_gamma_every_step_size_epochs()
    {
        using var scope = torch.NewDisposeScope();
        using var opt = NewOptimizer(1.0);
        var s = new StepLR(opt, step_size: 2, gamma: 0.5);
        var lrs = new List<double>();
        for (var e = 0; e < 6; e++)
        {
            lrs.Add(opt.lr);
            s.step();
        }
        lrs.Should().Equal(1, 1, 0.5, 0.5, 0.25, 0.25);
    }

    [Test]
    public void Cosine_goes_from_base_to_eta_min_through_the_midpoint()
    {
        using var scope = torch.NewDisposeScope();
        using var opt = NewOptimizer(1.0);
        var s = new CosineAnnealingLR(opt, T_max: 10, eta_min: 0.1);
        s.LrAt(0).Should().BeApproximately(1.0, 1e-12);
        s.LrAt(5).Should().BeApproximately(0.55, 1e-12);
        s.LrAt(10).Should().BeApproximately(0.1, 1e-12);
        s.LrAt(20).Should().BeApproximately(0.1, 1e-12);
        s.set_epoch(5);
        opt.lr.Should().BeApproximately(0.55, 1e-12);
    }

    [Test]
    public void Poly_decays_to_zero()
    {
        using var scope = torch.NewDisposeScope();
        using var opt = NewOptimizer(0.01);
        var s = new PolyLR(opt, total_iters: 4, power: 0.9);
        s.LrAt(2).Should().BeApproximately(0.01 * Math.Pow(0.5, 0.9), 1e-15);
        s.LrAt(4).Should().Be(0);
    }
}
