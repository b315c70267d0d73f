using System.Runtime.InteropServices;

namespace AdvCam.Torch.Interop;

/// <summary>P/Invoke declarations for tensor_create.cpp, tensor_props.cpp and tensor_shape.cpp.</summary>
internal static unsafe partial class NativeMethods
{
    // creation
    [DllImport(Lib)] internal static extern IntPtr advt_from_data(void* data, long nbytes, long* shape, int ndim, int dtype, int dt, int di, int requiresGrad);
    [DllImport(Lib)] internal static extern int advt_copy_to(IntPtr h, void* dest, long nbytes, int dtype);
    [DllImport(Lib)] internal static extern IntPtr advt_empty(long* shape, int ndim, int dtype, int dt, int di, int rg);
    [DllImport(Lib)] internal static extern IntPtr advt_zeros(long* shape, int ndim, int dtype, int dt, int di, int rg);
    [DllImport(Lib)] internal static extern IntPtr advt_ones(long* shape, int ndim, int dtype, int dt, int di, int rg);
    [DllImport(Lib)] internal static extern IntPtr advt_full(long* shape, int ndim, double value, int dtype, int dt, int di, int rg);
    [DllImport(Lib)] internal static extern IntPtr advt_arange(double start, double end, double step, int dtype, int dt, int di);
    [DllImport(Lib)] internal static extern IntPtr advt_linspace(double start, double end, long steps, int dtype, int dt, int di);
    [DllImport(Lib)] internal static extern IntPtr advt_eye(long n, int dtype, int dt, int di);
    [DllImport(Lib)] internal static extern IntPtr advt_zeros_like(IntPtr a);
    [DllImport(Lib)] internal static extern IntPtr advt_ones_like(IntPtr a);
    [DllImport(Lib)] internal static extern IntPtr advt_full_like(IntPtr a, double v);
    [DllImport(Lib)] internal static extern IntPtr advt_scalar_tensor(double v, int dtype, int dt, int di);

    // properties
    [DllImport(Lib)] internal static extern int advt_dim(IntPtr h);
    [DllImport(Lib)] internal static extern int advt_sizes(IntPtr h, long* output, int capacity);
    [DllImport(Lib)] internal static extern long advt_numel(IntPtr h);
    [DllImport(Lib)] internal static extern int advt_dtype(IntPtr h);
    [DllImport(Lib)] internal static extern int advt_device_type(IntPtr h);
    [DllImport(Lib)] internal static extern int advt_device_index(IntPtr h);
    [DllImport(Lib)] internal static extern int advt_is_contiguous(IntPtr h);
    [DllImport(Lib)] internal static extern int advt_item_double(IntPtr h, double* output);
    [DllImport(Lib)] internal static extern int advt_item_long(IntPtr h, long* output);
    [DllImport(Lib)] internal static extern IntPtr advt_alias(IntPtr h);
    [DllImport(Lib)] internal static extern int advt_set_data(IntPtr h, IntPtr src);
    [DllImport(Lib)] internal static extern IntPtr advt_to_string(IntPtr h);

    // shape, layout, conversion
    [DllImport(Lib)] internal static extern IntPtr advt_clone(IntPtr a);
    [DllImport(Lib)] internal static extern IntPtr advt_contiguous(IntPtr a);
    [DllImport(Lib)] internal static extern IntPtr advt_reshape(IntPtr a, long* s, int n);
    [DllImport(Lib)] internal static extern IntPtr advt_view(IntPtr a, long* s, int n);
    [DllImport(Lib)] internal static extern IntPtr advt_permute(IntPtr a, long* s, int n);
    [DllImport(Lib)] internal static extern IntPtr advt_transpose(IntPtr a, long d0, long d1);
    [DllImport(Lib)] internal static extern IntPtr advt_expand(IntPtr a, long* s, int n);
    [DllImport(Lib)] internal static extern IntPtr advt_repeat(IntPtr a, long* s, int n);
    [DllImport(Lib)] internal static extern IntPtr advt_squeeze(IntPtr a, long d);
    [DllImport(Lib)] internal static extern IntPtr advt_squeeze_all(IntPtr a);
    [DllImport(Lib)] internal static extern IntPtr advt_unsqueeze(IntPtr a, long d);
    [DllImport(Lib)] internal static extern IntPtr advt_flatten(IntPtr a, long start, long end);
    [DllImport(Lib)] internal static extern IntPtr advt_narrow(IntPtr a, long dim, long start, long length);
    [DllImport(Lib)] internal static extern IntPtr advt_slice(IntPtr a, long dim, long start, long end, long step);
    [DllImport(Lib)] internal static extern IntPtr advt_select(IntPtr a, long dim, long index);
    [DllImport(Lib)] internal static extern IntPtr advt_index_select(IntPtr a, long dim, IntPtr index);
    [DllImport(Lib)] internal static extern IntPtr advt_gather(IntPtr a, long dim, IntPtr index);
    [DllImport(Lib)] internal static extern IntPtr advt_scatter(IntPtr a, long dim, IntPtr index, IntPtr src);
    [DllImport(Lib)] internal static extern IntPtr advt_scatter_add(IntPtr a, long dim, IntPtr index, IntPtr src);
    [DllImport(Lib)] internal static extern IntPtr advt_masked_select(IntPtr a, IntPtr mask);
    [DllImport(Lib)] internal static extern IntPtr advt_masked_fill(IntPtr a, IntPtr mask, double v);
    [DllImport(Lib)] internal static extern IntPtr advt_where(IntPtr cond, IntPtr a, IntPtr b);
    [DllImport(Lib)] internal static extern IntPtr advt_nonzero(IntPtr a);
    [DllImport(Lib)] internal static extern IntPtr advt_cat(IntPtr* hs, int n, long dim);
    [DllImport(Lib)] internal static extern IntPtr advt_stack(IntPtr* hs, int n, long dim);
    [DllImport(Lib)] internal static extern IntPtr advt_to_dtype(IntPtr a, int dtype);
    [DllImport(Lib)] internal static extern IntPtr advt_to_device(IntPtr a, int dt, int di, int nonBlocking);
    [DllImport(Lib)] internal static extern IntPtr advt_pin_memory(IntPtr a);
    [DllImport(Lib)] internal static extern IntPtr advt_flip(IntPtr a, long* d, int n);
    [DllImport(Lib)] internal static extern IntPtr advt_roll(IntPtr a, long* shifts, int ns, long* d, int nd);
    [DllImport(Lib)] internal static extern IntPtr advt_tril(IntPtr a, long k);
    [DllImport(Lib)] internal static extern IntPtr advt_triu(IntPtr a, long k);
}
