using System.Collections.Concurrent;
using AdvCam.Torch.Interop;

namespace AdvCam.Torch;

/// <summary>
/// Tensors that were never disposed are not freed on the finalizer thread (where a free could race with work on
/// the tensor's device); the finalizer queues the handle here and a working thread frees it at its next tensor
/// creation.
/// </summary>
internal static class DeferredFree
{
    private static readonly ConcurrentQueue<IntPtr> Pending = new();
    private static int count;

    internal static bool HasPending => Volatile.Read(ref count) > 0;

    internal static void Enqueue(IntPtr handle)
    {
        Pending.Enqueue(handle);
        Interlocked.Increment(ref count);
    }

    internal static void Drain()
    {
        while (Pending.TryDequeue(out var h))
        {
            Interlocked.Decrement(ref count);
            NativeMethods.advt_free(h);
        }
    }
}
