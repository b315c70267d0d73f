using AdvCam.Torch.Interop;

namespace AdvCam.Torch;

public partial class Tensor
{
    /// <summary>The sizes of every dimension.</summary>
    public unsafe long[] shape
    {
        get
        {
            var buffer = stackalloc long[16];
            var n = NativeMethods.advt_sizes(Handle, buffer, 16);
            Check(n, "shape");
            if (n > 16)
            {
                var big = new long[n];
                fixed (long* p = big) Check(NativeMethods.advt_sizes(Handle, p, n), "shape");
                return big;
            }
            var result = new long[n];
            for (var i = 0; i < n; i++) result[i] = buffer[i];
            return result;
        }
    }

    /// <summary>The size of dimension <paramref name="dim"/> (negative counts from the end).</summary>
    public long size(int dim)
    {
        var s = shape;
        var d = dim < 0 ? dim + s.Length : dim;
        if (d < 0 || d >= s.Length) throw new ArgumentOutOfRangeException(nameof(dim), dim, $"tensor has {s.Length} dimensions");
        return s[d];
    }

    /// <summary>Number of dimensions.</summary>
    public int dim()
    {
        var n = NativeMethods.advt_dim(Handle);
        Check(n, "dim");
        return n;
    }

    /// <summary>Number of elements.</summary>
    public long numel()
    {
        var n = NativeMethods.advt_numel(Handle);
        if (n < 0) throw LastError("numel");
        return n;
    }

    /// <summary>The element type.</summary>
    public ScalarType dtype
    {
        get
        {
            var d = NativeMethods.advt_dtype(Handle);
            Check(d, "dtype");
            return (ScalarType)d;
        }
    }

    /// <summary>The device the tensor lives on.</summary>
    public Device device
    {
        get
        {
            var t = NativeMethods.advt_device_type(Handle);
            Check(t, "device");
            return new Device((DeviceType)t, NativeMethods.advt_device_index(Handle));
        }
    }

    /// <summary>Whether the elements are laid out contiguously in row-major order.</summary>
    public bool is_contiguous()
    {
        var r = NativeMethods.advt_is_contiguous(Handle);
        Check(r, "is_contiguous");
        return r == 1;
    }

    /// <summary>Shape as text, e.g. <c>[2, 3, 4]</c>.</summary>
    public string ShapeText => "[" + string.Join(", ", shape) + "]";
}
