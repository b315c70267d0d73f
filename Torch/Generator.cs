using AdvCam.Torch.Interop;

namespace AdvCam.Torch;

/// <summary>
/// A seeded random-number generator. Numbers are drawn on the CPU and moved to the target device, so one seed gives
/// the same numbers on CPU and CUDA.
/// </summary>
public sealed class Generator : IDisposable
{
    private IntPtr handle;

    /// <summary>A generator seeded with <paramref name="seed"/>.</summary>
    public Generator(ulong seed)
    {
        handle = NativeMethods.advt_generator_new(seed);
        if (handle == IntPtr.Zero) throw Tensor.LastError("Generator");
    }

    /// <summary>Frees the generator if it was not disposed.</summary>
    ~Generator() => Free();

    internal IntPtr Handle => handle != IntPtr.Zero ? handle : throw new ObjectDisposedException(nameof(Generator));

    /// <summary>Restarts the sequence from <paramref name="seed"/>.</summary>
    public Generator manual_seed(ulong seed)
    {
        Tensor.Check(NativeMethods.advt_generator_set_seed(Handle, seed), "manual_seed");
        return this;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Free();
        GC.SuppressFinalize(this);
    }

    private void Free()
    {
        var h = Interlocked.Exchange(ref handle, IntPtr.Zero);
        if (h != IntPtr.Zero) NativeMethods.advt_generator_free(h);
    }
}
