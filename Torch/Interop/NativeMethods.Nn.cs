using System.Runtime.InteropServices;

namespace AdvCam.Torch.Interop;

/// <summary>P/Invoke declarations for nn_conv_pool.cpp, nn_norm.cpp, nn_loss.cpp and nn_resample.cpp.</summary>
internal static unsafe partial class NativeMethods
{
    [DllImport(Lib)] internal static extern IntPtr advt_conv2d(IntPtr x, IntPtr w, IntPtr b, long* stride, long* padding, long* dilation, long groups);
    [DllImport(Lib)] internal static extern IntPtr advt_conv_transpose2d(IntPtr x, IntPtr w, IntPtr b, long* stride, long* padding, long* outputPadding, long groups, long* dilation);
    [DllImport(Lib)] internal static extern IntPtr advt_max_pool2d(IntPtr x, long* kernel, long* stride, long* padding, long* dilation, int ceilMode);
    [DllImport(Lib)] internal static extern IntPtr advt_avg_pool2d(IntPtr x, long* kernel, long* stride, long* padding, int ceilMode, int countIncludePad);
    [DllImport(Lib)] internal static extern IntPtr advt_adaptive_avg_pool2d(IntPtr x, long* size);
    [DllImport(Lib)] internal static extern IntPtr advt_adaptive_max_pool2d(IntPtr x, long* size);

    [DllImport(Lib)] internal static extern IntPtr advt_batch_norm(IntPtr x, IntPtr weight, IntPtr bias, IntPtr runningMean, IntPtr runningVar, int training, double momentum, double eps);
    [DllImport(Lib)] internal static extern IntPtr advt_dropout(IntPtr x, double p, int training);
    [DllImport(Lib)] internal static extern IntPtr advt_softmax(IntPtr x, long dim);
    [DllImport(Lib)] internal static extern IntPtr advt_log_softmax(IntPtr x, long dim);

    [DllImport(Lib)] internal static extern IntPtr advt_cross_entropy(IntPtr input, IntPtr target, IntPtr weight, int reduction, long ignoreIndex, double labelSmoothing);
    [DllImport(Lib)] internal static extern IntPtr advt_nll_loss(IntPtr input, IntPtr target, IntPtr weight, int reduction, long ignoreIndex);
    [DllImport(Lib)] internal static extern IntPtr advt_bce_with_logits(IntPtr input, IntPtr target, IntPtr weight, IntPtr posWeight, int reduction);
    [DllImport(Lib)] internal static extern IntPtr advt_multilabel_soft_margin(IntPtr input, IntPtr target, IntPtr weight, int reduction);
    [DllImport(Lib)] internal static extern IntPtr advt_mse_loss(IntPtr input, IntPtr target, int reduction);
    [DllImport(Lib)] internal static extern IntPtr advt_l1_loss(IntPtr input, IntPtr target, int reduction);

    [DllImport(Lib)] internal static extern IntPtr advt_interpolate(IntPtr x, long* size, double* scale, int mode, int alignCorners);
    [DllImport(Lib)] internal static extern IntPtr advt_pad(IntPtr x, long* pad, int n, int mode, double value);
}
