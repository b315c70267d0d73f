using AdvCam.Torch;

namespace AdvCam.Core.Data.Loading;

/// <summary>
/// One batch of a data set: images, targets and optional segmentation masks, plus the data-set indices they came from.
/// Disposing the batch frees its tensors (safe to call twice; safe when a dispose scope also owns them).
/// </summary>
/// <remarks>
/// <para>Shapes: <see cref="Images"/> float [B, C, H, W]. <see cref="Targets"/> is one of int64 class labels [B],
/// float multi-hot labels [B, K], or int64 per-pixel labels [B, H, W] (<see cref="TargetsAreSpatial"/>).
/// <see cref="Masks"/>, when present, is int64 [B, H, W] with <see cref="IgnoreIndex"/> marking pixels without a label.</para>
/// <para>Geometric transforms move <see cref="Masks"/> and spatial <see cref="Targets"/> with the images; image-level
/// targets ([B] or [B, K]) are left as they are.</para>
/// </remarks>
public sealed class Batch : IDisposable
{
    /// <summary>The mask label of pixels that carry no label (padding added by transforms): 255, as in PyTorch's segmentation losses' <c>ignore_index</c> convention.</summary>
    public const long IgnoreIndex = 255;

    private readonly int[] indices;

    /// <summary>Wraps the tensors of one batch (the batch takes them as they are: no copy, no change of owner).</summary>
    /// <param name="images">float [B, C, H, W].</param>
    /// <param name="targets">int64 [B], float [B, K] or int64 [B, H, W].</param>
    /// <param name="masks">int64 [B, H, W], or null.</param>
    /// <param name="indices">The data-set index of each item (B of them), or null when unknown (then empty).</param>
    public Batch(Tensor images, Tensor targets, Tensor? masks = null, IReadOnlyList<int>? indices = null)
    {
        Images = images ?? throw new ArgumentNullException(nameof(images));
        Targets = targets ?? throw new ArgumentNullException(nameof(targets));
        Masks = masks;
        this.indices = indices is null ? [] : [.. indices];
    }

    /// <summary>Images, float [B, C, H, W].</summary>
    public Tensor Images { get; }

    /// <summary>Targets: int64 class labels [B], float multi-hot labels [B, K], or int64 per-pixel labels [B, H, W].</summary>
    public Tensor Targets { get; }

    /// <summary>Segmentation masks, int64 [B, H, W] (<see cref="IgnoreIndex"/> = no label), or null.</summary>
    public Tensor? Masks { get; }

    /// <summary>The data-set index of each item, in batch order (empty when the batch was made without them).</summary>
    public IReadOnlyList<int> Indices => indices;

    /// <summary>Batch size B (the first dimension of <see cref="Images"/>).</summary>
    public int Count => checked((int)Images.size(0));

    /// <summary>Whether <see cref="Targets"/> holds per-pixel labels [B, H, W] (moved by geometric transforms).</summary>
    public bool TargetsAreSpatial => Targets.dim() == 3;

    /// <summary>A batch with some tensors replaced and the same indices; this batch is left untouched.</summary>
    public Batch With(Tensor? images = null, Tensor? targets = null, Tensor? masks = null) =>
        new(images ?? Images, targets ?? Targets, masks ?? Masks, indices);

    /// <summary>
    /// A batch whose masks and spatial targets are replaced by <paramref name="map"/> of them (images replaced by
    /// <paramref name="images"/>); image-level targets are kept.
    /// </summary>
    internal Batch WithSpatial(Tensor images, Func<Tensor, Tensor> map) =>
        new(images, TargetsAreSpatial ? map(Targets) : Targets, Masks is null ? null : map(Masks), indices);

    /// <summary>Frees the tensors (safe to call twice).</summary>
    public void Dispose()
    {
        Images.Dispose();
        Targets.Dispose();
        Masks?.Dispose();
    }
}
