using AdvCam.Torch.Interop;

namespace AdvCam.Torch;

public static partial class torch
{
    /// <summary>Concatenates along an existing dimension.</summary>
    public static unsafe Tensor cat(IReadOnlyList<Tensor> tensors, long dim = 0)
    {
        var handles = Handles(tensors);
        fixed (IntPtr* p = handles) return Tensor.Wrap(NativeMethods.advt_cat(p, handles.Length, dim), "cat");
    }

    /// <summary>Stacks along a new dimension.</summary>
    public static unsafe Tensor stack(IReadOnlyList<Tensor> tensors, long dim = 0)
    {
        var handles = Handles(tensors);
        fixed (IntPtr* p = handles) return Tensor.Wrap(NativeMethods.advt_stack(p, handles.Length, dim), "stack");
    }

    /// <summary>Elementwise choice: <paramref name="a"/> where <paramref name="condition"/>, else <paramref name="b"/>.</summary>
    public static Tensor where(Tensor condition, Tensor a, Tensor b) =>
        Tensor.Wrap(NativeMethods.advt_where(condition.Handle, a.Handle, b.Handle), "where");

    /// <summary>Einstein summation, e.g. <c>einsum("nchw,kc->nkhw", f, w)</c>.</summary>
    public static unsafe Tensor einsum(string equation, params Tensor[] operands)
    {
        var handles = Handles(operands);
        fixed (IntPtr* p = handles) return Tensor.Wrap(NativeMethods.advt_einsum(equation, p, handles.Length), "einsum");
    }

    internal static IntPtr[] Handles(IReadOnlyList<Tensor> tensors)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        var handles = new IntPtr[tensors.Count];
        for (var i = 0; i < handles.Length; i++) handles[i] = tensors[i].Handle;
        return handles;
    }
}
