namespace AdvCam.Torch.Tests;

/// <summary>Ownership rules of <see cref="DisposeScope"/>: adoption, MoveToOuter, Detach, nesting.</summary>
public class DisposeScopeTests
{
    [Test]
    public void Tensors_created_in_a_scope_are_freed_with_it()
    {
        using var outer = torch.NewDisposeScope();
        var start = LiveTensors.Settled();
        Tensor t;
        using (var scope = torch.NewDisposeScope())
        {
            DisposeScope.Current.Should().BeSameAs(scope);
            t = torch.ones(2) + 1;
            scope.Count.Should().Be(2);
        }
        t.IsDisposed.Should().BeTrue();
        Tensor.LiveCount.Should().Be(start);
        DisposeScope.Current.Should().BeSameAs(outer);
    }

    [Test]
    public void MoveToOuter_keeps_a_tensor_alive_until_the_outer_scope_ends()
    {
        var start = LiveTensors.Settled();
        Tensor kept;
        using (var outer = torch.NewDisposeScope())
        {
            using (var inner = torch.NewDisposeScope())
            {
                var temp = torch.ones(3);
                kept = inner.MoveToOuter(temp * 5);
                inner.Count.Should().Be(1);
                outer.Count.Should().Be(1);
            }
            kept.IsDisposed.Should().BeFalse();
            kept.ToArray<float>().Should().Equal(5f, 5f, 5f);
            Tensor.LiveCount.Should().Be(start + 1);
        }
        kept.IsDisposed.Should().BeTrue();
        Tensor.LiveCount.Should().Be(start);
    }

    [Test]
    public void MoveToOuter_without_an_outer_scope_hands_the_tensor_to_the_caller()
    {
        var start = LiveTensors.Settled();
        Tensor kept;
        using (var only = torch.NewDisposeScope())
        {
            kept = only.MoveToOuter(torch.ones(2));
        }
        kept.IsDisposed.Should().BeFalse();
        Tensor.LiveCount.Should().Be(start + 1);
        kept.Dispose();
        Tensor.LiveCount.Should().Be(start);
    }

    [Test]
    public void MoveToOuter_of_several_tensors()
    {
        using var outer = torch.NewDisposeScope();
        Tensor a, b;
        using (var inner = torch.NewDisposeScope())
        {
            a = torch.ones(1);
            b = torch.zeros(1);
            inner.MoveToOuter(a, b);
        }
        a.IsDisposed.Should().BeFalse();
        b.IsDisposed.Should().BeFalse();
        outer.Count.Should().Be(2);
    }

    [Test]
    public void MoveToOuter_of_a_tensor_owned_elsewhere_throws()
    {
        using var outer = torch.NewDisposeScope();
        var mine = torch.ones(1);
        using var inner = torch.NewDisposeScope();
        var act = () => inner.MoveToOuter(mine);
        act.Should().Throw<InvalidOperationException>();
        mine.IsDisposed.Should().BeFalse();
    }

    [Test]
    public void Detach_takes_a_tensor_out_of_every_scope()
    {
        var start = LiveTensors.Settled();
        Tensor free;
        using (var outer = torch.NewDisposeScope())
        {
            using (var inner = torch.NewDisposeScope())
            {
                free = DisposeScope.Detach(torch.ones(2) * 3);
                inner.Count.Should().Be(1);
            }
            outer.Count.Should().Be(0);
        }
        free.IsDisposed.Should().BeFalse();
        free.ToArray<float>().Should().Equal(3f, 3f);
        Tensor.LiveCount.Should().Be(start + 1);
        free.Dispose();
        Tensor.LiveCount.Should().Be(start);
    }

    [Test]
    public void Detach_of_an_unowned_tensor_is_a_no_op()
    {
        var start = LiveTensors.Settled();
        using (var scope = torch.NewDisposeScope())
        {
            var t = scope.MoveToOuter(torch.ones(1));
            DisposeScope.Detach(t).Should().BeSameAs(t);
            t.Dispose();
        }
        Tensor.LiveCount.Should().Be(start);
    }

    [Test]
    public void An_inner_scope_left_open_is_closed_with_its_parent()
    {
        var before = DisposeScope.Current;
        var start = LiveTensors.Settled();
        Tensor leftOver;
        var outer = torch.NewDisposeScope();
        var inner = torch.NewDisposeScope();
        leftOver = torch.ones(1);
        outer.Dispose();
        leftOver.IsDisposed.Should().BeTrue();
        DisposeScope.Current.Should().BeSameAs(before);
        inner.Dispose(); // already closed: no effect
        DisposeScope.Current.Should().BeSameAs(before);
        Tensor.LiveCount.Should().Be(start);
    }
}
