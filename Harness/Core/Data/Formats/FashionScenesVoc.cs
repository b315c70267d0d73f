using AdvCam.Torch;

namespace AdvCam.Core.Data.Formats;

/// <summary>
/// FashionScenes as a PASCAL VOC data set: each scene's image as <c>JPEGImages/&lt;id&gt;.png</c> (lossless up to
/// the 8-bit quantisation of the float image) and its ground truth as a VOC palette mask (0 background, class + 1 for
/// Fashion-MNIST class <c>class</c>), read back with <see cref="VocDataset"/> like any VOC data set
/// (<c>classCount</c> <see cref="ClassCount"/>). No label file is written: a scene's label is derived from its mask
/// exactly, <c>label[c] = 1</c> when <c>count(mask == c + 1) &gt;= </c><see cref="FashionScenes.MinVisiblePixels"/>,
/// as <see cref="FashionScenes"/> itself computes it (<see cref="LabelsFromMasks"/>).
/// </summary>
public static class FashionScenesVoc
{
    /// <summary>Classes of an exported mask, counting the background: 1 + <see cref="FashionMnist.ClassCount"/>.</summary>
    public const int ClassCount = FashionMnist.ClassCount + 1;

    /// <summary>
    /// The VOC id of scene <paramref name="index"/> of <paramref name="scenes"/>: source split, seed and index, as
    /// <c>train_s0_000012</c>, so that sets of different seeds or splits can share one root.
    /// </summary>
    public static string Id(FashionScenes scenes, int index)
    {
        ArgumentNullException.ThrowIfNull(scenes);
        return $"{scenes.Source.Split.ToString().ToLowerInvariant()}_s{scenes.Seed}_{index:D6}";
    }

    /// <summary>
    /// Writes scenes 0 .. <paramref name="count"/> - 1 (all when null) of <paramref name="scenes"/> as split
    /// <paramref name="split"/> under <paramref name="root"/> (see <see cref="VocWriter.Write"/>). Scenes are generated
    /// one at a time, so memory does not grow with the count.
    /// </summary>
    /// <returns>The ids written, in scene order.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative or above the set's size.</exception>
    public static IReadOnlyList<string> Export(FashionScenes scenes, string root, string split, int? count = null)
    {
        ArgumentNullException.ThrowIfNull(scenes);
        var n = count ?? scenes.Count;
        ArgumentOutOfRangeException.ThrowIfNegative(n, nameof(count));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(n, scenes.Count, nameof(count));
        return VocWriter.Write(root, split, Entries(scenes, n));
    }

    /// <summary>
    /// Image-level labels from masks, as FashionScenes computes them: float32 <c>[B, 10]</c> from int64 masks
    /// <c>[B, H, W]</c> (or <c>[10]</c> from one <c>[H, W]</c> mask); <see cref="VocColormap.IgnoreIndex"/> pixels count for no class.
    /// </summary>
    /// <exception cref="ArgumentException">The masks are not int64 with 2 or 3 dimensions.</exception>
    public static Tensor LabelsFromMasks(Tensor masks)
    {
        ArgumentNullException.ThrowIfNull(masks);
        if (masks.dtype != ScalarType.Int64 || masks.dim() is not (2 or 3))
            throw new ArgumentException($"masks must be int64 [H, W] or [B, H, W], got {masks.dtype} {masks.ShapeText}", nameof(masks));
        using var scope = torch.NewDisposeScope();
        var batch = masks.dim() == 3 ? masks : masks.unsqueeze(0);
        var rows = new Tensor[batch.size(0)];
        for (var b = 0; b < rows.Length; b++)
        {
            var pixels = batch.select(0, b).flatten();
            var counted = pixels.masked_fill(pixels.eq(VocColormap.IgnoreIndex), 0);
            var counts = counted.bincount(ClassCount);
            rows[b] = (counts.narrow(0, 1, FashionMnist.ClassCount) >= FashionScenes.MinVisiblePixels).to(ScalarType.Float32);
        }
        var labels = masks.dim() == 3 ? torch.stack(rows) : rows[0].clone();
        return scope.MoveToOuter(labels);
    }

    /// <summary>
    /// The scenes one by one. Each scene's tensors live in a dispose scope that stays open while the writer handles
    /// them and closes when the next scene is asked for (or the enumeration ends).
    /// </summary>
    private static IEnumerable<(string id, Tensor image, Tensor mask)> Entries(FashionScenes scenes, int count)
    {
        for (var i = 0; i < count; i++)
        {
            using var scope = torch.NewDisposeScope();
            var scene = scenes.Generate(i);
            yield return (Id(scenes, i), scene.Images.select(0, 0), scene.Masks.select(0, 0));
        }
    }
}
