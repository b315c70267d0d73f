using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace AdvCam.Torch.Interop;

/// <summary>
/// Finds the native shim next to the managed assembly (where the build copies it), so no LD_LIBRARY_PATH is needed;
/// <c>ADVCAM_NATIVE_LIB</c> overrides the path.
/// </summary>
internal static class NativeLibraryLoader
{
    internal const string LibraryName = "advcam_torch";

    private static readonly object Gate = new();
    private static IntPtr loaded;

#pragma warning disable CA2255 // The resolver must be in place before the first P/Invoke of any caller.
    [ModuleInitializer]
    internal static void Register() => NativeLibrary.SetDllImportResolver(typeof(NativeLibraryLoader).Assembly, Resolve);
#pragma warning restore CA2255

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (name != LibraryName) return IntPtr.Zero;
        // The runtime asks again for every P/Invoke it binds: load and configure once, then hand out the same handle
        // (configuring again would undo a thread count the user has set since).
        lock (Gate)
        {
            if (loaded != IntPtr.Zero) return loaded;
            foreach (var candidate in Candidates(assembly))
            {
                if (File.Exists(candidate) && NativeLibrary.TryLoad(candidate, out var handle))
                {
                    Configure(handle);
                    loaded = handle;
                    return handle;
                }
            }
        }
        throw new DllNotFoundException(
            "AdvCam's native shim libadvcam_torch.so was not found next to AdvCam.Torch.dll nor at ADVCAM_NATIVE_LIB. " +
            "Build it with `dotnet build` (needs Debian's libtorch-dev, libstb-dev, cmake: scripts/install-deps.sh).");
    }

    /// <summary>
    /// Start-up settings, applied once when the library loads: libtorch's CUDA half loaded, before anything asks about
    /// CUDA (a CUDA libtorch only; see the shim's <c>advt_load_cuda</c>); intra-op threads = core count (Debian's
    /// libtorch starts with 1; <c>ADVCAM_THREADS</c> overrides), and glibc's allocator told to keep large activation
    /// buffers instead of returning them to the OS after every batch (<c>ADVCAM_MALLOC=default</c> keeps glibc's defaults);
    /// TF32 on CUDA as <c>ADVCAM_TF32</c> says (<c>0</c> off, <c>1</c> on; unset: libtorch's default).
    /// </summary>
    private static unsafe void Configure(IntPtr library)
    {
        // A failure is not thrown here: the CPU still works, and Device.EnsureAvailable names the reason when CUDA is asked for.
        if (NativeLibrary.TryGetExport(library, "advt_load_cuda", out var loadCuda)) ((delegate* unmanaged<int>)loadCuda)();
        var threads = Environment.ProcessorCount;
        if (int.TryParse(Environment.GetEnvironmentVariable("ADVCAM_THREADS"), out var wanted) && wanted > 0) threads = wanted;
        var setThreads = (delegate* unmanaged<int, int>)NativeLibrary.GetExport(library, "advt_set_num_threads");
        setThreads(threads);
        var tf32 = Environment.GetEnvironmentVariable("ADVCAM_TF32");
        if ((tf32 == "0" || tf32 == "1") && NativeLibrary.TryGetExport(library, "advt_set_allow_tf32", out var setTf32))
            ((delegate* unmanaged<int, int>)setTf32)(tf32 == "1" ? 1 : 0);
        if (Environment.GetEnvironmentVariable("ADVCAM_MALLOC") != "default")
        {
            var configure = (delegate* unmanaged<long, long, long, int>)NativeLibrary.GetExport(library, "advt_configure_allocator");
            configure(AllocatorSettings.MmapThreshold, AllocatorSettings.TrimThreshold, AllocatorSettings.TopPad);
        }
    }

    private static IEnumerable<string> Candidates(Assembly assembly)
    {
        var overridden = Environment.GetEnvironmentVariable("ADVCAM_NATIVE_LIB");
        if (!string.IsNullOrEmpty(overridden)) yield return overridden;
        var file = "lib" + LibraryName + ".so";
        var dir = Path.GetDirectoryName(assembly.Location);
        if (!string.IsNullOrEmpty(dir)) yield return Path.Combine(dir, file);
        yield return Path.Combine(AppContext.BaseDirectory, file);
    }
}
