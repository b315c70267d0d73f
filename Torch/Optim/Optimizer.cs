using System.Globalization;
using AdvCam.Torch.Interop;

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

    /// <summary>
    /// The per-parameter state tensors (momentum buffers, moments), named <c>&lt;parameter index&gt;.&lt;field&gt;</c>;
    /// entries not created yet are absent. Override to expose state.
    /// </summary>
    protected virtual IReadOnlyList<(string Field, IntPtr[] Slots)> TensorState => Array.Empty<(string, IntPtr[])>();

    /// <summary>Per-parameter step counts (AdamW), saved as <c>&lt;index&gt;.step</c>; null when the optimizer keeps none.</summary>
    protected virtual long[]? StepCounts => null;

    /// <summary>
    /// The optimizer's state as named tensors (<c>0.momentum_buffer</c>, <c>3.exp_avg</c>, <c>3.step</c>, ...), new
    /// handles the caller disposes (or a scope frees), ready for safetensors. With <see cref="load_state_dict"/> a
    /// resumed run continues exactly where it stopped.
    /// </summary>
    public Dictionary<string, Tensor> state_dict()
    {
        var result = new Dictionary<string, Tensor>();
        foreach (var (field, slots) in TensorState)
            for (var i = 0; i < slots.Length; i++)
                if (slots[i] != IntPtr.Zero) result[Key(i, field)] = Tensor.Wrap(NativeMethods.advt_alias(slots[i]), "Optimizer.state_dict");
        if (StepCounts is { } steps)
            for (var i = 0; i < steps.Length; i++)
                if (steps[i] > 0) result[Key(i, "step")] = torch.scalar_tensor(steps[i], ScalarType.Int64);
        return result;
    }

    /// <summary>
    /// Replaces the optimizer's state with copies of <paramref name="state"/> (as <see cref="state_dict"/> names it), moved
    /// to each parameter's device. Every key must name a known field of an existing parameter, and every tensor must have
    /// its parameter's shape and dtype; otherwise nothing is changed and the message lists the problems.
    /// </summary>
    /// <exception cref="InvalidDataException">The state does not fit this optimizer.</exception>
    public void load_state_dict(IReadOnlyDictionary<string, Tensor> state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var fields = TensorState.ToDictionary(f => f.Field, f => f.Slots);
        var steps = StepCounts;
        var problems = new List<string>();
        var parsed = new List<(int Index, string Field, Tensor Value)>();
        foreach (var (key, value) in state)
        {
            var dot = key.IndexOf('.', StringComparison.Ordinal);
            if (dot <= 0 || !int.TryParse(key.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out var index) || index >= parameters.Length)
            {
                problems.Add($"{key}: not '<parameter index>.<field>' for {parameters.Length} parameters");
                continue;
            }
            var field = key[(dot + 1)..];
            if (field == "step" && steps is not null)
            {
                if (value.numel() != 1 || value.dtype.IsFloatingPoint()) problems.Add($"{key}: a step count must be one integer");
            }
            else if (!fields.ContainsKey(field))
            {
                problems.Add($"{key}: {GetType().Name} has no state '{field}'");
                continue;
            }
            else if (!value.shape.SequenceEqual(parameters[index].shape) || value.dtype != parameters[index].dtype)
            {
                problems.Add($"{key}: {value.dtype} {value.ShapeText}, but the parameter is {parameters[index].dtype} {parameters[index].ShapeText}");
            }
            parsed.Add((index, field, value));
        }
        if (problems.Count > 0) throw new InvalidDataException($"optimizer state does not fit {GetType().Name}: " + string.Join("; ", problems));
        foreach (var (_, slots) in fields)
            for (var i = 0; i < slots.Length; i++)
            {
                NativeMethods.advt_free(slots[i]);
                slots[i] = IntPtr.Zero;
            }
        if (steps is not null) Array.Clear(steps);
        foreach (var (index, field, value) in parsed)
        {
            if (field == "step")
            {
                steps![index] = value.item<long>();
                continue;
            }
            using var moved = value.to(parameters[index].device);
            var copy = NativeMethods.advt_clone(moved.Handle);
            if (copy == IntPtr.Zero) throw Tensor.LastError("Optimizer.load_state_dict");
            fields[field][index] = copy;
        }
    }

    private static string Key(int index, string field) => index.ToString(CultureInfo.InvariantCulture) + "." + field;

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
