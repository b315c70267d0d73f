using AdvCam.Torch.Interop;

namespace AdvCam.Torch.Nn;

/// <summary>
/// A layer or model: named parameters, buffers and child modules, with PyTorch-compatible state-dict names
/// (<c>layer1.0.conv1.weight</c>), train/eval mode and device moves. Parameters and buffers are owned by the module
/// and freed by <see cref="Dispose()"/>.
/// </summary>
public abstract class Module : IDisposable
{
    private readonly List<KeyValuePair<string, Module>> children = new();
    private readonly List<KeyValuePair<string, Parameter?>> ownParameters = new();
    private readonly List<KeyValuePair<string, Tensor?>> buffers = new();
    private bool disposed;

    /// <summary>Whether the module is in training mode (dropout active, batch statistics used).</summary>
    public bool training { get; private set; } = true;

    /// <summary>Registers a child module under <paramref name="name"/>.</summary>
    protected T register_module<T>(string name, T module) where T : Module
    {
        CheckName(name);
        children.Add(new(name, module));
        return module;
    }

    /// <summary>Registers a parameter (null for an absent one, such as a disabled bias).</summary>
    protected Parameter? register_parameter(string name, Parameter? parameter)
    {
        CheckName(name);
        ownParameters.Add(new(name, parameter));
        return parameter;
    }

    /// <summary>Registers a buffer: state that is saved and moved but not trained (running statistics).</summary>
    protected Tensor register_buffer(string name, Tensor buffer)
    {
        CheckName(name);
        buffers.Add(new(name, DisposeScope.Detach(buffer)));
        return buffer;
    }

    private void CheckName(string name)
    {
        if (string.IsNullOrEmpty(name) || name.Contains('.'))
            throw new ArgumentException($"invalid member name '{name}'", nameof(name));
        if (children.Any(c => c.Key == name) || ownParameters.Any(p => p.Key == name) || buffers.Any(b => b.Key == name))
            throw new ArgumentException($"'{name}' is already registered on {GetType().Name}", nameof(name));
    }

    /// <summary>The direct children, in registration order.</summary>
    public IEnumerable<(string name, Module module)> named_children() => children.Select(c => (c.Key, c.Value));

    /// <summary>Every module in the tree (this one first, named ""), with dotted names.</summary>
    public IEnumerable<(string name, Module module)> named_modules(string prefix = "")
    {
        yield return (prefix, this);
        foreach (var (name, child) in children)
            foreach (var m in child.named_modules(Join(prefix, name)))
                yield return m;
    }

    /// <summary>Every parameter in the tree with its dotted name.</summary>
    public IEnumerable<(string name, Parameter parameter)> named_parameters(string prefix = "")
    {
        foreach (var (name, p) in ownParameters)
            if (p is not null) yield return (Join(prefix, name), p);
        foreach (var (name, child) in children)
            foreach (var p in child.named_parameters(Join(prefix, name)))
                yield return p;
    }

    /// <summary>Every parameter in the tree.</summary>
    public IReadOnlyList<Parameter> parameters() => named_parameters().Select(p => p.parameter).ToList();

    /// <summary>Every buffer in the tree with its dotted name.</summary>
    public IEnumerable<(string name, Tensor buffer)> named_buffers(string prefix = "")
    {
        foreach (var (name, b) in buffers)
            if (b is not null) yield return (Join(prefix, name), b);
        foreach (var (name, child) in children)
            foreach (var b in child.named_buffers(Join(prefix, name)))
                yield return b;
    }

    /// <summary>
    /// Parameters and buffers by dotted name, in PyTorch's order (each module's parameters, then its buffers, then
    /// its children). The tensors are the module's own: do not dispose them.
    /// </summary>
    public IReadOnlyDictionary<string, Tensor> state_dict()
    {
        var result = new Dictionary<string, Tensor>();
        Collect(result, "");
        return result;
    }

    private void Collect(Dictionary<string, Tensor> into, string prefix)
    {
        foreach (var (name, p) in ownParameters)
            if (p is not null) into[Join(prefix, name)] = p;
        foreach (var (name, b) in buffers)
            if (b is not null) into[Join(prefix, name)] = b;
        foreach (var (name, child) in children) child.Collect(into, Join(prefix, name));
    }

    /// <summary>
    /// Copies values into the parameters and buffers by name. Shapes must match; values are converted to each
    /// tensor's dtype only when <paramref name="convert_dtypes"/>, else a dtype mismatch is an error. With
    /// <paramref name="strict"/>, missing and unexpected keys are errors (all of them listed).
    /// </summary>
    public void load_state_dict(IReadOnlyDictionary<string, Tensor> state, bool strict = true, bool convert_dtypes = false)
    {
        ArgumentNullException.ThrowIfNull(state);
        var own = state_dict();
        var missing = own.Keys.Where(k => !state.ContainsKey(k)).ToList();
        var unexpected = state.Keys.Where(k => !own.ContainsKey(k)).ToList();
        if (strict && (missing.Count > 0 || unexpected.Count > 0))
            throw new InvalidDataException($"state dict does not match {GetType().Name}: missing [{string.Join(", ", missing)}], unexpected [{string.Join(", ", unexpected)}]");
        var problems = new List<string>();
        foreach (var (name, target) in own)
        {
            if (!state.TryGetValue(name, out var source)) continue;
            if (!source.shape.SequenceEqual(target.shape))
                problems.Add($"{name}: shape {source.ShapeText} in the state dict, {target.ShapeText} in the model");
            else if (source.dtype != target.dtype && !convert_dtypes)
                problems.Add($"{name}: dtype {source.dtype} in the state dict, {target.dtype} in the model");
        }
        if (problems.Count > 0) throw new InvalidDataException("state dict does not fit the model: " + string.Join("; ", problems));
        using var _ = torch.no_grad();
        foreach (var (name, target) in own)
            if (state.TryGetValue(name, out var source)) target.copy_(source);
    }

    /// <summary>Sets training mode on this module and all children.</summary>
    public Module train(bool on = true)
    {
        foreach (var (_, m) in named_modules()) m.training = on;
        return this;
    }

    /// <summary>Sets evaluation mode (batch norm uses running statistics, dropout is off).</summary>
    public Module eval() => train(false);

    /// <summary>Moves every parameter and buffer to <paramref name="device"/> in place (identities kept, so optimizers stay valid).</summary>
    public Module to(Device device) => Apply(t => t.to(device));

    /// <summary>Converts every floating-point parameter and buffer to <paramref name="type"/> in place.</summary>
    public Module to(ScalarType type) => Apply(t => t.dtype.IsFloatingPoint() ? t.to(type) : t.alias());

    private Module Apply(Func<Tensor, Tensor> convert)
    {
        foreach (var t in state_dict().Values)
        {
            using var moved = convert(t);
            Tensor.Check(NativeMethods.advt_set_data(t.Handle, moved.Handle), "Module.to");
        }
        return this;
    }

    /// <summary>Drops (or zeroes) the gradients of every parameter.</summary>
    public void zero_grad(bool set_to_none = true)
    {
        foreach (var (_, p) in named_parameters()) p.zero_grad(set_to_none);
    }

    /// <summary>Frees every parameter and buffer in the tree.</summary>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Frees this module's tensors and its children.</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (disposed || !disposing) return;
        disposed = true;
        foreach (var (_, p) in ownParameters) p?.Dispose();
        foreach (var (_, b) in buffers) b?.Dispose();
        foreach (var (_, c) in children) c.Dispose();
    }

    private static string Join(string prefix, string name) => prefix.Length == 0 ? name : prefix + "." + name;
}

/// <summary>A module mapping one tensor to one tensor.</summary>
public abstract class Module<TIn, TOut> : Module
{
    /// <summary>The forward computation.</summary>
    public abstract TOut forward(TIn input);

    /// <summary>Same as <see cref="forward"/>.</summary>
    public TOut call(TIn input) => forward(input);
}
