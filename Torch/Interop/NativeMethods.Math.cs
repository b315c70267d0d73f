using System.Runtime.InteropServices;

namespace AdvCam.Torch.Interop;

/// <summary>P/Invoke declarations for tensor_math.cpp.</summary>
internal static unsafe partial class NativeMethods
{
    [DllImport(Lib)] internal static extern IntPtr advt_add(IntPtr a, IntPtr b, double alpha);
    [DllImport(Lib)] internal static extern IntPtr advt_sub(IntPtr a, IntPtr b, double alpha);
    [DllImport(Lib)] internal static extern IntPtr advt_mul(IntPtr a, IntPtr b);
    [DllImport(Lib)] internal static extern IntPtr advt_div(IntPtr a, IntPtr b);
    [DllImport(Lib)] internal static extern IntPtr advt_remainder(IntPtr a, IntPtr b);
    [DllImport(Lib)] internal static extern IntPtr advt_pow(IntPtr a, IntPtr b);
    [DllImport(Lib)] internal static extern IntPtr advt_maximum(IntPtr a, IntPtr b);
    [DllImport(Lib)] internal static extern IntPtr advt_minimum(IntPtr a, IntPtr b);
    [DllImport(Lib)] internal static extern IntPtr advt_logical_and(IntPtr a, IntPtr b);
    [DllImport(Lib)] internal static extern IntPtr advt_logical_or(IntPtr a, IntPtr b);
    [DllImport(Lib)] internal static extern IntPtr advt_logical_not(IntPtr a);

    [DllImport(Lib)] internal static extern IntPtr advt_add_scalar(IntPtr a, double v);
    [DllImport(Lib)] internal static extern IntPtr advt_sub_scalar(IntPtr a, double v);
    [DllImport(Lib)] internal static extern IntPtr advt_mul_scalar(IntPtr a, double v);
    [DllImport(Lib)] internal static extern IntPtr advt_div_scalar(IntPtr a, double v);
    [DllImport(Lib)] internal static extern IntPtr advt_rsub_scalar(IntPtr a, double v);
    [DllImport(Lib)] internal static extern IntPtr advt_rdiv_scalar(IntPtr a, double v);
    [DllImport(Lib)] internal static extern IntPtr advt_remainder_scalar(IntPtr a, double v);
    [DllImport(Lib)] internal static extern IntPtr advt_fmod_scalar(IntPtr a, double v);
    [DllImport(Lib)] internal static extern IntPtr advt_pow_scalar(IntPtr a, double v);
    [DllImport(Lib)] internal static extern IntPtr advt_rpow_scalar(IntPtr a, double v);
    [DllImport(Lib)] internal static extern IntPtr advt_eq_scalar(IntPtr a, double v);
    [DllImport(Lib)] internal static extern IntPtr advt_ne_scalar(IntPtr a, double v);
    [DllImport(Lib)] internal static extern IntPtr advt_lt_scalar(IntPtr a, double v);
    [DllImport(Lib)] internal static extern IntPtr advt_le_scalar(IntPtr a, double v);
    [DllImport(Lib)] internal static extern IntPtr advt_gt_scalar(IntPtr a, double v);
    [DllImport(Lib)] internal static extern IntPtr advt_ge_scalar(IntPtr a, double v);

    [DllImport(Lib)] internal static extern IntPtr advt_eq(IntPtr a, IntPtr b);
    [DllImport(Lib)] internal static extern IntPtr advt_ne(IntPtr a, IntPtr b);
    [DllImport(Lib)] internal static extern IntPtr advt_lt(IntPtr a, IntPtr b);
    [DllImport(Lib)] internal static extern IntPtr advt_le(IntPtr a, IntPtr b);
    [DllImport(Lib)] internal static extern IntPtr advt_gt(IntPtr a, IntPtr b);
    [DllImport(Lib)] internal static extern IntPtr advt_ge(IntPtr a, IntPtr b);
    [DllImport(Lib)] internal static extern int advt_equal(IntPtr a, IntPtr b);
    [DllImport(Lib)] internal static extern int advt_allclose(IntPtr a, IntPtr b, double rtol, double atol);
    [DllImport(Lib)] internal static extern IntPtr advt_isnan(IntPtr a);
    [DllImport(Lib)] internal static extern IntPtr advt_isfinite(IntPtr a);

    [DllImport(Lib)] internal static extern IntPtr advt_neg(IntPtr a);
    [DllImport(Lib)] internal static extern IntPtr advt_abs(IntPtr a);
    [DllImport(Lib)] internal static extern IntPtr advt_sign(IntPtr a);
    [DllImport(Lib)] internal static extern IntPtr advt_exp(IntPtr a);
    [DllImport(Lib)] internal static extern IntPtr advt_log(IntPtr a);
    [DllImport(Lib)] internal static extern IntPtr advt_log1p(IntPtr a);
    [DllImport(Lib)] internal static extern IntPtr advt_sqrt(IntPtr a);
    [DllImport(Lib)] internal static extern IntPtr advt_rsqrt(IntPtr a);
    [DllImport(Lib)] internal static extern IntPtr advt_sigmoid(IntPtr a);
    [DllImport(Lib)] internal static extern IntPtr advt_tanh(IntPtr a);
    [DllImport(Lib)] internal static extern IntPtr advt_relu(IntPtr a);
    [DllImport(Lib)] internal static extern IntPtr advt_sin(IntPtr a);
    [DllImport(Lib)] internal static extern IntPtr advt_cos(IntPtr a);
    [DllImport(Lib)] internal static extern IntPtr advt_floor(IntPtr a);
    [DllImport(Lib)] internal static extern IntPtr advt_ceil(IntPtr a);
    [DllImport(Lib)] internal static extern IntPtr advt_round(IntPtr a);
    [DllImport(Lib)] internal static extern IntPtr advt_reciprocal(IntPtr a);
    [DllImport(Lib)] internal static extern IntPtr advt_square(IntPtr a);
    [DllImport(Lib)] internal static extern IntPtr advt_log_sigmoid(IntPtr a);
    [DllImport(Lib)] internal static extern IntPtr advt_leaky_relu(IntPtr a, double slope);
    [DllImport(Lib)] internal static extern IntPtr advt_clamp(IntPtr a, double lo, double hi, int hasLo, int hasHi);
    [DllImport(Lib)] internal static extern IntPtr advt_clamp_tensor(IntPtr a, IntPtr lo, IntPtr hi);

    [DllImport(Lib)] internal static extern IntPtr advt_matmul(IntPtr a, IntPtr b);
    [DllImport(Lib)] internal static extern IntPtr advt_linear(IntPtr x, IntPtr w, IntPtr b);
    [DllImport(Lib)] internal static extern IntPtr advt_einsum([MarshalAs(UnmanagedType.LPUTF8Str)] string equation, IntPtr* hs, int n);

    [DllImport(Lib)] internal static extern int advt_add_(IntPtr a, IntPtr b, double alpha);
    [DllImport(Lib)] internal static extern int advt_add_scalar_(IntPtr a, double v);
    [DllImport(Lib)] internal static extern int advt_mul_(IntPtr a, IntPtr b);
    [DllImport(Lib)] internal static extern int advt_mul_scalar_(IntPtr a, double v);
    [DllImport(Lib)] internal static extern int advt_copy_(IntPtr dst, IntPtr src);
    [DllImport(Lib)] internal static extern int advt_zero_(IntPtr a);
    [DllImport(Lib)] internal static extern int advt_fill_(IntPtr a, double v);
    [DllImport(Lib)] internal static extern int advt_clamp_(IntPtr a, double lo, double hi);
}
