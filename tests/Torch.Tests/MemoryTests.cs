namespace AdvCam.Torch.Tests;

/// <summary>Dispose scopes free every native handle: many tiny ops leave <see cref="Tensor.LiveCount"/> where it started.</summary>
public class MemoryTests
{
    [Test]
    public void Hundred_thousand_ops_each_in_its_own_scope_free_every_tensor()
    {
        using var outer = torch.NewDisposeScope();
        var x = torch.ones(4);
        var start = LiveTensors.Settled();
        for (var i = 0; i < 100_000; i++)
        {
            using var scope = torch.NewDisposeScope();
            var y = (x + 1) * 2;
            if (i == 0) y.ToArray<float>().Should().Equal(4f, 4f, 4f, 4f);
        }
        Tensor.LiveCount.Should().Be(start);
        DisposeScope.Current.Should().BeSameAs(outer);
    }

    [Test]
    public void One_scope_around_a_thousand_ops_repeated_frees_every_tensor()
    {
        using var outer = torch.NewDisposeScope();
        var x = torch.ones(4);
        var start = LiveTensors.Settled();
        for (var round = 0; round < 100; round++)
        {
            using var scope = torch.NewDisposeScope();
            var y = x;
            for (var i = 0; i < 1000; i++) y = (y + 1) * 0.5;
            scope.Count.Should().Be(2000);
            Tensor.LiveCount.Should().Be(start + 2000);
            y.ToArray<float>()[0].Should().BeApproximately(1f, 1e-6f);
        }
        Tensor.LiveCount.Should().Be(start);
    }

    [Test]
    public void Ops_that_return_two_tensors_and_autograd_free_everything()
    {
        using var outer = torch.NewDisposeScope();
        var x = torch.tensor(new double[] { 3, 1, 2 });
        var start = LiveTensors.Settled();
        for (var i = 0; i < 1000; i++)
        {
            using var scope = torch.NewDisposeScope();
            var (values, indices) = x.topk(2);
            var leaf = values.detach().requires_grad_();
            var loss = (leaf * leaf).sum();
            loss.backward();
            _ = leaf.grad!;
            _ = torch.autograd.grad(new[] { (leaf * 3).sum() }, new[] { leaf });
            _ = indices.sum();
        }
        Tensor.LiveCount.Should().Be(start);
    }

    [Test]
    public void Disposing_a_tensor_early_inside_a_scope_is_safe()
    {
        using var outer = torch.NewDisposeScope();
        var start = LiveTensors.Settled();
        using (var scope = torch.NewDisposeScope())
        {
            var t = torch.ones(3);
            t.Dispose();
            Tensor.LiveCount.Should().Be(start);
        }
        Tensor.LiveCount.Should().Be(start);
    }
}
