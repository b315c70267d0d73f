using AdvCam.Torch;

namespace AdvCam.Plugins.Perturbations.Blur;

/// <summary>
/// Builds one kernel per image for the families whose kernel is random per image (motion blur, camera shake): every
/// kernel is drawn on its own grid, in parallel across images (as many workers as libtorch's intra-op threads), and
/// written into one buffer, so the batch becomes a
/// single [N, k, k] tensor rather than N tensors stacked.
/// </summary>
/// <remarks>Kernel i depends only on its index (each draws from its own seeded stream), so the result is the same
/// whatever the order the images are drawn in.</remarks>
internal static class KernelBatch
{
    /// <summary>Kernels per worker below which the batch is drawn on one thread (a grid is cheap; a task is not free).</summary>
    private const int KernelsPerWorker = 16;

    /// <summary>The kernels <c>draw(0) .. draw(count - 1)</c>, normalised, as a float32 [count, k, k] CPU tensor.</summary>
    /// <param name="count">The number of images (at least 1).</param>
    /// <param name="draw">Draws kernel i's grid; every grid must have the same side k.</param>
    /// <exception cref="InvalidOperationException">Two grids differ in size, or one holds no weight.</exception>
    public static Tensor Build(long count, Func<long, KernelCanvas> draw)
    {
        var first = draw(0);
        var size = first.Size;
        var area = size * size;
        var values = new float[checked(count * area)];
        first.WriteNormalized(values.AsSpan(0, area));
        void Write(long i)
        {
            var canvas = draw(i);
            if (canvas.Size != size)
                throw new InvalidOperationException($"kernel {i} is {canvas.Size} pixels wide, kernel 0 {size}: a batch's kernels must share their size");
            canvas.WriteNormalized(values.AsSpan(checked((int)(i * area)), area));
        }
        // As many workers as libtorch has intra-op threads (the thread budget the user set with --threads).
        var workers = Math.Max(1, torch.get_num_threads());
        if (workers == 1 || count - 1 < 2 * KernelsPerWorker)
        {
            for (long i = 1; i < count; i++) Write(i);
        }
        else
        {
            Parallel.For(1L, count, new ParallelOptions { MaxDegreeOfParallelism = workers }, Write);
        }
        return torch.tensor(values, [count, size, size]);
    }
}
