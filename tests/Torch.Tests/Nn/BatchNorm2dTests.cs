using AdvCam.Torch.Nn;

namespace AdvCam.Torch.Tests.Nn;

public class BatchNorm2dTests
{
    [Test]
    public void Training_normalises_with_batch_statistics_and_updates_running_ones()
    {
        using var scope = torch.NewDisposeScope();
        using var bn = new BatchNorm2d(1, momentum: 0.1);
        // One channel, values 1..4: mean 2.5, biased variance 1.25, unbiased 5/3.
        var x = torch.tensor(new float[] { 1, 2, 3, 4 }, new long[] { 2, 1, 1, 2 });
        var y = bn.forward(x).ToArray<float>();
        var sd = Math.Sqrt(1.25 + 1e-5);
        y.Should().BeEquivalentTo(new[] { -1.5 / sd, -0.5 / sd, 0.5 / sd, 1.5 / sd }.Select(v => (float)v),
            o => o.Using<float>(c => c.Subject.Should().BeApproximately(c.Expectation, 1e-5f)).WhenTypeIs<float>());
        bn.running_mean.item<float>().Should().BeApproximately(0.25f, 1e-6f);               // 0.9*0 + 0.1*2.5
        bn.running_var.item<float>().Should().BeApproximately(0.9f + 0.1f * 5 / 3f, 1e-6f); // unbiased
        bn.num_batches_tracked.item<long>().Should().Be(1);
    }

    [Test]
    public void Eval_uses_running_statistics()
    {
        using var scope = torch.NewDisposeScope();
        using var bn = new BatchNorm2d(1);
        bn.running_mean.fill_(2);
        bn.running_var.fill_(4);
        bn.eval();
        var y = bn.forward(torch.tensor(new float[] { 2, 6 }, new long[] { 2, 1, 1, 1 })).ToArray<float>();
        y[0].Should().BeApproximately(0, 1e-6f);
        y[1].Should().BeApproximately((float)(4 / Math.Sqrt(4 + 1e-5)), 1e-5f);
        bn.num_batches_tracked.item<long>().Should().Be(0);
    }
}
