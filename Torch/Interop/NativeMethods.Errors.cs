using System.Runtime.InteropServices;

namespace AdvCam.Torch.Interop;

/// <summary>P/Invoke declarations for the shim's errors.cpp: error slot and handle lifetime.</summary>
internal static unsafe partial class NativeMethods
{
    private const string Lib = NativeLibraryLoader.LibraryName;

    [DllImport(Lib)] internal static extern IntPtr advt_take_error();
    [DllImport(Lib)] internal static extern void advt_free(IntPtr h);
    [DllImport(Lib)] internal static extern void advt_free_many(IntPtr* handles, int count);
    [DllImport(Lib)] internal static extern long advt_live_tensors();
}
