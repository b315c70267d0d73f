using AdvCam.Torch.Interop;

namespace AdvCam.Torch;

public partial class Tensor
{
    /// <summary>Same elements, new shape (a view when possible); one size may be -1.</summary>
    public unsafe Tensor reshape(params long[] shape)
    {
        fixed (long* p = shape) return Wrap(NativeMethods.advt_reshape(Handle, p, shape.Length), "reshape");
    }

    /// <summary>A view with a new shape; fails when the layout does not allow one.</summary>
    public unsafe Tensor view(params long[] shape)
    {
        fixed (long* p = shape) return Wrap(NativeMethods.advt_view(Handle, p, shape.Length), "view");
    }

    /// <summary>Reorders dimensions.</summary>
    public unsafe Tensor permute(params long[] dims)
    {
        fixed (long* p = dims) return Wrap(NativeMethods.advt_permute(Handle, p, dims.Length), "permute");
    }

    /// <summary>Swaps two dimensions.</summary>
    public Tensor transpose(long dim0, long dim1) => Wrap(NativeMethods.advt_transpose(Handle, dim0, dim1), "transpose");

    /// <summary>Broadcasts size-1 dimensions to <paramref name="shape"/> without copying.</summary>
    public unsafe Tensor expand(params long[] shape)
    {
        fixed (long* p = shape) return Wrap(NativeMethods.advt_expand(Handle, p, shape.Length), "expand");
    }

    /// <summary>Tiles the tensor <paramref name="repeats"/> times along each dimension.</summary>
    public unsafe Tensor repeat(params long[] repeats)
    {
        fixed (long* p = repeats) return Wrap(NativeMethods.advt_repeat(Handle, p, repeats.Length), "repeat");
    }

    /// <summary>Removes dimension <paramref name="dim"/> if it has size 1.</summary>
    public Tensor squeeze(long dim) => Wrap(NativeMethods.advt_squeeze(Handle, dim), "squeeze");

    /// <summary>Removes every size-1 dimension.</summary>
    public Tensor squeeze() => Wrap(NativeMethods.advt_squeeze_all(Handle), "squeeze");

    /// <summary>Inserts a size-1 dimension at <paramref name="dim"/>.</summary>
    public Tensor unsqueeze(long dim) => Wrap(NativeMethods.advt_unsqueeze(Handle, dim), "unsqueeze");

    /// <summary>Merges dimensions <paramref name="start_dim"/>..<paramref name="end_dim"/> into one.</summary>
    public Tensor flatten(long start_dim = 0, long end_dim = -1) => Wrap(NativeMethods.advt_flatten(Handle, start_dim, end_dim), "flatten");

    /// <summary>The elements start..start+length-1 along <paramref name="dim"/> (a view).</summary>
    public Tensor narrow(long dim, long start, long length) => Wrap(NativeMethods.advt_narrow(Handle, dim, start, length), "narrow");

    /// <summary>Python's <c>x[..., start:end:step, ...]</c> along <paramref name="dim"/> (a view).</summary>
    public Tensor slice(long dim, long start, long end, long step = 1) => Wrap(NativeMethods.advt_slice(Handle, dim, start, end, step), "slice");

    /// <summary>Python's <c>x[..., index, ...]</c> along <paramref name="dim"/>: removes that dimension.</summary>
    public Tensor select(long dim, long index) => Wrap(NativeMethods.advt_select(Handle, dim, index), "select");

    /// <summary>The entries at <paramref name="index"/> (int64, 1-D) along <paramref name="dim"/>.</summary>
    public Tensor index_select(long dim, Tensor index) => Wrap(NativeMethods.advt_index_select(Handle, dim, index.Handle), "index_select");

    /// <summary>out[i][j] = self[i][index[i][j]] for dim 1, and likewise for other dims.</summary>
    public Tensor gather(long dim, Tensor index) => Wrap(NativeMethods.advt_gather(Handle, dim, index.Handle), "gather");

    /// <summary>A copy with <paramref name="src"/> written at <paramref name="index"/> along <paramref name="dim"/>.</summary>
    public Tensor scatter(long dim, Tensor index, Tensor src) => Wrap(NativeMethods.advt_scatter(Handle, dim, index.Handle, src.Handle), "scatter");

    /// <summary>A copy with <paramref name="src"/> added at <paramref name="index"/> along <paramref name="dim"/>.</summary>
    public Tensor scatter_add(long dim, Tensor index, Tensor src) => Wrap(NativeMethods.advt_scatter_add(Handle, dim, index.Handle, src.Handle), "scatter_add");

    /// <summary>The elements where <paramref name="mask"/> is true, as a 1-D tensor.</summary>
    public Tensor masked_select(Tensor mask) => Wrap(NativeMethods.advt_masked_select(Handle, mask.Handle), "masked_select");

    /// <summary>A copy with <paramref name="value"/> where <paramref name="mask"/> is true.</summary>
    public Tensor masked_fill(Tensor mask, double value) => Wrap(NativeMethods.advt_masked_fill(Handle, mask.Handle, value), "masked_fill");

    /// <summary>Indices of the non-zero elements, [count, ndim].</summary>
    public Tensor nonzero() => Wrap(NativeMethods.advt_nonzero(Handle), "nonzero");

    /// <summary>Reverses the order along <paramref name="dims"/>.</summary>
    public unsafe Tensor flip(params long[] dims)
    {
        fixed (long* p = dims) return Wrap(NativeMethods.advt_flip(Handle, p, dims.Length), "flip");
    }

    /// <summary>Cyclic shift by <paramref name="shifts"/> along <paramref name="dims"/>.</summary>
    public unsafe Tensor roll(long[] shifts, long[] dims)
    {
        fixed (long* s = shifts)
        fixed (long* d = dims)
            return Wrap(NativeMethods.advt_roll(Handle, s, shifts.Length, d, dims.Length), "roll");
    }

    /// <summary>Cyclic shift by <paramref name="shift"/> along <paramref name="dim"/>.</summary>
    public Tensor roll(long shift, long dim) => roll(new[] { shift }, new[] { dim });

    /// <summary>Lower triangle (elements above diagonal <paramref name="diagonal"/> zeroed).</summary>
    public Tensor tril(long diagonal = 0) => Wrap(NativeMethods.advt_tril(Handle, diagonal), "tril");

    /// <summary>Upper triangle (elements below diagonal <paramref name="diagonal"/> zeroed).</summary>
    public Tensor triu(long diagonal = 0) => Wrap(NativeMethods.advt_triu(Handle, diagonal), "triu");
}
