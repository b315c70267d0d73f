using System.Runtime.InteropServices;

namespace AdvCam.Torch.Interop;

/// <summary>P/Invoke declarations for random.cpp.</summary>
internal static unsafe partial class NativeMethods
{
    [DllImport(Lib)] internal static extern IntPtr advt_generator_new(ulong seed);
    [DllImport(Lib)] internal static extern void advt_generator_free(IntPtr g);
    [DllImport(Lib)] internal static extern int advt_generator_set_seed(IntPtr g, ulong seed);
    [DllImport(Lib)] internal static extern IntPtr advt_rand(long* s, int n, IntPtr g, int dtype, int dt, int di);
    [DllImport(Lib)] internal static extern IntPtr advt_randn(long* s, int n, IntPtr g, int dtype, int dt, int di);
    [DllImport(Lib)] internal static extern IntPtr advt_randint(long low, long high, long* s, int n, IntPtr g, int dtype, int dt, int di);
    [DllImport(Lib)] internal static extern IntPtr advt_randperm(long count, IntPtr g, int dtype, int dt, int di);
    [DllImport(Lib)] internal static extern IntPtr advt_bernoulli(IntPtr p, IntPtr g);
    [DllImport(Lib)] internal static extern int advt_uniform_gen_(IntPtr a, double lo, double hi, IntPtr g);
    [DllImport(Lib)] internal static extern int advt_normal_gen_(IntPtr a, double mean, double std, IntPtr g);
}
