using AdvCam.Torch;

namespace AdvCam.Core.Data;

/// <summary>
/// B FashionScenes scenes as three CPU tensors. The tensors belong to the dispose scope that was open when they were
/// made (or to nobody); <see cref="Dispose"/> frees all three either way.
/// </summary>
public sealed class FashionSceneBatch : IDisposable
{
    /// <summary>Wraps three tensors of the same batch size.</summary>
    /// <param name="images">float32 [B, 3, 64, 64] in [0, 1].</param>
    /// <param name="masks">int64 [B, 64, 64]: 0 background, class + 1 under the topmost item's mask.</param>
    /// <param name="labels">float32 [B, 10], multi-hot.</param>
    public FashionSceneBatch(Tensor images, Tensor masks, Tensor labels)
    {
        Images = images ?? throw new ArgumentNullException(nameof(images));
        Masks = masks ?? throw new ArgumentNullException(nameof(masks));
        Labels = labels ?? throw new ArgumentNullException(nameof(labels));
    }

    /// <summary>RGB images, float32 [B, 3, 64, 64] in [0, 1].</summary>
    public Tensor Images { get; }

    /// <summary>Ground-truth segmentation, int64 [B, 64, 64]: 0 background, class + 1 where the topmost item's mask is.</summary>
    public Tensor Masks { get; }

    /// <summary>Image-level labels, float32 [B, 10]: 1 for each class with at least 20 visible mask pixels, else 0.</summary>
    public Tensor Labels { get; }

    /// <summary>Batch size B.</summary>
    public int Count => checked((int)Images.size(0));

    /// <summary>Frees the three tensors (safe to call twice).</summary>
    public void Dispose()
    {
        Images.Dispose();
        Masks.Dispose();
        Labels.Dispose();
    }
}
