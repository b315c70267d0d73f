using System.Runtime.InteropServices;
using AdvCam.Torch.Interop;

namespace AdvCam.Torch;

/// <summary>
/// The PyTorch-style entry point: <c>torch.zeros(2, 3)</c>, <c>torch.tensor(data, shape)</c>, <c>torch.cat(...)</c>,
/// <c>torch.no_grad()</c>, <c>torch.autograd.grad(...)</c>, <c>torch.cuda.is_available()</c>.
/// </summary>
public static partial class torch
{
    /// <summary>A tensor holding a copy of <paramref name="data"/> with <paramref name="shape"/> (1-D when omitted).</summary>
    public static unsafe Tensor tensor<T>(T[] data, long[]? shape = null, Device? device = null, bool requires_grad = false)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(data);
        shape ??= new[] { (long)data.Length };
        fixed (T* p = data)
            return FromMemory(p, (long)data.Length * sizeof(T), shape, ScalarTypes.Of<T>(), device, requires_grad);
    }

    /// <summary>A 1-D tensor holding <paramref name="data"/>.</summary>
    public static Tensor tensor<T>(params T[] data) where T : unmanaged => tensor(data, null);

    /// <summary>A tensor with the shape and elements of a rectangular array of any rank.</summary>
    public static unsafe Tensor from_array<T>(Array data, Device? device = null, bool requires_grad = false) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.GetType().GetElementType() != typeof(T))
            throw new ArgumentException($"array elements are {data.GetType().GetElementType()?.Name}, expected {typeof(T).Name}", nameof(data));
        var shape = new long[data.Rank];
        for (var i = 0; i < shape.Length; i++) shape[i] = data.GetLength(i);
        fixed (byte* p = &MemoryMarshal.GetArrayDataReference(data))
            return FromMemory(p, (long)data.Length * sizeof(T), shape, ScalarTypes.Of<T>(), device, requires_grad);
    }

    /// <summary>A tensor holding a copy of raw element bytes (little-endian, row-major).</summary>
    public static unsafe Tensor from_bytes(ReadOnlySpan<byte> bytes, ScalarType dtype, long[] shape, Device? device = null)
    {
        fixed (byte* p = bytes) return FromMemory(p, bytes.Length, shape, dtype, device, false);
    }

    private static unsafe Tensor FromMemory(void* data, long nbytes, long[] shape, ScalarType dtype, Device? device, bool requiresGrad)
    {
        var d = device ?? Device.Cpu;
        fixed (long* s = shape)
            return Tensor.Wrap(NativeMethods.advt_from_data(data, nbytes, s, shape.Length, (int)dtype, (int)d.Type, d.Index, requiresGrad ? 1 : 0), "tensor");
    }

    /// <summary>A 0-dim tensor holding <paramref name="value"/>.</summary>
    public static Tensor scalar_tensor(double value, ScalarType dtype = ScalarType.Float32, Device? device = null)
    {
        var d = device ?? Device.Cpu;
        return Tensor.Wrap(NativeMethods.advt_scalar_tensor(value, (int)dtype, (int)d.Type, d.Index), "scalar_tensor");
    }

    /// <summary>Uninitialised float32 tensor of <paramref name="shape"/>.</summary>
    public static Tensor empty(params long[] shape) => empty(shape, ScalarType.Float32);

    /// <summary>Uninitialised tensor.</summary>
    public static unsafe Tensor empty(long[] shape, ScalarType dtype, Device? device = null, bool requires_grad = false)
    {
        var d = device ?? Device.Cpu;
        fixed (long* s = shape) return Tensor.Wrap(NativeMethods.advt_empty(s, shape.Length, (int)dtype, (int)d.Type, d.Index, requires_grad ? 1 : 0), "empty");
    }

    /// <summary>float32 zeros of <paramref name="shape"/>.</summary>
    public static Tensor zeros(params long[] shape) => zeros(shape, ScalarType.Float32);

    /// <summary>Zeros.</summary>
    public static unsafe Tensor zeros(long[] shape, ScalarType dtype, Device? device = null, bool requires_grad = false)
    {
        var d = device ?? Device.Cpu;
        fixed (long* s = shape) return Tensor.Wrap(NativeMethods.advt_zeros(s, shape.Length, (int)dtype, (int)d.Type, d.Index, requires_grad ? 1 : 0), "zeros");
    }

    /// <summary>float32 ones of <paramref name="shape"/>.</summary>
    public static Tensor ones(params long[] shape) => ones(shape, ScalarType.Float32);

    /// <summary>Ones.</summary>
    public static unsafe Tensor ones(long[] shape, ScalarType dtype, Device? device = null, bool requires_grad = false)
    {
        var d = device ?? Device.Cpu;
        fixed (long* s = shape) return Tensor.Wrap(NativeMethods.advt_ones(s, shape.Length, (int)dtype, (int)d.Type, d.Index, requires_grad ? 1 : 0), "ones");
    }

    /// <summary>A tensor filled with <paramref name="value"/>.</summary>
    public static unsafe Tensor full(long[] shape, double value, ScalarType dtype = ScalarType.Float32, Device? device = null, bool requires_grad = false)
    {
        var d = device ?? Device.Cpu;
        fixed (long* s = shape) return Tensor.Wrap(NativeMethods.advt_full(s, shape.Length, value, (int)dtype, (int)d.Type, d.Index, requires_grad ? 1 : 0), "full");
    }

    /// <summary>Values start, start+step, ... below end.</summary>
    public static Tensor arange(double start, double end, double step = 1, ScalarType dtype = ScalarType.Int64, Device? device = null)
    {
        var d = device ?? Device.Cpu;
        return Tensor.Wrap(NativeMethods.advt_arange(start, end, step, (int)dtype, (int)d.Type, d.Index), "arange");
    }

    /// <summary>0, 1, ..., end-1 as int64.</summary>
    public static Tensor arange(long end) => arange(0, end);

    /// <summary><paramref name="steps"/> evenly spaced values from start to end inclusive.</summary>
    public static Tensor linspace(double start, double end, long steps, ScalarType dtype = ScalarType.Float32, Device? device = null)
    {
        var d = device ?? Device.Cpu;
        return Tensor.Wrap(NativeMethods.advt_linspace(start, end, steps, (int)dtype, (int)d.Type, d.Index), "linspace");
    }

    /// <summary>The n x n identity matrix.</summary>
    public static Tensor eye(long n, ScalarType dtype = ScalarType.Float32, Device? device = null)
    {
        var d = device ?? Device.Cpu;
        return Tensor.Wrap(NativeMethods.advt_eye(n, (int)dtype, (int)d.Type, d.Index), "eye");
    }

    /// <summary>Zeros shaped, typed and placed like <paramref name="like"/>.</summary>
    public static Tensor zeros_like(Tensor like) => Tensor.Wrap(NativeMethods.advt_zeros_like(like.Handle), "zeros_like");

    /// <summary>Ones shaped, typed and placed like <paramref name="like"/>.</summary>
    public static Tensor ones_like(Tensor like) => Tensor.Wrap(NativeMethods.advt_ones_like(like.Handle), "ones_like");

    /// <summary>A constant shaped, typed and placed like <paramref name="like"/>.</summary>
    public static Tensor full_like(Tensor like, double value) => Tensor.Wrap(NativeMethods.advt_full_like(like.Handle, value), "full_like");
}
