using AdvCam.Torch.Interop;

namespace AdvCam.Torch;

public partial class Tensor
{
    /// <summary>Copies the elements (row-major) into a new managed array; the element type must match.</summary>
    public unsafe T[] ToArray<T>() where T : unmanaged
    {
        var type = ScalarTypes.Of<T>();
        var result = new T[numel()];
        fixed (T* p = result)
            Check(NativeMethods.advt_copy_to(Handle, p, (long)result.Length * sizeof(T), (int)type), "ToArray");
        return result;
    }

    /// <summary>The value of a one-element tensor.</summary>
    public unsafe T item<T>() where T : unmanaged
    {
        if (typeof(T) == typeof(long) || typeof(T) == typeof(int) || typeof(T) == typeof(bool))
        {
            long l;
            Check(NativeMethods.advt_item_long(Handle, &l), "item");
            if (typeof(T) == typeof(long)) return (T)(object)l;
            if (typeof(T) == typeof(int)) return (T)(object)checked((int)l);
            return (T)(object)(l != 0);
        }
        double d;
        Check(NativeMethods.advt_item_double(Handle, &d), "item");
        if (typeof(T) == typeof(double)) return (T)(object)d;
        if (typeof(T) == typeof(float)) return (T)(object)(float)d;
        throw new NotSupportedException($"item<{typeof(T).Name}> is not supported");
    }

    /// <summary>The value of a one-element tensor as double.</summary>
    public double ToDouble() => item<double>();

    /// <summary>A copy converted to <paramref name="type"/> (the same tensor's alias when already of that type).</summary>
    public Tensor to(ScalarType type) => Wrap(NativeMethods.advt_to_dtype(Handle, (int)type), "to(dtype)");

    /// <summary>A copy on <paramref name="device"/> (an alias when already there).</summary>
    public Tensor to(Device device, bool non_blocking = false) =>
        Wrap(NativeMethods.advt_to_device(Handle, (int)device.Type, device.Index, non_blocking ? 1 : 0), "to(device)");

    /// <summary>On the CPU.</summary>
    public Tensor cpu() => to(Device.Cpu);

    /// <summary>A page-locked copy of a CPU tensor (fast non-blocking copies to CUDA).</summary>
    public Tensor pin_memory() => Wrap(NativeMethods.advt_pin_memory(Handle), "pin_memory");

    /// <summary>As float32.</summary>
    public Tensor @float() => to(ScalarType.Float32);

    /// <summary>As float64.</summary>
    public Tensor @double() => to(ScalarType.Float64);

    /// <summary>As int64.</summary>
    public Tensor @long() => to(ScalarType.Int64);

    /// <summary>As bool.</summary>
    public Tensor @bool() => to(ScalarType.Bool);

    /// <summary>A deep copy (recorded by autograd).</summary>
    public Tensor clone() => Wrap(NativeMethods.advt_clone(Handle), "clone");

    /// <summary>Row-major contiguous (an alias when already so).</summary>
    public Tensor contiguous() => Wrap(NativeMethods.advt_contiguous(Handle), "contiguous");

    /// <summary>A second handle to the same tensor (same storage, same autograd identity).</summary>
    public Tensor alias() => Wrap(NativeMethods.advt_alias(Handle), "alias");
}
