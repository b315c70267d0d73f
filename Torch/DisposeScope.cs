namespace AdvCam.Torch;

/// <summary>
/// Owns every tensor created on this thread while it is the innermost open scope, and frees them all when disposed,
/// so loops over data free native memory deterministically. Results that must outlive the scope are moved out
/// with <see cref="MoveToOuter{T}(T)"/> (to the enclosing scope, or to nobody) or <see cref="Detach{T}(T)"/>.
/// </summary>
/// <example><code>
/// using (var scope = torch.NewDisposeScope())
/// {
///     var y = (x * 2 + 1).relu();
///     result = scope.MoveToOuter(y.sum());
/// }
/// </code></example>
public sealed class DisposeScope : IDisposable
{
    [ThreadStatic] private static DisposeScope? current;

    private readonly List<Tensor> owned = new();
    private readonly DisposeScope? outer;
    private readonly int threadId;
    private bool disposed;

    internal DisposeScope()
    {
        outer = current;
        threadId = Environment.CurrentManagedThreadId;
        current = this;
    }

    /// <summary>The innermost open scope on this thread, or null.</summary>
    public static DisposeScope? Current => current;

    /// <summary>Number of tensors this scope currently owns.</summary>
    public int Count => owned.Count;

    /// <summary>Gives <paramref name="t"/> to the innermost scope; false when no scope is open.</summary>
    internal static bool Adopt(Tensor t)
    {
        var scope = current;
        if (scope is null) return false;
        scope.owned.Add(t);
        t.Owner = scope;
        return true;
    }

    /// <summary>Hands <paramref name="tensor"/> to the enclosing scope (or to nobody when there is none).</summary>
    /// <remarks>Preferred over the <c>params</c> overload for one argument, which C# would otherwise pick (non-generic wins ties).</remarks>
    [System.Runtime.CompilerServices.OverloadResolutionPriority(1)]
    public T MoveToOuter<T>(T tensor) where T : Tensor
    {
        ArgumentNullException.ThrowIfNull(tensor);
        Release(tensor);
        if (outer is not null && !outer.disposed)
        {
            outer.owned.Add(tensor);
            tensor.Owner = outer;
        }
        else
        {
            tensor.BecomeUnowned();
        }
        return tensor;
    }

    /// <summary>Hands several tensors to the enclosing scope.</summary>
    public void MoveToOuter(params Tensor[] tensors)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        foreach (var t in tensors) MoveToOuter<Tensor>(t);
    }

    /// <summary>Takes <paramref name="tensor"/> out of every scope: the caller disposes it.</summary>
    public static T Detach<T>(T tensor) where T : Tensor
    {
        ArgumentNullException.ThrowIfNull(tensor);
        tensor.Owner?.Release(tensor);
        tensor.BecomeUnowned();
        return tensor;
    }

    private void Release(Tensor tensor)
    {
        if (!ReferenceEquals(tensor.Owner, this))
            throw new InvalidOperationException("the tensor is not owned by this dispose scope");
        for (var i = owned.Count - 1; i >= 0; i--)
        {
            if (ReferenceEquals(owned[i], tensor))
            {
                owned.RemoveAt(i);
                break;
            }
        }
        tensor.Owner = null;
    }

    /// <summary>Frees every tensor still owned and closes the scope.</summary>
    public void Dispose()
    {
        if (disposed) return;
        if (Environment.CurrentManagedThreadId != threadId)
            throw new InvalidOperationException("a dispose scope must be disposed on the thread that opened it");
        disposed = true;
        foreach (var t in owned)
        {
            t.Owner = null;
            t.Dispose();
        }
        owned.Clear();
        // Scopes close in order; an inner scope left open by mistake is closed with its parent.
        var c = current;
        while (c is not null && !ReferenceEquals(c, this))
        {
            c.Dispose();
            c = current;
        }
        current = outer;
    }
}
