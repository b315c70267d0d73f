using System.Runtime.CompilerServices;

namespace AdvCam.Torch.Tests;

public class LeakGuardTests
{
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void DropTensorsOutsideAnyScope(int count)
    {
        for (var i = 0; i < count; i++) _ = torch.ones(4) + 1; // two tensors each, never disposed
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void DropTensorsMovedOutOfScopes(int count)
    {
        for (var i = 0; i < count; i++)
        {
            using var scope = torch.NewDisposeScope();
            scope.MoveToOuter(torch.ones(4));        // no outer scope: nobody owns it now
            DisposeScope.Detach(torch.zeros(4));     // detached: the caller should dispose it, but does not
        }
    }

    [Test]
    public void Tensors_dropped_outside_every_scope_are_freed_after_garbage_collection()
    {
        var start = LiveTensors.Settled();
        DropTensorsOutsideAnyScope(500);
        DropTensorsMovedOutOfScopes(500);
        Tensor.LiveCount.Should().BeGreaterThan(start);
        LiveTensors.Settled().Should().Be(start);
    }

    [Test]
    public void Disposed_tensors_are_not_freed_twice_by_their_guard()
    {
        var start = LiveTensors.Settled();
        for (var i = 0; i < 100; i++)
        {
            var t = torch.ones(2);
            t.Dispose();
            t.Dispose();
        }
        LiveTensors.Settled().Should().Be(start);
        using var still = torch.ones(1);
        still.item<float>().Should().Be(1);
    }
}
