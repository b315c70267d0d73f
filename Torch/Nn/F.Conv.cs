using AdvCam.Torch.Interop;

namespace AdvCam.Torch.Nn;

public static partial class F
{
    /// <summary>2-D convolution of [N, C, H, W] input with [O, C/groups, kH, kW] weights.</summary>
    public static unsafe Tensor conv2d(Tensor input, Tensor weight, Tensor? bias = null, long[]? stride = null,
        long[]? padding = null, long[]? dilation = null, long groups = 1)
    {
        var s = Pair(stride, 1, nameof(stride));
        var p = Pair(padding, 0, nameof(padding));
        var d = Pair(dilation, 1, nameof(dilation));
        fixed (long* ps = s)
        fixed (long* pp = p)
        fixed (long* pd = d)
            return Wrap(NativeMethods.advt_conv2d(input.Handle, weight.Handle, H(bias), ps, pp, pd, groups), "conv2d");
    }

    /// <summary>2-D transposed convolution ("deconvolution") with [C, O/groups, kH, kW] weights.</summary>
    public static unsafe Tensor conv_transpose2d(Tensor input, Tensor weight, Tensor? bias = null, long[]? stride = null,
        long[]? padding = null, long[]? output_padding = null, long groups = 1, long[]? dilation = null)
    {
        var s = Pair(stride, 1, nameof(stride));
        var p = Pair(padding, 0, nameof(padding));
        var o = Pair(output_padding, 0, nameof(output_padding));
        var d = Pair(dilation, 1, nameof(dilation));
        fixed (long* ps = s)
        fixed (long* pp = p)
        fixed (long* po = o)
        fixed (long* pd = d)
            return Wrap(NativeMethods.advt_conv_transpose2d(input.Handle, weight.Handle, H(bias), ps, pp, po, groups, pd), "conv_transpose2d");
    }

    /// <summary>x W^T + b.</summary>
    public static Tensor linear(Tensor input, Tensor weight, Tensor? bias = null) =>
        Wrap(NativeMethods.advt_linear(input.Handle, weight.Handle, H(bias)), "linear");
}
