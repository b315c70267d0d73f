using System.Runtime.ExceptionServices;

namespace AdvCam.Core.Data.Loading;

/// <summary>
/// Enumerates one epoch of a <see cref="DataLoader"/> with batches built on background threads. Worker threads claim
/// batch numbers in increasing order (never more than the prefetch depth ahead of the consumer), build them with
/// <see cref="DataLoader.Build"/>, and park each result (batch or failure) in a slot keyed by its number; the consumer
/// takes the slots in order. The workers see only <see cref="State"/>, so an enumerator dropped undisposed is still
/// finalized, which stops them (its queued batches are then left to their tensors' leak guards).
/// </summary>
internal sealed class PrefetchingEnumerator : IEnumerator<Batch>
{
    private readonly State state;
    private Batch? current;
    private bool disposed;

    internal PrefetchingEnumerator(DataLoader loader, int epoch) => state = new State(loader, epoch);

    ~PrefetchingEnumerator() => state.Stop();

    public Batch Current => current ?? throw new InvalidOperationException("MoveNext has not returned true");

    object System.Collections.IEnumerator.Current => Current;

    public bool MoveNext()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        current = null;
        state.StartOnce();
        var (batch, failure, done) = state.Take();
        if (done) return false;
        if (failure is not null)
        {
            Dispose();
            failure.Throw();
        }
        current = batch;
        return true;
    }

    public void Reset() => throw new NotSupportedException("start a new enumeration of DataLoader.Epoch instead");

    /// <summary>Stops the workers, waits for them, and frees every batch built but not yielded.</summary>
    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        current = null; // yielded batches belong to the caller
        state.Stop();
        state.JoinAndFree();
        GC.SuppressFinalize(this);
    }

    private sealed class State(DataLoader loader, int epoch)
    {
        private readonly object gate = new();
        private readonly Dictionary<int, (Batch? Batch, ExceptionDispatchInfo? Failure)> ready = new();
        private readonly int depth = Math.Max(loader.Prefetch, loader.Workers);
        private Thread[] threads = [];
        private int[]? order;
        private int count;
        private int nextToClaim;
        private int nextToTake;
        private bool started;
        private bool stopped;
        private bool failed;

        public void StartOnce()
        {
            if (started) return;
            started = true;
            order = loader.Order(epoch);
            count = loader.BatchCount;
            threads = new Thread[Math.Min(loader.Workers, Math.Max(count, 1))];
            for (var i = 0; i < threads.Length; i++)
            {
                threads[i] = new Thread(Work) { IsBackground = true, Name = $"AdvCam DataLoader worker {i} (epoch {epoch})" };
                threads[i].Start();
            }
        }

        public (Batch? Batch, ExceptionDispatchInfo? Failure, bool Done) Take()
        {
            lock (gate)
            {
                if (nextToTake >= count) return (null, null, true);
                (Batch? Batch, ExceptionDispatchInfo? Failure) slot;
                while (!ready.Remove(nextToTake, out slot)) Monitor.Wait(gate);
                nextToTake++;
                Monitor.PulseAll(gate);
                return (slot.Batch, slot.Failure, false);
            }
        }

        public void Stop()
        {
            lock (gate)
            {
                stopped = true;
                Monitor.PulseAll(gate);
            }
        }

        public void JoinAndFree()
        {
            foreach (var t in threads) t.Join();
            lock (gate)
            {
                foreach (var slot in ready.Values) slot.Batch?.Dispose();
                ready.Clear();
            }
        }

        private void Work()
        {
            while (true)
            {
                int k;
                lock (gate)
                {
                    while (!stopped && !failed && nextToClaim < count && nextToClaim >= nextToTake + depth) Monitor.Wait(gate);
                    if (stopped || failed || nextToClaim >= count) return;
                    k = nextToClaim++;
                }
                Batch? batch = null;
                ExceptionDispatchInfo? failure = null;
                try
                {
                    batch = loader.Build(epoch, order!, k);
                }
                catch (Exception e)
                {
                    failure = ExceptionDispatchInfo.Capture(e);
                }
                lock (gate)
                {
                    if (stopped)
                    {
                        batch?.Dispose();
                        return;
                    }
                    if (failure is not null) failed = true; // no point building past a batch the consumer will fail on
                    ready[k] = (batch, failure);
                    Monitor.PulseAll(gate);
                }
            }
        }
    }
}
