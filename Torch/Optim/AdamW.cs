using AdvCam.Torch.Interop;

namespace AdvCam.Torch.Optim;

/// <summary>
/// Adam with decoupled weight decay, PyTorch's rule: p *= 1 - lr * wd; m = b1 m + (1-b1) g; v = b2 v + (1-b2) g²;
/// p -= lr / (1 - b1^t) * m / (sqrt(v) / sqrt(1 - b2^t) + eps).
/// </summary>
public sealed class AdamW : Optimizer
{
    private readonly IntPtr[] expAvg;
    private readonly IntPtr[] expAvgSq;
    private readonly long[] steps;

    /// <summary>Creates the optimizer (PyTorch's defaults).</summary>
    public AdamW(IEnumerable<Tensor> parameters, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8,
        double weight_decay = 1e-2)
        : base(parameters, lr)
    {
        Beta1 = beta1;
        Beta2 = beta2;
        Eps = eps;
        WeightDecay = weight_decay;
        expAvg = new IntPtr[Parameters.Count];
        expAvgSq = new IntPtr[Parameters.Count];
        steps = new long[Parameters.Count];
    }

    /// <summary>Decay of the first moment.</summary>
    public double Beta1 { get; }

    /// <summary>Decay of the second moment.</summary>
    public double Beta2 { get; }

    /// <summary>Added to the denominator.</summary>
    public double Eps { get; }

    /// <summary>Decoupled weight decay.</summary>
    public double WeightDecay { get; }

    /// <inheritdoc />
    protected override IReadOnlyList<(string Field, IntPtr[] Slots)> TensorState => new[] { ("exp_avg", expAvg), ("exp_avg_sq", expAvgSq) };

    /// <inheritdoc />
    protected override long[]? StepCounts => steps;

    /// <inheritdoc />
    protected override unsafe void Update(int index, Tensor parameter, Tensor grad)
    {
        fixed (IntPtr* m = &expAvg[index])
        fixed (IntPtr* v = &expAvgSq[index])
            Tensor.Check(NativeMethods.advt_adamw_update(parameter.Handle, grad.Handle, m, v, ++steps[index], lr, Beta1, Beta2, Eps, WeightDecay), "AdamW.step");
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        foreach (var state in new[] { expAvg, expAvgSq })
            for (var i = 0; i < state.Length; i++)
            {
                NativeMethods.advt_free(state[i]);
                state[i] = IntPtr.Zero;
            }
    }
}
