using AdvCam.Torch.Interop;

namespace AdvCam.Torch.Nn;

public static partial class F
{
    /// <summary>Resamples [N, C, H, W] to <paramref name="size"/> (H, W).</summary>
    public static unsafe Tensor interpolate(Tensor input, long[] size, InterpolationMode mode = InterpolationMode.Nearest, bool align_corners = false)
    {
        var s = Pair(size, 1, nameof(size));
        fixed (long* ps = s) return Wrap(NativeMethods.advt_interpolate(input.Handle, ps, null, (int)mode, align_corners ? 1 : 0), "interpolate");
    }

    /// <summary>Resamples [N, C, H, W] by <paramref name="scale_factor"/>: output floor(H * scale), sampled with the scale itself (PyTorch's default).</summary>
    public static unsafe Tensor interpolate(Tensor input, double scale_factor, InterpolationMode mode = InterpolationMode.Nearest, bool align_corners = false)
    {
        var s = stackalloc double[2] { scale_factor, scale_factor };
        return Wrap(NativeMethods.advt_interpolate(input.Handle, null, s, (int)mode, align_corners ? 1 : 0), "interpolate");
    }

    /// <summary>Pads the last dimensions: <paramref name="pad"/> lists (left, right, top, bottom, ...) as F.pad does.</summary>
    public static unsafe Tensor pad(Tensor input, long[] pad, PaddingMode mode = PaddingMode.Constant, double value = 0)
    {
        fixed (long* p = pad) return Wrap(NativeMethods.advt_pad(input.Handle, p, pad.Length, (int)mode, value), "pad");
    }
}
