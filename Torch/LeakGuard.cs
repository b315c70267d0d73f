namespace AdvCam.Torch;

/// <summary>
/// The finalizable part of a tensor that no dispose scope owns. Tensors made inside a scope need no finalizer (the
/// scope frees them), and a finalizable object costs about 150 ns to allocate, a tenth of a tiny op; so only tensors
/// outside every scope carry a guard. When such a tensor is dropped without <see cref="Tensor.Dispose"/>, the guard's
/// finalizer queues its handle on <see cref="DeferredFree"/> (never freeing on the finalizer thread).
/// </summary>
internal sealed class LeakGuard
{
    private IntPtr handle;

    internal LeakGuard(IntPtr handle) => this.handle = handle;

    ~LeakGuard()
    {
        var h = Interlocked.Exchange(ref handle, IntPtr.Zero);
        if (h != IntPtr.Zero) DeferredFree.Enqueue(h);
    }

    /// <summary>Points the guard at a new handle (the tensor swapped its native tensor).</summary>
    internal void Retarget(IntPtr newHandle) => handle = newHandle;

    /// <summary>The tensor was freed deliberately: nothing left to guard.</summary>
    internal void Cancel()
    {
        handle = IntPtr.Zero;
        GC.SuppressFinalize(this);
    }
}
