using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace AdvCam.Torch.Benchmarks;

/// <summary>
/// Where the time of <c>using var c = a + b</c> goes (--profile). Each variant adds one piece of what
/// <see cref="Tensor"/> does on top of the raw shim calls (advt_add + advt_free, P/Invoked directly), so the
/// differences between rows are the cost of each piece. The pieces are copies of Tensor's logic, not Tensor itself.
/// All variants run interleaved in one process (see <see cref="Timing.Interleaved"/>).
/// </summary>
internal static unsafe class Profile
{
    public static void Run(Options o, Output output)
    {
        currentScope = null; // as in the main row: no dispose scope is open
        long one = 1;
        var a = Raw.advt_ones(&one, 1, 6, 0, -1, 0);
        var b = Raw.advt_ones(&one, 1, 6, 0, -1, 0);
        if (a == IntPtr.Zero || b == IntPtr.Zero) throw new InvalidOperationException("advt_ones failed");
        try
        {
            // Variants are timed interleaved (round-robin, one loop each per round), so a slow spell on a shared
            // machine slows them all alike and the differences between rows stay meaningful.
            var variants = new List<(string Name, Action<int> Loop)>();
            void R(string variant, Action<int> loop) => variants.Add((variant, loop));

            // The floor: two P/Invokes (add, free) with the default GC transition.
            R("raw_pinvoke", n =>
            {
                for (var i = 0; i < n; i++) Raw.advt_free(Raw.advt_add(a, b, 1));
            });
            // The same through function pointers from NativeLibrary.GetExport (no DllImport stub).
            var add = (delegate* unmanaged<IntPtr, IntPtr, double, IntPtr>)Raw.Export("advt_add");
            var free = (delegate* unmanaged<IntPtr, void>)Raw.Export("advt_free");
            R("raw_fnptr", n =>
            {
                for (var i = 0; i < n; i++) free(add(a, b, 1));
            });
            // Without the GC transition (only safe for short calls that never block: shown to size the transition).
            R("raw_suppress_gc_transition", n =>
            {
                for (var i = 0; i < n; i++) Raw.advt_free_nt(Raw.advt_add_nt(a, b, 1));
            });
            // Free only without the transition (advt_free is a delete and a relaxed atomic decrement).
            R("raw_free_suppress_gc_transition", n =>
            {
                for (var i = 0; i < n; i++) Raw.advt_free_nt(Raw.advt_add(a, b, 1));
            });
            // + a plain managed object per result.
            R("raw+object", n =>
            {
                for (var i = 0; i < n; i++)
                {
                    using var c = new PlainBox(Raw.advt_add(a, b, 1));
                }
            });
            // + Dispose swaps the handle out with Interlocked.Exchange (as Tensor.Dispose does).
            R("raw+object+interlocked", n =>
            {
                for (var i = 0; i < n; i++)
                {
                    using var c = new InterlockedBox(Raw.advt_add(a, b, 1));
                }
            });
            // + the object has a finalizer (registered at allocation, suppressed at Dispose) and Interlocked.Exchange.
            R("raw+finalizable_object", n =>
            {
                for (var i = 0; i < n; i++)
                {
                    using var c = new FinalizableBox(Raw.advt_add(a, b, 1));
                }
            });
            // + Tensor's constructor checks (DeferredFree.HasPending volatile read, [ThreadStatic] scope lookup,
            // the handle's disposed check): an emulation of the whole Tensor path.
            R("raw+tensor_emulation", n =>
            {
                var ea = new TensorLike(a, false);
                var eb = new TensorLike(b, false);
                for (var i = 0; i < n; i++)
                {
                    using var c = new TensorLike(Raw.advt_add(ea.Handle, eb.Handle, 1), true);
                }
                GC.SuppressFinalize(ea);
                GC.SuppressFinalize(eb);
            });
            // The library itself, freeing each result at once (the main row), and inside a dispose scope of 100 ops.
            using var ta = torch.ones(1);
            using var tb = torch.ones(1);
            R("api_using", n =>
            {
                for (var i = 0; i < n; i++)
                {
                    using var c = ta + tb;
                }
            });
            R("api_dispose_scope_100", n =>
            {
                for (var i = 0; i < n; i += 100)
                {
                    using var scope = torch.NewDisposeScope();
                    for (var j = 0; j < 100; j++) _ = ta + tb;
                }
            });
            // Frees batched 100 at a time into one advt_free_many call (what a dispose scope could do) instead of one
            // P/Invoke each: compare with api_dispose_scope_100 and raw_pinvoke.
            var handles = new IntPtr[100];
            R("raw_add+free_many_100", n =>
            {
                for (var i = 0; i < n; i += 100)
                {
                    for (var j = 0; j < 100; j++) handles[j] = Raw.advt_add(a, b, 1);
                    fixed (IntPtr* p = handles) Raw.advt_free_many(p, 100);
                }
            });
            foreach (var (name, samples) in Timing.Interleaved(o, variants)) output.Result("add", name, "ns/call", samples);
        }
        finally
        {
            Raw.advt_free(a);
            Raw.advt_free(b);
        }
    }

    private sealed class PlainBox(IntPtr handle) : IDisposable
    {
        private IntPtr handle = handle;

        public void Dispose()
        {
            var h = handle;
            handle = IntPtr.Zero;
            if (h != IntPtr.Zero) Raw.advt_free(h);
        }
    }

    private sealed class InterlockedBox(IntPtr handle) : IDisposable
    {
        private IntPtr handle = handle;

        public void Dispose()
        {
            var h = Interlocked.Exchange(ref handle, IntPtr.Zero);
            if (h != IntPtr.Zero) Raw.advt_free(h);
        }
    }

    private sealed class FinalizableBox(IntPtr handle) : IDisposable
    {
        private IntPtr handle = handle;

        ~FinalizableBox()
        {
            var h = Interlocked.Exchange(ref handle, IntPtr.Zero);
            if (h != IntPtr.Zero) Pending.Enqueue(h);
        }

        public void Dispose()
        {
            var h = Interlocked.Exchange(ref handle, IntPtr.Zero);
            if (h != IntPtr.Zero) Raw.advt_free(h);
            GC.SuppressFinalize(this);
        }
    }

    private static readonly System.Collections.Concurrent.ConcurrentQueue<IntPtr> Pending = new();
    private static int pendingCount;
    [ThreadStatic] private static object? currentScope;

    /// <summary>Tensor's per-object work, minus the native call: see Torch/Tensor.cs.</summary>
    private sealed class TensorLike : IDisposable
    {
        private IntPtr handle;

        public TensorLike(IntPtr handle, bool adopt)
        {
            if (Volatile.Read(ref pendingCount) > 0) Drain();
            this.handle = handle;
            if (adopt && currentScope is { } s) Owner = s;
        }

        ~TensorLike()
        {
            var h = Interlocked.Exchange(ref handle, IntPtr.Zero);
            if (h != IntPtr.Zero)
            {
                Pending.Enqueue(h);
                Interlocked.Increment(ref pendingCount);
            }
        }

        public object? Owner { get; set; }

        public IntPtr Handle
        {
            get
            {
                var h = handle;
                if (h == IntPtr.Zero) throw new ObjectDisposedException(nameof(TensorLike));
                return h;
            }
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void Drain()
        {
            while (Pending.TryDequeue(out var h))
            {
                Interlocked.Decrement(ref pendingCount);
                Raw.advt_free(h);
            }
        }

        public void Dispose()
        {
            var h = Interlocked.Exchange(ref handle, IntPtr.Zero);
            if (h != IntPtr.Zero) Raw.advt_free(h);
            GC.SuppressFinalize(this);
        }
    }
}

/// <summary>The shim's C exports, P/Invoked directly (the same libadvcam_torch.so that AdvCam.Torch loaded).</summary>
internal static unsafe class Raw
{
    private const string Lib = "advcam_torch";
    private static IntPtr library;

#pragma warning disable CA2255 // The resolver must be in place before the first P/Invoke in this assembly.
    [ModuleInitializer]
    internal static void Register() => NativeLibrary.SetDllImportResolver(typeof(Raw).Assembly, Resolve);
#pragma warning restore CA2255

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (name != Lib) return IntPtr.Zero;
        if (library != IntPtr.Zero) return library;
        // AdvCam.Torch has already loaded this file (Program touches torch first); dlopen returns the same instance.
        var path = Environment.GetEnvironmentVariable("ADVCAM_NATIVE_LIB");
        if (string.IsNullOrEmpty(path)) path = Path.Combine(AppContext.BaseDirectory, "libadvcam_torch.so");
        library = NativeLibrary.Load(path);
        return library;
    }

    public static IntPtr Export(string name) => NativeLibrary.GetExport(Resolve(Lib, typeof(Raw).Assembly, null), name);

    [DllImport(Lib)] public static extern IntPtr advt_ones(long* shape, int ndim, int dtype, int deviceType, int deviceIndex, int requiresGrad);
    [DllImport(Lib)] public static extern IntPtr advt_add(IntPtr a, IntPtr b, double alpha);
    [DllImport(Lib)] public static extern void advt_free(IntPtr h);
    [DllImport(Lib)] public static extern void advt_free_many(IntPtr* handles, int count);

    [SuppressGCTransition, DllImport(Lib, EntryPoint = "advt_add")] public static extern IntPtr advt_add_nt(IntPtr a, IntPtr b, double alpha);
    [SuppressGCTransition, DllImport(Lib, EntryPoint = "advt_free")] public static extern void advt_free_nt(IntPtr h);
}
