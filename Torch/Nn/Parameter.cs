using AdvCam.Torch.Interop;

namespace AdvCam.Torch.Nn;

/// <summary>
/// A trainable tensor owned by a <see cref="Module"/>: a leaf that requires grad, never owned by a dispose scope
/// (the module frees it).
/// </summary>
public sealed class Parameter : Tensor
{
    /// <summary>A parameter holding <paramref name="data"/>'s values (detached; <paramref name="data"/> is left to its owner).</summary>
    public Parameter(Tensor data, bool requires_grad = true)
        : base(Detached(data), adopt: false)
    {
        this.requires_grad = requires_grad;
    }

    private static IntPtr Detached(Tensor data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var h = NativeMethods.advt_detach(data.Handle);
        if (h == IntPtr.Zero) throw LastError("Parameter");
        return h;
    }
}
