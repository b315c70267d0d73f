using AdvCam.Torch.IO;
using AdvCam.Torch.Optim;

namespace AdvCam.Torch.Tests.Optim;

public class OptimizerStateTests
{
    private static void Steps(Tensor p, Optimizer optimizer, int count)
    {
        using var c = torch.tensor(OptimizerTestModel.Curvature);
        for (var i = 0; i < count; i++)
        {
            using var scope = torch.NewDisposeScope();
            optimizer.zero_grad();
            (c * p * p).sum().backward();
            optimizer.step();
        }
    }

    private static IEnumerable<TestCaseData> Optimizers()
    {
        yield return new TestCaseData(new Func<Tensor, Optimizer>(p => new SGD(new[] { p }, 0.1, momentum: 0.9, nesterov: true, weight_decay: 0.01))).SetName("SGD_with_Nesterov_momentum");
        yield return new TestCaseData(new Func<Tensor, Optimizer>(p => new AdamW(new[] { p }, 0.01))).SetName("AdamW");
    }

    [TestCaseSource(nameof(Optimizers))]
    public void Resuming_from_saved_state_is_bit_equal_to_an_uninterrupted_run(Func<Tensor, Optimizer> make)
    {
        using var scope = torch.NewDisposeScope();
        var straight = torch.tensor(OptimizerTestModel.Start, requires_grad: true);
        using (var optimizer = make(straight)) Steps(straight, optimizer, 5);

        var first = torch.tensor(OptimizerTestModel.Start, requires_grad: true);
        byte[] saved;
        using (var optimizer = make(first))
        {
            Steps(first, optimizer, 3);
            saved = Safetensors.Serialize(optimizer.state_dict());
        }
        var resumed = first.detach().clone().requires_grad_();
        using (var optimizer = make(resumed))
        {
            optimizer.load_state_dict(Safetensors.Load(saved));
            Steps(resumed, optimizer, 2);
        }
        resumed.ToArray<double>().Should().Equal(straight.ToArray<double>());

        var fresh = first.detach().clone().requires_grad_();
        using (var optimizer = make(fresh)) Steps(fresh, optimizer, 2);
        fresh.ToArray<double>().Should().NotEqual(straight.ToArray<double>(), "without its state the optimizer restarts");
    }

    [Test]
    public void State_that_does_not_fit_is_refused_listing_every_problem()
    {
        using var scope = torch.NewDisposeScope();
        var p = torch.tensor(OptimizerTestModel.Start, requires_grad: true);
        using var optimizer = new SGD(new[] { p }, 0.1, momentum: 0.9);
        var bad = new Dictionary<string, Tensor>
        {
            ["0.momentum_buffer"] = torch.zeros(2),
            ["0.exp_avg"] = torch.zeros(3),
            ["7.momentum_buffer"] = torch.zeros(3),
        };
        var act = () => optimizer.load_state_dict(bad);
        act.Should().Throw<InvalidDataException>()
            .WithMessage("*0.momentum_buffer: Float32 [2], but the parameter is Float64 [3]*0.exp_avg: SGD has no state 'exp_avg'*7.momentum_buffer: not*");
    }

    [Test]
    public void State_dict_of_a_fresh_optimizer_is_empty_and_state_is_freed_on_dispose()
    {
        var start = Tensor.LiveCount;
        using (var scope = torch.NewDisposeScope())
        {
            var p = torch.tensor(OptimizerTestModel.Start, requires_grad: true);
            using var optimizer = new AdamW(new[] { p });
            optimizer.state_dict().Should().BeEmpty();
            Steps(p, optimizer, 1);
            optimizer.state_dict().Keys.Should().BeEquivalentTo("0.exp_avg", "0.exp_avg_sq", "0.step");
            optimizer.load_state_dict(optimizer.state_dict());
        }
        Tensor.LiveCount.Should().Be(start);
    }
}
