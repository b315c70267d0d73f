namespace AdvCam.Torch.Optim;

/// <summary>
/// Updates parameters from their gradients. One parameter group with a learning rate that schedules change
/// (<see cref="lr"/>); per-parameter state (momentum buffers, moments) is owned and freed by the optimizer.
/// </summary>
public abstract class Optimizer : IDisposable
{
    private readonly Tensor[] parameters;

    /// <summary>Creates the optimizer over <paramref name="parameters"/>.</summary>
    protected Optimizer(IEnumerable<Tensor> parameters, double lr)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (!(lr >= 0)) throw new ArgumentOutOfRangeException(nameof(lr), lr, "learning rate must be >= 0");
        this.parameters = parameters.ToArray();
        if (this.parameters.Length == 0) throw new ArgumentException("optimizer got an empty parameter list", nameof(parameters));
        this.lr = lr;
        initial_lr = lr;
    }

    /// <summary>The current learning rate.</summary>
    public double lr { get; set; }

    /// <summary>The learning rate the optimizer was created with (what schedules scale).</summary>
    public double initial_lr { get; }

    /// <summary>The parameters being optimised.</summary>
    protected IReadOnlyList<Tensor> Parameters => parameters;

    /// <summary>Applies one update to every parameter that has a gradient.</summary>
    public void step()
    {
        for (var i = 0; i < parameters.Length; i++)
        {
            using var grad = parameters[i].grad;
            if (grad is null) continue;
            Update(i, parameters[i], grad);
        }
        AfterStep();
    }

    /// <summary>Updates parameter <paramref name="index"/> given its gradient.</summary>
    protected abstract void Update(int index, Tensor parameter, Tensor grad);

    /// <summary>Called once after every parameter was updated.</summary>
    protected virtual void AfterStep()
    {
    }

    /// <summary>Drops (or zeroes) every parameter's gradient.</summary>
    public void zero_grad(bool set_to_none = true)
    {
        foreach (var p in parameters) p.zero_grad(set_to_none);
    }

    /// <summary>Frees the optimizer state.</summary>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Frees the optimizer state.</summary>
    protected abstract void Dispose(bool disposing);
}
