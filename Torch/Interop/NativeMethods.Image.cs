using System.Runtime.InteropServices;

namespace AdvCam.Torch.Interop;

/// <summary>P/Invoke declarations for image_io.cpp.</summary>
internal static unsafe partial class NativeMethods
{
    [DllImport(Lib)] internal static extern IntPtr advt_image_decode(byte* bytes, long length, int channels);
    [DllImport(Lib)] internal static extern IntPtr advt_image_encode_png(IntPtr image);
}
