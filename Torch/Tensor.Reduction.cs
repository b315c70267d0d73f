using AdvCam.Torch.Interop;

namespace AdvCam.Torch;

public partial class Tensor
{
    /// <summary>Sum of all elements.</summary>
    public unsafe Tensor sum() => Wrap(NativeMethods.advt_sum(Handle, null, 0, 0), "sum");

    /// <summary>Sum over <paramref name="dims"/>.</summary>
    public unsafe Tensor sum(long[] dims, bool keepdim = false)
    {
        RequireDims(dims, "sum");
        fixed (long* p = dims) return Wrap(NativeMethods.advt_sum(Handle, p, dims.Length, keepdim ? 1 : 0), "sum");
    }

    /// <summary>Sum over one dimension.</summary>
    public Tensor sum(long dim, bool keepdim = false) => sum(new[] { dim }, keepdim);

    /// <summary>Mean of all elements.</summary>
    public unsafe Tensor mean() => Wrap(NativeMethods.advt_mean(Handle, null, 0, 0), "mean");

    /// <summary>Mean over <paramref name="dims"/>.</summary>
    public unsafe Tensor mean(long[] dims, bool keepdim = false)
    {
        RequireDims(dims, "mean");
        fixed (long* p = dims) return Wrap(NativeMethods.advt_mean(Handle, p, dims.Length, keepdim ? 1 : 0), "mean");
    }

    /// <summary>Mean over one dimension.</summary>
    public Tensor mean(long dim, bool keepdim = false) => mean(new[] { dim }, keepdim);

    /// <summary>Variance over <paramref name="dims"/> (all when null); unbiased divides by n-1.</summary>
    public unsafe Tensor var(long[]? dims = null, bool unbiased = true, bool keepdim = false)
    {
        dims ??= Array.Empty<long>();
        fixed (long* p = dims) return Wrap(NativeMethods.advt_var(Handle, p, dims.Length, unbiased ? 1 : 0, keepdim ? 1 : 0), "var");
    }

    /// <summary>Standard deviation over <paramref name="dims"/> (all when null).</summary>
    public unsafe Tensor std(long[]? dims = null, bool unbiased = true, bool keepdim = false)
    {
        dims ??= Array.Empty<long>();
        fixed (long* p = dims) return Wrap(NativeMethods.advt_std(Handle, p, dims.Length, unbiased ? 1 : 0, keepdim ? 1 : 0), "std");
    }

    /// <summary>Maximum over <paramref name="dims"/> (values only).</summary>
    public unsafe Tensor amax(long[] dims, bool keepdim = false)
    {
        fixed (long* p = dims) return Wrap(NativeMethods.advt_amax(Handle, p, dims.Length, keepdim ? 1 : 0), "amax");
    }

    /// <summary>Minimum over <paramref name="dims"/> (values only).</summary>
    public unsafe Tensor amin(long[] dims, bool keepdim = false)
    {
        fixed (long* p = dims) return Wrap(NativeMethods.advt_amin(Handle, p, dims.Length, keepdim ? 1 : 0), "amin");
    }

    /// <summary>Maximum of all elements.</summary>
    public Tensor max() => Wrap(NativeMethods.advt_max_all(Handle), "max");

    /// <summary>Minimum of all elements.</summary>
    public Tensor min() => Wrap(NativeMethods.advt_min_all(Handle), "min");

    /// <summary>Maximum along <paramref name="dim"/>, with the index of each maximum.</summary>
    public unsafe (Tensor values, Tensor indices) max(long dim, bool keepdim = false)
    {
        IntPtr v, i;
        Check(NativeMethods.advt_max_dim(Handle, dim, keepdim ? 1 : 0, &v, &i), "max");
        return (new Tensor(v), new Tensor(i));
    }

    /// <summary>Minimum along <paramref name="dim"/>, with the index of each minimum.</summary>
    public unsafe (Tensor values, Tensor indices) min(long dim, bool keepdim = false)
    {
        IntPtr v, i;
        Check(NativeMethods.advt_min_dim(Handle, dim, keepdim ? 1 : 0, &v, &i), "min");
        return (new Tensor(v), new Tensor(i));
    }

    /// <summary>Index of the maximum of the flattened tensor.</summary>
    public Tensor argmax() => Wrap(NativeMethods.advt_argmax(Handle, 0, 0, 0), "argmax");

    /// <summary>Indices of the maxima along <paramref name="dim"/>.</summary>
    public Tensor argmax(long dim, bool keepdim = false) => Wrap(NativeMethods.advt_argmax(Handle, dim, 1, keepdim ? 1 : 0), "argmax");

    /// <summary>Index of the minimum of the flattened tensor.</summary>
    public Tensor argmin() => Wrap(NativeMethods.advt_argmin(Handle, 0, 0, 0), "argmin");

    /// <summary>Indices of the minima along <paramref name="dim"/>.</summary>
    public Tensor argmin(long dim, bool keepdim = false) => Wrap(NativeMethods.advt_argmin(Handle, dim, 1, keepdim ? 1 : 0), "argmin");

    /// <summary>The <paramref name="k"/> largest (or smallest) entries along <paramref name="dim"/>, with indices.</summary>
    public unsafe (Tensor values, Tensor indices) topk(long k, long dim = -1, bool largest = true, bool sorted = true)
    {
        IntPtr v, i;
        Check(NativeMethods.advt_topk(Handle, k, dim, largest ? 1 : 0, sorted ? 1 : 0, &v, &i), "topk");
        return (new Tensor(v), new Tensor(i));
    }

    /// <summary>Sorted values along <paramref name="dim"/>, with the permutation.</summary>
    public unsafe (Tensor values, Tensor indices) sort(long dim = -1, bool descending = false)
    {
        IntPtr v, i;
        Check(NativeMethods.advt_sort(Handle, dim, descending ? 1 : 0, &v, &i), "sort");
        return (new Tensor(v), new Tensor(i));
    }

    /// <summary>Product of all elements.</summary>
    public Tensor prod() => Wrap(NativeMethods.advt_prod(Handle), "prod");

    /// <summary>Whether every element is non-zero (a 0-dim bool tensor).</summary>
    public Tensor all() => Wrap(NativeMethods.advt_all(Handle), "all");

    /// <summary>Whether any element is non-zero (a 0-dim bool tensor).</summary>
    public Tensor any() => Wrap(NativeMethods.advt_any(Handle), "any");

    /// <summary>The p-norm of all elements.</summary>
    public Tensor norm(double p = 2) => Wrap(NativeMethods.advt_norm(Handle, p), "norm");

    /// <summary>Cumulative sum along <paramref name="dim"/>.</summary>
    public Tensor cumsum(long dim) => Wrap(NativeMethods.advt_cumsum(Handle, dim), "cumsum");

    /// <summary>Counts of each value of a 1-D non-negative integer tensor, at least <paramref name="minlength"/> long.</summary>
    public Tensor bincount(long minlength = 0) => Wrap(NativeMethods.advt_bincount(Handle, minlength), "bincount");

    private static void RequireDims(long[] dims, string op)
    {
        if (dims.Length == 0) throw new ArgumentException($"{op}: give at least one dimension, or call {op}() for all", nameof(dims));
    }
}
