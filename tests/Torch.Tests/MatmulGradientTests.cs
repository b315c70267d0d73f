namespace AdvCam.Torch.Tests;

/// <summary>matmul's gradients with respect to both operands against finite differences.</summary>
public class MatmulGradientTests
{
    [Test]
    public void Matrix_times_matrix_gradient_matches_finite_differences()
    {
        using var scope = torch.NewDisposeScope();
        using var g = new Generator(101);
        var a = GradientCheck.Random(g, 3, 4);
        var b = GradientCheck.Random(g, 4, 2);
        GradientCheck.Check(t => t[0].matmul(t[1]), a, b);
    }

    [Test]
    public void Batched_broadcast_matmul_gradient_matches_finite_differences()
    {
        using var scope = torch.NewDisposeScope();
        using var g = new Generator(102);
        var a = GradientCheck.Random(g, 2, 3, 4);
        var b = GradientCheck.Random(g, 4, 5);
        GradientCheck.Check(t => t[0].matmul(t[1]), a, b);
    }

    [Test]
    public void Matrix_times_vector_gradient_matches_finite_differences()
    {
        using var scope = torch.NewDisposeScope();
        using var g = new Generator(103);
        var a = GradientCheck.Random(g, 3, 4);
        var v = GradientCheck.Random(g, 4);
        GradientCheck.Check(t => t[0].matmul(t[1]), a, v);
    }
}
