using AdvCam.Torch.Interop;

namespace AdvCam.Torch;

public static partial class torch
{
    /// <summary>Seeds the default generators of every device.</summary>
    public static void manual_seed(ulong seed) => Tensor.Check(NativeMethods.advt_manual_seed(seed), "manual_seed");

    /// <summary>Uniform samples in [0, 1).</summary>
    public static unsafe Tensor rand(long[] shape, Generator? generator = null, ScalarType dtype = ScalarType.Float32, Device? device = null)
    {
        var d = device ?? Device.Cpu;
        fixed (long* s = shape)
            return Tensor.Wrap(NativeMethods.advt_rand(s, shape.Length, generator?.Handle ?? IntPtr.Zero, (int)dtype, (int)d.Type, d.Index), "rand");
    }

    /// <summary>Uniform float32 samples in [0, 1) from the default generator.</summary>
    public static Tensor rand(params long[] shape) => rand(shape, null);

    /// <summary>Standard normal samples.</summary>
    public static unsafe Tensor randn(long[] shape, Generator? generator = null, ScalarType dtype = ScalarType.Float32, Device? device = null)
    {
        var d = device ?? Device.Cpu;
        fixed (long* s = shape)
            return Tensor.Wrap(NativeMethods.advt_randn(s, shape.Length, generator?.Handle ?? IntPtr.Zero, (int)dtype, (int)d.Type, d.Index), "randn");
    }

    /// <summary>Standard normal float32 samples from the default generator.</summary>
    public static Tensor randn(params long[] shape) => randn(shape, null);

    /// <summary>Integers uniform in [low, high).</summary>
    public static unsafe Tensor randint(long low, long high, long[] shape, Generator? generator = null, ScalarType dtype = ScalarType.Int64, Device? device = null)
    {
        var d = device ?? Device.Cpu;
        fixed (long* s = shape)
            return Tensor.Wrap(NativeMethods.advt_randint(low, high, s, shape.Length, generator?.Handle ?? IntPtr.Zero, (int)dtype, (int)d.Type, d.Index), "randint");
    }

    /// <summary>A random permutation of 0..n-1.</summary>
    public static Tensor randperm(long n, Generator? generator = null, ScalarType dtype = ScalarType.Int64, Device? device = null)
    {
        var d = device ?? Device.Cpu;
        return Tensor.Wrap(NativeMethods.advt_randperm(n, generator?.Handle ?? IntPtr.Zero, (int)dtype, (int)d.Type, d.Index), "randperm");
    }

    /// <summary>0/1 draws with the probabilities in <paramref name="p"/>.</summary>
    public static Tensor bernoulli(Tensor p, Generator? generator = null) =>
        Tensor.Wrap(NativeMethods.advt_bernoulli(p.Handle, generator?.Handle ?? IntPtr.Zero), "bernoulli");
}
