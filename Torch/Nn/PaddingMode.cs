namespace AdvCam.Torch.Nn;

/// <summary>Padding mode of <see cref="F.pad"/>.</summary>
public enum PaddingMode
{
    /// <summary>A constant value.</summary>
    Constant = 0,
    /// <summary>Mirror without repeating the edge (d c b | a b c d | c b a).</summary>
    Reflect = 1,
    /// <summary>Repeat the edge (a a a | a b c d | d d d).</summary>
    Replicate = 2,
    /// <summary>Wrap around (b c d | a b c d | a b c).</summary>
    Circular = 3,
}
