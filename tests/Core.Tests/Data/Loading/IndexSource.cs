using AdvCam.Core.Data.Loading;

namespace AdvCam.Core.Tests.Data.Loading;

/// <summary>
/// A synthetic source whose item i is an image [3, 4, 5] with pixel (c, y, x) = i + 0.01 * (c * 20 + y * 5 + x), target
/// i (int64), and mask [4, 5] with pixel (y, x) = (i + y * 5 + x) % 7. Optionally throws on one index; counts calls.
/// </summary>
internal sealed class IndexSource(int count, int? throwOn = null) : IBatchSource
{
    public const int Channels = 3;
    public const int Height = 4;
    public const int Width = 5;
    public const string FailureMessage = "the disk ate item";

    private int calls;

    public int Count => count;

    public int Calls => Volatile.Read(ref calls);

    public Batch GetBatch(IReadOnlyList<int> indices)
    {
        Interlocked.Increment(ref calls);
        using var scope = torch.NewDisposeScope();
        var idx = torch.tensor(indices.Select(i => (long)i).ToArray());
        // Made in the scope before failing, so a failure must free them.
        var pattern = torch.arange(0, Channels * Height * Width, 1, ScalarType.Float32).reshape(1, Channels, Height, Width) * 0.01;
        if (throwOn is { } bad && indices.Contains(bad)) throw new InvalidOperationException($"{FailureMessage} {bad}");
        var images = idx.to(ScalarType.Float32).reshape(-1, 1, 1, 1) + pattern;
        var grid = torch.arange(0, Height * Width).reshape(1, Height, Width);
        var masks = (idx.reshape(-1, 1, 1) + grid).remainder(7);
        var targets = idx.clone();
        scope.MoveToOuter(images, targets, masks);
        return new Batch(images, targets, masks, indices);
    }

    /// <summary>The item index an image was made from.</summary>
    public static int IndexOf(Tensor images, int b) => (int)Math.Round(images.select(0, b).flatten().select(0, 0).item<float>());
}
