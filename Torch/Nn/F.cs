using AdvCam.Torch.Interop;

namespace AdvCam.Torch.Nn;

/// <summary>
/// torch.nn.functional, by its usual alias: <c>F.conv2d</c>, <c>F.cross_entropy</c>, <c>F.interpolate</c>, ...
/// Two-element arguments (stride, padding, kernel) take one value for both dimensions or an array of two.
/// </summary>
public static partial class F
{
    private static long[] Pair(long[]? values, long fallback, string name)
    {
        if (values is null) return new[] { fallback, fallback };
        return values.Length switch
        {
            1 => new[] { values[0], values[0] },
            2 => values,
            _ => throw new ArgumentException($"{name} takes one or two values, got {values.Length}", name),
        };
    }

    private static IntPtr H(Tensor? t) => t?.Handle ?? IntPtr.Zero;

    private static Tensor Wrap(IntPtr h, string op) => Tensor.Wrap(h, op);
}
