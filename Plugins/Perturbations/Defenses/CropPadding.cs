namespace AdvCam.Plugins.Perturbations.Defenses;

/// <summary>What crop selection does at the image's edge (the <c>pad</c> parameter of "crop-select").</summary>
public enum CropPadding
{
    /// <summary><c>none</c> (the default): no padding; the crop is <c>(H - 2m) x (W - 2m)</c>, chosen inside the
    /// image, so the model sees less than the whole image.</summary>
    None,

    /// <summary><c>zeros</c>: the image is first padded by <c>m</c> zero pixels on every side, so the crop keeps the
    /// full <c>H x W</c> size; it is the image moved by at most <c>m</c> pixels, the rows and columns it exposes
    /// zero (Fashion-MNIST's background).</summary>
    Zeros,

    /// <summary><c>replicate</c>: as <see cref="Zeros"/>, but the padding repeats the edge row or column (what
    /// "pixel-shift" exposes).</summary>
    Replicate,
}
