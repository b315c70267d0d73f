using System.Runtime.InteropServices;

namespace AdvCam.Torch.Interop;

/// <summary>P/Invoke declarations for fft.cpp.</summary>
internal static unsafe partial class NativeMethods
{
    [DllImport(Lib)] internal static extern IntPtr advt_fft_rfftn(IntPtr x, long* s, int ns, long* dim, int nd, int norm);
    [DllImport(Lib)] internal static extern IntPtr advt_fft_irfftn(IntPtr x, long* s, int ns, long* dim, int nd, int norm);
}
