using AdvCam.Core.Data;

namespace AdvCam.Core.Tests.Data;

/// <summary>The real Debian files, each split read once for the whole test run.</summary>
internal static class FashionMnistFiles
{
    private static readonly Lazy<FashionMnist> train = new(() => FashionMnist.Load(FashionMnistSplit.Train, FashionMnist.DebianDirectory));
    private static readonly Lazy<FashionMnist> test = new(() => FashionMnist.Load(FashionMnistSplit.Test, FashionMnist.DebianDirectory));

    public static FashionMnist Train => train.Value;

    public static FashionMnist Test => test.Value;

    /// <summary><see cref="Tensor.LiveCount"/> after collecting garbage, so earlier leaks to the finalizer do not count.</summary>
    public static long SettledLiveCount()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return Tensor.LiveCount;
    }
}
