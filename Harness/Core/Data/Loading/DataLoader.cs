using AdvCam.Torch;

namespace AdvCam.Core.Data.Loading;

/// <summary>
/// Iterates an <see cref="IBatchSource"/> in batches, epoch by epoch: optional seeded shuffling, optional
/// augmentation (<see cref="IBatchTransform"/>), and background prefetch on worker threads.
/// </summary>
/// <remarks>
/// <para><b>Order.</b> Epoch e visits the items in <see cref="Order"/>(e): 0 .. n-1 without shuffling, else
/// <c>torch.randperm(n, generator=torch.Generator().manual_seed(LoaderSeeds.Shuffle(seed, e)))</c> (libtorch's CPU
/// mt19937). Batch k holds positions k*B .. min((k+1)*B, n) - 1 of that order; with <c>dropLast</c> a final batch
/// smaller than B is left out.</para>
/// <para><b>Augmentation.</b> Batch k's transform gets a fresh generator seeded with
/// <see cref="LoaderSeeds.Batch"/>(seed, e, k), so a batch's pixels depend on (seed, e, k) only.</para>
/// <para><b>Prefetch.</b> With <c>workers</c> &gt; 0, batches are built on that many background threads, at most
/// max(<c>prefetch</c>, <c>workers</c>) batches ahead of the one the consumer holds; they are yielded strictly in batch
/// order, so the sequence is identical for any worker count (0 builds each batch on the consumer's thread when asked
/// for). A failure while building batch k is thrown on the consumer's thread as a <see cref="DataLoaderException"/>
/// when the enumeration reaches batch k (batches before it are yielded first). Disposing the enumerator (leaving a
/// <c>foreach</c> early, or an exception in its body) stops the workers, waits for the batches they are building and
/// frees those and every queued batch.</para>
/// <para><b>Ownership.</b> Each yielded <see cref="Batch"/> belongs to the caller and to no dispose scope, wherever it
/// was built: dispose it (<c>using (batch) { ... }</c>). A batch that is dropped undisposed is freed after garbage
/// collection (its tensors' leak guards), which is slower to reclaim memory, not a leak.</para>
/// <para>An instance holds no threads or tensors between epochs; several epochs may be enumerated at once.</para>
/// </remarks>
public sealed class DataLoader
{
    /// <summary>Loads <paramref name="source"/> in batches.</summary>
    /// <param name="source">The data set.</param>
    /// <param name="batchSize">Items per batch (B &gt; 0).</param>
    /// <param name="shuffle">Visit the items in a seeded random order each epoch.</param>
    /// <param name="seed">Seed of the shuffle and of the transforms' generators.</param>
    /// <param name="dropLast">Leave out the final batch when it has fewer than <paramref name="batchSize"/> items.</param>
    /// <param name="transform">Applied to every batch (null: none).</param>
    /// <param name="workers">Background threads that build batches; 0 builds them on the consumer's thread.</param>
    /// <param name="prefetch">How many batches workers may build ahead of the consumer (at least 1; raised to <paramref name="workers"/>).</param>
    public DataLoader(IBatchSource source, int batchSize, bool shuffle = false, int seed = 0, bool dropLast = false,
        IBatchTransform? transform = null, int workers = 1, int prefetch = 2)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        ArgumentOutOfRangeException.ThrowIfNegative(workers);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(prefetch);
        Source = source;
        BatchSize = batchSize;
        Shuffle = shuffle;
        Seed = seed;
        DropLast = dropLast;
        Transform = transform;
        Workers = workers;
        Prefetch = prefetch;
    }

    /// <summary>The data set.</summary>
    public IBatchSource Source { get; }

    /// <summary>Items per batch.</summary>
    public int BatchSize { get; }

    /// <summary>Whether each epoch visits the items in a seeded random order.</summary>
    public bool Shuffle { get; }

    /// <summary>Seed of the shuffle and of the transforms' generators.</summary>
    public int Seed { get; }

    /// <summary>Whether a final batch smaller than <see cref="BatchSize"/> is left out.</summary>
    public bool DropLast { get; }

    /// <summary>The transform applied to every batch, or null.</summary>
    public IBatchTransform? Transform { get; }

    /// <summary>Number of background threads (0: batches are built on the consumer's thread).</summary>
    public int Workers { get; }

    /// <summary>How many batches the workers may build ahead of the consumer.</summary>
    public int Prefetch { get; }

    /// <summary>Batches per epoch.</summary>
    public int BatchCount => DropLast ? Source.Count / BatchSize : (Source.Count + BatchSize - 1) / BatchSize;

    /// <summary>The order in which epoch <paramref name="epoch"/> visits the items (every index once).</summary>
    public int[] Order(int epoch)
    {
        var n = Source.Count;
        if (!Shuffle) return Enumerable.Range(0, n).ToArray();
        using var g = new Generator(LoaderSeeds.Shuffle(Seed, epoch));
        using var scope = torch.NewDisposeScope();
        return torch.randperm(n, g, ScalarType.Int32).ToArray<int>();
    }

    /// <summary>
    /// The batches of epoch <paramref name="epoch"/>, in order. Each enumeration starts its own workers on its first
    /// <c>MoveNext</c>. Every yielded batch is the caller's to dispose (see the remarks of <see cref="DataLoader"/>).
    /// </summary>
    public IEnumerable<Batch> Epoch(int epoch) => new EpochBatches(this, epoch);

    /// <summary>
    /// Builds batch <paramref name="batch"/> of an epoch on the calling thread: source, transform, checks. The result's
    /// tensors belong to no dispose scope; everything else made on the way is freed. Failures are wrapped in a
    /// <see cref="DataLoaderException"/>.
    /// </summary>
    internal Batch Build(int epoch, int[] order, int batch)
    {
        var start = batch * BatchSize;
        var indices = order.AsSpan(start, Math.Min(BatchSize, order.Length - start)).ToArray();
        try
        {
            using var scope = torch.NewDisposeScope();
            using var generator = new Generator(LoaderSeeds.Batch(Seed, epoch, batch));
            var raw = Source is IEpochVaryingSource varying ? varying.GetBatch(epoch, indices) : Source.GetBatch(indices);
            var result = Transform is null ? raw : Transform.Apply(raw, generator);
            Check(result, indices.Length);
            return new Batch(
                DisposeScope.Detach(result.Images),
                DisposeScope.Detach(result.Targets),
                result.Masks is null ? null : DisposeScope.Detach(result.Masks),
                indices);
        }
        catch (Exception e)
        {
            throw new DataLoaderException(epoch, batch, start, indices, e);
        }
    }

    private static void Check(Batch batch, int count)
    {
        if (batch.Images.dim() != 4 || batch.Images.size(0) != count)
            throw new InvalidOperationException($"the batch's images are {batch.Images.ShapeText}, expected [{count}, C, H, W]");
        if (batch.Targets.dim() < 1 || batch.Targets.size(0) != count)
            throw new InvalidOperationException($"the batch's targets are {batch.Targets.ShapeText}, expected {count} first");
        if (batch.Masks is { } m && (m.dim() != 3 || m.size(0) != count))
            throw new InvalidOperationException($"the batch's masks are {m.ShapeText}, expected [{count}, H, W]");
    }

    /// <summary>The enumerable of one epoch.</summary>
    private sealed class EpochBatches(DataLoader loader, int epoch) : IEnumerable<Batch>
    {
        public IEnumerator<Batch> GetEnumerator() => loader.Workers == 0
            ? Synchronous().GetEnumerator()
            : new PrefetchingEnumerator(loader, epoch);

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        private IEnumerable<Batch> Synchronous()
        {
            var order = loader.Order(epoch);
            var count = loader.BatchCount;
            for (var k = 0; k < count; k++) yield return loader.Build(epoch, order, k);
        }
    }
}
