using System.Runtime.InteropServices;

namespace AdvCam.Torch.Interop;

/// <summary>P/Invoke declarations for tensor_reduce.cpp.</summary>
internal static unsafe partial class NativeMethods
{
    [DllImport(Lib)] internal static extern IntPtr advt_sum(IntPtr a, long* d, int n, int keepdim);
    [DllImport(Lib)] internal static extern IntPtr advt_mean(IntPtr a, long* d, int n, int keepdim);
    [DllImport(Lib)] internal static extern IntPtr advt_var(IntPtr a, long* d, int n, int unbiased, int keepdim);
    [DllImport(Lib)] internal static extern IntPtr advt_std(IntPtr a, long* d, int n, int unbiased, int keepdim);
    [DllImport(Lib)] internal static extern IntPtr advt_amax(IntPtr a, long* d, int n, int keepdim);
    [DllImport(Lib)] internal static extern IntPtr advt_amin(IntPtr a, long* d, int n, int keepdim);
    [DllImport(Lib)] internal static extern IntPtr advt_max_all(IntPtr a);
    [DllImport(Lib)] internal static extern IntPtr advt_min_all(IntPtr a);
    [DllImport(Lib)] internal static extern IntPtr advt_prod(IntPtr a);
    [DllImport(Lib)] internal static extern IntPtr advt_all(IntPtr a);
    [DllImport(Lib)] internal static extern IntPtr advt_any(IntPtr a);
    [DllImport(Lib)] internal static extern IntPtr advt_norm(IntPtr a, double p);
    [DllImport(Lib)] internal static extern int advt_max_dim(IntPtr a, long dim, int keepdim, IntPtr* values, IntPtr* indices);
    [DllImport(Lib)] internal static extern int advt_min_dim(IntPtr a, long dim, int keepdim, IntPtr* values, IntPtr* indices);
    [DllImport(Lib)] internal static extern IntPtr advt_argmax(IntPtr a, long dim, int hasDim, int keepdim);
    [DllImport(Lib)] internal static extern IntPtr advt_argmin(IntPtr a, long dim, int hasDim, int keepdim);
    [DllImport(Lib)] internal static extern int advt_topk(IntPtr a, long k, long dim, int largest, int sorted, IntPtr* values, IntPtr* indices);
    [DllImport(Lib)] internal static extern int advt_sort(IntPtr a, long dim, int descending, IntPtr* values, IntPtr* indices);
    [DllImport(Lib)] internal static extern IntPtr advt_cumsum(IntPtr a, long dim);
    [DllImport(Lib)] internal static extern IntPtr advt_bincount(IntPtr a, long minlength);
}
