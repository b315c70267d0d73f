using System.Runtime.InteropServices;
using AdvCam.Torch.Interop;

namespace AdvCam.Torch;

/// <summary>
/// A libtorch tensor. Owns one native handle, freed by <see cref="Dispose"/> or by the innermost
/// <see cref="DisposeScope"/> open on the creating thread; a tensor outside every scope that is dropped undisposed is
/// freed after garbage collection (see <see cref="LeakGuard"/>). Op names follow PyTorch (<c>x.sum(1)</c>,
/// <c>x.permute(0, 2, 3, 1)</c>); .NET-only members use .NET names (<see cref="ToArray{T}"/>).
/// </summary>
public partial class Tensor : IDisposable
{
    private IntPtr handle;
    private LeakGuard? guard;

    internal Tensor(IntPtr handle, bool adopt = true)
    {
        if (DeferredFree.HasPending) DeferredFree.Drain();
        this.handle = handle;
        if (!adopt || !DisposeScope.Adopt(this)) guard = new LeakGuard(handle);
    }

    /// <summary>No scope owns this tensor any more: from now on a dropped tensor is freed through its guard.</summary>
    internal void BecomeUnowned()
    {
        if (guard is null && handle != IntPtr.Zero) guard = new LeakGuard(handle);
    }

    /// <summary>The scope that owns this tensor, if any.</summary>
    internal DisposeScope? Owner { get; set; }

    /// <summary>The native handle; throws when the tensor was disposed.</summary>
    internal IntPtr Handle
    {
        get
        {
            var h = handle;
            if (h == IntPtr.Zero) ThrowDisposed();
            return h;
        }
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void ThrowDisposed() => throw new ObjectDisposedException(nameof(Tensor), "the tensor was disposed");

    /// <summary>Whether the native tensor has been freed.</summary>
    public bool IsDisposed => handle == IntPtr.Zero;

    /// <summary>Number of native tensor handles alive in the process (for leak tests).</summary>
    public static long LiveCount
    {
        get
        {
            if (DeferredFree.HasPending) DeferredFree.Drain();
            return NativeMethods.advt_live_tensors();
        }
    }

    /// <summary>Frees the native tensor now. Safe to call twice.</summary>
    public void Dispose()
    {
        var h = Interlocked.Exchange(ref handle, IntPtr.Zero);
        guard?.Cancel();
        guard = null;
        if (h != IntPtr.Zero) NativeMethods.advt_free(h);
    }

    /// <summary>Swaps in another tensor's native handle, disposing the old one (keeps this object's identity).</summary>
    internal void ReplaceHandleWith(Tensor other)
    {
        var h = DisposeScope.Detach(other).handle;
        other.handle = IntPtr.Zero;
        other.guard?.Cancel();
        other.guard = null;
        guard?.Retarget(h);
        var old = Interlocked.Exchange(ref handle, h);
        if (old != IntPtr.Zero) NativeMethods.advt_free(old);
    }

    internal static Tensor Wrap(IntPtr result, string op) =>
        result == IntPtr.Zero ? throw LastError(op) : new Tensor(result);

    internal static Tensor? WrapOrNull(IntPtr result, string op)
    {
        if (result != IntPtr.Zero) return new Tensor(result);
        var message = NativeMethods.advt_take_error();
        if (message != IntPtr.Zero) throw new TorchException(op, Marshal.PtrToStringUTF8(message) ?? "unknown error");
        return null;
    }

    internal static void Check(int status, string op)
    {
        if (status < 0) throw LastError(op);
    }

    internal static TorchException LastError(string op)
    {
        var message = NativeMethods.advt_take_error();
        return new TorchException(op, message == IntPtr.Zero ? "failed without a message" : Marshal.PtrToStringUTF8(message) ?? "unknown error");
    }

    /// <summary>libtorch's text rendering of the tensor.</summary>
    public override string ToString()
    {
        if (IsDisposed) return "Tensor(disposed)";
        var p = NativeMethods.advt_to_string(Handle);
        if (p == IntPtr.Zero) throw LastError("to_string");
        return Marshal.PtrToStringUTF8(p) ?? string.Empty;
    }
}
