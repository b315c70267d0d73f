using AdvCam.Torch.Interop;

namespace AdvCam.Torch.Optim;

/// <summary>
/// Stochastic gradient descent with PyTorch's exact rule: d = g + wd * p; with momentum,
/// b = momentum * b + (1 - dampening) * d (b = d on the first step) and d = nesterov ? d + momentum * b : b;
/// p -= lr * d.
/// </summary>
public sealed class SGD : Optimizer
{
    private readonly IntPtr[] buffers;

    /// <summary>Creates the optimizer.</summary>
    public SGD(IEnumerable<Tensor> parameters, double lr, double momentum = 0, double dampening = 0, double weight_decay = 0,
        bool nesterov = false, bool maximize = false)
        : base(parameters, lr)
    {
        if (nesterov && (momentum <= 0 || dampening != 0))
            throw new ArgumentException("Nesterov momentum requires a momentum and zero dampening");
        Momentum = momentum;
        Dampening = dampening;
        WeightDecay = weight_decay;
        Nesterov = nesterov;
        Maximize = maximize;
        buffers = new IntPtr[Parameters.Count];
    }

    /// <summary>Momentum factor.</summary>
    public double Momentum { get; }

    /// <summary>Dampening of the momentum.</summary>
    public double Dampening { get; }

    /// <summary>L2 penalty added to the gradient.</summary>
    public double WeightDecay { get; }

    /// <summary>Whether Nesterov momentum is used.</summary>
    public bool Nesterov { get; }

    /// <summary>Whether the objective is maximised.</summary>
    public bool Maximize { get; }

    /// <inheritdoc />
    protected override IReadOnlyList<(string Field, IntPtr[] Slots)> TensorState => new[] { ("momentum_buffer", buffers) };

    /// <inheritdoc />
    protected override unsafe void Update(int index, Tensor parameter, Tensor grad)
    {
        fixed (IntPtr* buffer = &buffers[index])
            Tensor.Check(NativeMethods.advt_sgd_update(parameter.Handle, grad.Handle, buffer, lr, Momentum, Dampening, WeightDecay,
                Nesterov ? 1 : 0, Maximize ? 1 : 0), "SGD.step");
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        for (var i = 0; i < buffers.Length; i++)
        {
            NativeMethods.advt_free(buffers[i]);
            buffers[i] = IntPtr.Zero;
        }
    }
}
