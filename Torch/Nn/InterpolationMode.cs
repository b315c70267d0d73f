namespace AdvCam.Torch.Nn;

/// <summary>Resampling mode of <see cref="F.interpolate(Tensor, long[], InterpolationMode, bool)"/>.</summary>
public enum InterpolationMode
{
    /// <summary>Nearest neighbour (PyTorch's 'nearest').</summary>
    Nearest = 0,
    /// <summary>Bilinear.</summary>
    Bilinear = 1,
    /// <summary>Bicubic (a = -0.75, as PyTorch).</summary>
    Bicubic = 2,
}
