namespace AdvCam.Torch.Tests;

/// <summary>Reads <see cref="Tensor.LiveCount"/> after collecting garbage, so handles that other tests leaked to the
/// finalizer are freed before a leak test takes its baseline.</summary>
internal static class LiveTensors
{
    public static long Settled()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return Tensor.LiveCount;
    }
}
