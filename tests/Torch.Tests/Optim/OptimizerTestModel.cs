namespace AdvCam.Torch.Tests.Optim;

/// <summary>A quadratic loss sum(c * p²) with gradient 2 c p, simulated independently in doubles.</summary>
internal static class OptimizerTestModel
{
    public static readonly double[] Start = { 1.0, -2.0, 0.5 };
    public static readonly double[] Curvature = { 1.0, 0.5, 3.0 };

    /// <summary>Runs <paramref name="steps"/> optimizer steps on the quadratic; returns the final parameter values.</summary>
    public static double[] Run(Func<Tensor, AdvCam.Torch.Optim.Optimizer> make, int steps, Action<AdvCam.Torch.Optim.Optimizer>? afterStep = null)
    {
        using var scope = torch.NewDisposeScope();
        var p = torch.tensor(Start, requires_grad: true);
        var c = torch.tensor(Curvature);
        using var optimizer = make(p);
        for (var i = 0; i < steps; i++)
        {
            optimizer.zero_grad();
            (c * p * p).sum().backward();
            optimizer.step();
            afterStep?.Invoke(optimizer);
        }
        return p.ToArray<double>();
    }

    public static double Gradient(int i, double p) => 2 * Curvature[i] * p;
}
