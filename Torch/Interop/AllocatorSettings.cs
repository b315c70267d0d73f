namespace AdvCam.Torch.Interop;

/// <summary>
/// glibc malloc settings applied at start-up (DESIGN.md §7): with the defaults glibc hands large activation
/// buffers back to the OS and faults them in again on every batch. The benchmark gives the PyTorch peer the same
/// values through MALLOC_MMAP_THRESHOLD_, MALLOC_TRIM_THRESHOLD_ and MALLOC_TOP_PAD_.
/// </summary>
internal static class AllocatorSettings
{
    /// <summary>Blocks below this size come from the heap, not mmap: 32 MiB, glibc's largest allowed value.</summary>
    internal const long MmapThreshold = 32L << 20;

    /// <summary>Free memory at the top of the heap kept before trimming: 1 GiB (in practice, never trim).</summary>
    internal const long TrimThreshold = 1L << 30;

    /// <summary>Extra memory requested from the OS on each heap growth: 64 MiB.</summary>
    internal const long TopPad = 64L << 20;
}
