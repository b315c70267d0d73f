using AdvCam.Torch.Nn;

namespace AdvCam.Torch.Tests;

/// <summary>Native failures surface as <see cref="TorchException"/> carrying libtorch's text, and leave the engine usable.</summary>
public class TorchExceptionTests
{
    [Test]
    public void Matmul_shape_mismatch_names_the_op_and_carries_libtorch_text()
    {
        using var scope = torch.NewDisposeScope();
        var a = torch.ones(2, 3);
        var b = torch.ones(2, 3);

        var act = () => a.matmul(b);

        var e = act.Should().Throw<TorchException>().Which;
        e.Operation.Should().Be("matmul");
        e.NativeMessage.Should().Contain("mat1 and mat2 shapes cannot be multiplied (2x3 and 2x3)");
        e.Message.Should().StartWith("matmul: ");
        // The next call works and reports no stale error.
        a.matmul(b.transpose(0, 1)).ToArray<float>().Should().Equal(3f, 3f, 3f, 3f);
    }

    [Test]
    public void Conv2d_with_the_wrong_channel_count_names_the_op()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.ones(1, 3, 5, 5);
        var w = torch.ones(4, 2, 3, 3);

        var act = () => F.conv2d(x, w);

        var e = act.Should().Throw<TorchException>().Which;
        e.Operation.Should().Be("conv2d");
        e.NativeMessage.Should().Contain("expected input[1, 3, 5, 5] to have 2 channels, but got 3 channels instead");
        F.conv2d(x, torch.ones(4, 3, 3, 3)).shape.Should().Equal(1, 4, 3, 3);
    }

    [Test]
    public void Broadcast_mismatch_in_add()
    {
        using var scope = torch.NewDisposeScope();
        var act = () => torch.ones(2, 3) + torch.ones(4);
        act.Should().Throw<TorchException>().Where(e => e.Operation == "add" && e.NativeMessage.Contains("must match the size"));
    }

    [Test]
    public void Disposed_tensor_throws_ObjectDisposedException()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.ones(2);
        var y = torch.ones(2);
        x.Dispose();
        x.IsDisposed.Should().BeTrue();
        x.ToString().Should().Be("Tensor(disposed)");

        ((Action)(() => x.sum())).Should().Throw<ObjectDisposedException>();
        ((Action)(() => _ = y + x)).Should().Throw<ObjectDisposedException>("a disposed argument is caught before the native call");
        ((Action)(() => _ = x.shape)).Should().Throw<ObjectDisposedException>();
        ((Action)(() => torch.cat(new[] { y, x }))).Should().Throw<ObjectDisposedException>();
        x.Dispose(); // twice is fine
        (y + 1).ToArray<float>().Should().Equal(2f, 2f);
    }

    [Test]
    public void Disposed_generator_throws_ObjectDisposedException()
    {
        using var scope = torch.NewDisposeScope();
        var g = new Generator(1);
        g.Dispose();
        ((Action)(() => torch.rand(new long[] { 2 }, g))).Should().Throw<ObjectDisposedException>();
    }

    [Test]
    public void Index_out_of_range()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.arange(6).reshape(2, 3);

        ((Action)(() => x.select(1, 3))).Should().Throw<TorchException>()
            .Where(e => e.Operation == "select" && e.NativeMessage.Contains("out of range"));
        ((Action)(() => x.index_select(1, torch.tensor(new long[] { 0, 5 })))).Should().Throw<TorchException>()
            .Where(e => e.Operation == "index_select" && e.NativeMessage.Contains("out of"));
        ((Action)(() => x.gather(1, torch.tensor(new long[] { 0, 3 }, new long[] { 2, 1 })))).Should().Throw<TorchException>()
            .Where(e => e.Operation == "gather" && e.NativeMessage.Contains("out of bounds"));
        ((Action)(() => x.sum(2))).Should().Throw<TorchException>()
            .Where(e => e.Operation == "sum" && e.NativeMessage.Contains("Dimension out of range"));
        ((Action)(() => x.size(2))).Should().Throw<ArgumentOutOfRangeException>();
        x.select(1, 2).ToArray<long>().Should().Equal(2, 5);
    }

    [Test]
    public void Cross_entropy_with_a_wrong_target_dtype()
    {
        using var scope = torch.NewDisposeScope();
        var logits = torch.zeros(2, 3);
        var intTarget = torch.tensor(new int[] { 0, 1 });

        var act = () => F.cross_entropy(logits, intTarget);

        act.Should().Throw<TorchException>().Where(e => e.Operation == "cross_entropy" && e.NativeMessage.Length > 0);
        F.cross_entropy(logits, intTarget.@long()).item<float>().Should().BeApproximately((float)Math.Log(3), 1e-6f);
    }

    [Test]
    public void Cross_entropy_with_an_out_of_range_class()
    {
        using var scope = torch.NewDisposeScope();
        var act = () => F.cross_entropy(torch.zeros(2, 3), torch.tensor(new long[] { 0, 3 }));
        act.Should().Throw<TorchException>().Where(e => e.Operation == "cross_entropy" && e.NativeMessage.Contains("out of bounds"));
    }

    [Test]
    public void Backward_of_a_non_scalar_without_gradient()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.ones(new long[] { 3 }, ScalarType.Float64, requires_grad: true);
        var act = () => (x * 2).backward();
        act.Should().Throw<TorchException>().Where(e => e.Operation == "backward" && e.NativeMessage.Contains("scalar outputs"));
    }

    [Test]
    public void Thousand_failing_calls_in_a_row_do_not_crash_or_leak()
    {
        long before;
        using (var scope = torch.NewDisposeScope())
        {
            var a = torch.ones(2, 3);
            var b = torch.ones(4, 5);
            before = LiveTensors.Settled();
            for (var i = 0; i < 1000; i++)
            {
                var act = i % 2 == 0 ? (Action)(() => a.matmul(b)) : () => F.conv2d(a, b);
                act.Should().Throw<TorchException>();
            }
            Tensor.LiveCount.Should().Be(before, "a failing call creates no handle");
            a.matmul(b.narrow(0, 0, 3)).shape.Should().Equal(2, 5);
        }
        LiveTensors.Settled().Should().Be(before - 2);
    }
}
