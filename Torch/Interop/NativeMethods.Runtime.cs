using System.Runtime.InteropServices;

namespace AdvCam.Torch.Interop;

/// <summary>P/Invoke declarations for the shim's runtime.cpp.</summary>
internal static unsafe partial class NativeMethods
{
    [DllImport(Lib)] internal static extern IntPtr advt_version();
    [DllImport(Lib)] internal static extern IntPtr advt_config();
    [DllImport(Lib)] internal static extern int advt_get_num_threads();
    [DllImport(Lib)] internal static extern int advt_set_num_threads(int n);
    [DllImport(Lib)] internal static extern int advt_cuda_is_available();
    [DllImport(Lib)] internal static extern IntPtr advt_cuda_load_error();
    [DllImport(Lib)] internal static extern int advt_cuda_device_count();
    [DllImport(Lib)] internal static extern int advt_cuda_synchronize(int deviceIndex);
    [DllImport(Lib)] internal static extern int advt_manual_seed(ulong seed);
    [DllImport(Lib)] internal static extern int advt_set_deterministic(int on);
    [DllImport(Lib)] internal static extern int advt_set_allow_tf32(int on);
    [DllImport(Lib)] internal static extern int advt_get_allow_tf32_cudnn();
    [DllImport(Lib)] internal static extern int advt_configure_allocator(long mmapThreshold, long trimThreshold, long topPad);
}
