using AdvCam.Torch.Interop;

namespace AdvCam.Torch;

public partial class Tensor
{
    /// <summary>Whether autograd records operations on this tensor.</summary>
    public bool requires_grad
    {
        get
        {
            var r = NativeMethods.advt_requires_grad(Handle);
            Check(r, "requires_grad");
            return r == 1;
        }
        set => Check(NativeMethods.advt_set_requires_grad(Handle, value ? 1 : 0), "requires_grad_");
    }

    /// <summary>Sets <see cref="requires_grad"/>; returns this.</summary>
    public Tensor requires_grad_(bool on = true)
    {
        requires_grad = on;
        return this;
    }

    /// <summary>Whether this is a leaf of the autograd graph (created by the user, not by an op).</summary>
    public bool is_leaf
    {
        get
        {
            var r = NativeMethods.advt_is_leaf(Handle);
            Check(r, "is_leaf");
            return r == 1;
        }
    }

    /// <summary>The gradient accumulated by <see cref="backward"/>, or null. A new handle each call: dispose it (or use a scope).</summary>
    public Tensor? grad => WrapOrNull(NativeMethods.advt_grad(Handle), "grad");

    /// <summary>Replaces the accumulated gradient (null drops it).</summary>
    public void SetGrad(Tensor? gradient) => Check(NativeMethods.advt_set_grad(Handle, gradient?.Handle ?? IntPtr.Zero), "set_grad");

    /// <summary>Drops (default, as PyTorch) or zeroes the accumulated gradient.</summary>
    public void zero_grad(bool set_to_none = true) => Check(NativeMethods.advt_zero_grad(Handle, set_to_none ? 1 : 0), "zero_grad");

    /// <summary>Accumulates the gradients of this tensor into the leaves; <paramref name="gradient"/> is needed unless it is a scalar.</summary>
    public void backward(Tensor? gradient = null, bool retain_graph = false, bool create_graph = false) =>
        Check(NativeMethods.advt_backward(Handle, gradient?.Handle ?? IntPtr.Zero, retain_graph ? 1 : 0, create_graph ? 1 : 0), "backward");

    /// <summary>A tensor sharing storage with this one, cut from the autograd graph.</summary>
    public Tensor detach() => Wrap(NativeMethods.advt_detach(Handle), "detach");

    /// <summary>Cuts this tensor from the autograd graph in place.</summary>
    public Tensor detach_()
    {
        Check(NativeMethods.advt_detach_(Handle), "detach_");
        return this;
    }
}
