namespace AdvCam.Torch.Tests;

/// <summary>torch.autograd.grad, backward accumulation and grad mode, against closed forms.</summary>
public class AutogradTests
{
    [Test]
    public void Grad_of_sum_of_cubes_is_three_x_squared()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.tensor(new double[] { -2, -0.5, 0, 1, 3 }, requires_grad: true);
        var y = x.pow(3).sum();

        var grad = torch.autograd.grad(y, x);

        grad.ToArray<double>().Should().Equal(12, 0.75, 0, 3, 27);
        grad.requires_grad.Should().BeFalse("no graph was requested");
        x.grad.Should().BeNull("autograd.grad does not touch .grad");
    }

    [Test]
    public void Grad_with_create_graph_gives_the_second_derivative()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.tensor(new double[] { -2, -0.5, 0, 1, 3 }, requires_grad: true);
        var y = x.pow(3).sum();

        var first = torch.autograd.grad(y, x, create_graph: true);
        first.requires_grad.Should().BeTrue("create_graph records the gradient computation");
        var second = torch.autograd.grad(first.sum(), x);

        first.detach().ToArray<double>().Should().Equal(12, 0.75, 0, 3, 27);
        second.ToArray<double>().Should().Equal(-12, -3, 0, 6, 18); // d/dx 3x^2 = 6x
    }

    [Test]
    public void Grad_of_several_inputs_with_grad_outputs()
    {
        using var scope = torch.NewDisposeScope();
        var a = torch.tensor(new double[] { 1, 2 }, requires_grad: true);
        var b = torch.tensor(new double[] { 3, 4 }, requires_grad: true);
        var unused = torch.tensor(new double[] { 5 }, requires_grad: true);
        var y = a * b; // dy/da = b, dy/db = a

        var grads = torch.autograd.grad(new[] { y }, new[] { a, b, unused }, new[] { torch.tensor(new double[] { 10, 100 }) },
            allow_unused: true);

        grads[0]!.ToArray<double>().Should().Equal(30, 400);
        grads[1]!.ToArray<double>().Should().Equal(10, 200);
        grads[2].Should().BeNull("the output does not depend on it");
    }

    [Test]
    public void Backward_twice_with_retain_graph_accumulates_two_x()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.tensor(new double[] { -1.5, 0, 2, 4 }, requires_grad: true);
        var y = (x * x).mul(0.5).sum(); // dy/dx = x

        y.backward(retain_graph: true);
        x.grad!.ToArray<double>().Should().Equal(-1.5, 0, 2, 4);
        y.backward();
        x.grad!.ToArray<double>().Should().Equal(-3, 0, 4, 8);

        x.zero_grad(set_to_none: false);
        x.grad!.ToArray<double>().Should().Equal(0, 0, 0, 0);
        x.zero_grad();
        x.grad.Should().BeNull();
    }

    [Test]
    public void Backward_twice_without_retain_graph_fails_with_libtorch_message()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.tensor(new double[] { 1, 2 }, requires_grad: true);
        var y = x.exp().sum();
        y.backward();

        var act = () => y.backward();

        act.Should().Throw<TorchException>().Where(e => e.Operation == "backward" && e.Message.Contains("second time"));
    }

    [Test]
    public void No_grad_results_do_not_require_grad_and_the_mode_is_restored()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.tensor(new double[] { 1, 2 }, requires_grad: true);
        torch.is_grad_enabled().Should().BeTrue();

        using (torch.no_grad())
        {
            torch.is_grad_enabled().Should().BeFalse();
            var y = x * 2;
            y.requires_grad.Should().BeFalse();
            using (torch.enable_grad())
            {
                torch.is_grad_enabled().Should().BeTrue();
                (x * 2).requires_grad.Should().BeTrue();
            }
            torch.is_grad_enabled().Should().BeFalse("the inner scope restores the outer mode");
        }

        torch.is_grad_enabled().Should().BeTrue();
        (x * 2).requires_grad.Should().BeTrue();
    }

    [Test]
    public void Factory_functions_honour_requires_grad()
    {
        using var scope = torch.NewDisposeScope();
        var shape = new long[] { 2 };
        var made = new[]
        {
            torch.zeros(shape, ScalarType.Float64, requires_grad: true),
            torch.ones(shape, ScalarType.Float64, requires_grad: true),
            torch.full(shape, 3, ScalarType.Float64, requires_grad: true),
            torch.empty(shape, ScalarType.Float64, requires_grad: true),
            torch.tensor(new double[] { 0, 0 }, requires_grad: true),
        };
        using (torch.no_grad()) made[3].zero_(); // in-place updates of such leaves are allowed only without autograd
        foreach (var t in made)
        {
            t.requires_grad.Should().BeTrue();
            t.is_leaf.Should().BeTrue();
            (t * 2).sum().backward();
            t.grad!.ToArray<double>().Should().Equal(2, 2);
        }
        torch.zeros(shape, ScalarType.Float64).requires_grad.Should().BeFalse();
    }

    [Test]
    public void Detach_cuts_the_graph()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.tensor(new double[] { 1, 2 }, requires_grad: true);
        var y = x * 3;
        y.is_leaf.Should().BeFalse();
        var d = y.detach();
        d.requires_grad.Should().BeFalse();
        d.is_leaf.Should().BeTrue();
        d.ToArray<double>().Should().Equal(3, 6);
    }
}
