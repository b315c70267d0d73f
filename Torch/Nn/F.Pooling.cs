using AdvCam.Torch.Interop;

namespace AdvCam.Torch.Nn;

public static partial class F
{
    /// <summary>2-D max pooling; the stride defaults to the kernel size.</summary>
    public static unsafe Tensor max_pool2d(Tensor input, long[] kernel_size, long[]? stride = null, long[]? padding = null,
        long[]? dilation = null, bool ceil_mode = false)
    {
        var k = Pair(kernel_size, 1, nameof(kernel_size));
        var s = stride is null ? k : Pair(stride, 1, nameof(stride));
        var p = Pair(padding, 0, nameof(padding));
        var d = Pair(dilation, 1, nameof(dilation));
        fixed (long* pk = k)
        fixed (long* ps = s)
        fixed (long* pp = p)
        fixed (long* pd = d)
            return Wrap(NativeMethods.advt_max_pool2d(input.Handle, pk, ps, pp, pd, ceil_mode ? 1 : 0), "max_pool2d");
    }

    /// <summary>2-D average pooling; the stride defaults to the kernel size.</summary>
    public static unsafe Tensor avg_pool2d(Tensor input, long[] kernel_size, long[]? stride = null, long[]? padding = null,
        bool ceil_mode = false, bool count_include_pad = true)
    {
        var k = Pair(kernel_size, 1, nameof(kernel_size));
        var s = stride is null ? k : Pair(stride, 1, nameof(stride));
        var p = Pair(padding, 0, nameof(padding));
        fixed (long* pk = k)
        fixed (long* ps = s)
        fixed (long* pp = p)
            return Wrap(NativeMethods.advt_avg_pool2d(input.Handle, pk, ps, pp, ceil_mode ? 1 : 0, count_include_pad ? 1 : 0), "avg_pool2d");
    }

    /// <summary>Average pooling to a fixed output size (1 gives global average pooling).</summary>
    public static unsafe Tensor adaptive_avg_pool2d(Tensor input, params long[] output_size)
    {
        var o = Pair(output_size, 1, nameof(output_size));
        fixed (long* po = o) return Wrap(NativeMethods.advt_adaptive_avg_pool2d(input.Handle, po), "adaptive_avg_pool2d");
    }

    /// <summary>Max pooling to a fixed output size.</summary>
    public static unsafe Tensor adaptive_max_pool2d(Tensor input, params long[] output_size)
    {
        var o = Pair(output_size, 1, nameof(output_size));
        fixed (long* po = o) return Wrap(NativeMethods.advt_adaptive_max_pool2d(input.Handle, po), "adaptive_max_pool2d");
    }
}
