using AdvCam.Torch;
using AdvCam.Torch.Nn;

namespace AdvCam.Core.Data.Loading;

/// <summary>
/// Pads every item by <see cref="Padding"/> pixels on each side, then crops it back to its size at a random offset
/// (torchvision's <c>RandomCrop(size, padding)</c>, one offset per item). Masks and spatial targets get the same
/// crop. Padding: zeros for images and <see cref="Batch.IgnoreIndex"/> (255) for masks with
/// <see cref="PaddingMode.Constant"/>; mirrored content for both with <see cref="PaddingMode.Reflect"/>.
/// </summary>
/// <remarks>Draws <c>o = torch.randint(0, 2p + 1, (B, 2), generator=g)</c> (int64): item b is cut at top
/// <c>o[b, 0]</c>, left <c>o[b, 1]</c> of the padded item.</remarks>
public sealed class RandomCrop : IBatchTransform
{
    /// <summary>Pads by <paramref name="padding"/> (&gt;= 0) in <paramref name="mode"/> (constant or reflect).</summary>
    public RandomCrop(int padding, PaddingMode mode = PaddingMode.Constant)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(padding);
        if (mode is not (PaddingMode.Constant or PaddingMode.Reflect))
            throw new ArgumentOutOfRangeException(nameof(mode), mode, "padding is constant (zeros) or reflect");
        Padding = padding;
        Mode = mode;
    }

    /// <summary>Pixels added on each side before cropping.</summary>
    public int Padding { get; }

    /// <summary>How the border is filled.</summary>
    public PaddingMode Mode { get; }

    /// <inheritdoc />
    public Batch Apply(Batch batch, Generator generator)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var o = torch.randint(0, 2 * Padding + 1, [batch.Count, 2], generator).ToArray<long>();
        var offsets = new (int Top, int Left)[batch.Count];
        for (var b = 0; b < offsets.Length; b++) offsets[b] = ((int)o[2 * b], (int)o[2 * b + 1]);
        return CropAt(batch, offsets);
    }

    /// <summary>Pads and crops item b at (<paramref name="offsets"/>[b].Top, .Left) of the padded item (each in 0 .. 2 * Padding).</summary>
    public Batch CropAt(Batch batch, IReadOnlyList<(int Top, int Left)> offsets)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(offsets);
        if (offsets.Count != batch.Count) throw new ArgumentException($"need one offset per item ({batch.Count}), got {offsets.Count}", nameof(offsets));
        foreach (var (top, left) in offsets)
        {
            if (top < 0 || left < 0 || top > 2 * Padding || left > 2 * Padding)
                throw new ArgumentOutOfRangeException(nameof(offsets), (top, left), $"offsets are 0 .. {2 * Padding}");
        }
        var h = batch.Images.size(2);
        var w = batch.Images.size(3);
        long[] pad = [Padding, Padding, Padding, Padding];

        // padded: [B, ..., H + 2p, W + 2p]; item b keeps rows Top .. Top + H - 1 and columns Left .. Left + W - 1.
        Tensor Crop(Tensor padded)
        {
            var rows = padded.dim() - 3; // dimension of H once the batch dimension is selected away
            var items = new Tensor[offsets.Count];
            for (var b = 0; b < items.Length; b++)
                items[b] = padded.select(0, b).narrow(rows, offsets[b].Top, h).narrow(rows + 1, offsets[b].Left, w);
            return torch.stack(items);
        }

        Tensor CropMask(Tensor mask)
        {
            // [B, H, W] int64 -> [B, 1, H, W]; reflect padding works on floats (exact for labels below 2^24).
            var padded = Mode == PaddingMode.Constant
                ? F.pad(mask, pad, PaddingMode.Constant, Batch.IgnoreIndex)
                : F.pad(mask.unsqueeze(1).to(ScalarType.Float32), pad, PaddingMode.Reflect).squeeze(1).to(mask.dtype);
            return Crop(padded);
        }

        var images = Crop(F.pad(batch.Images, pad, Mode, 0));
        return batch.WithSpatial(images, CropMask);
    }
}
