namespace AdvCam.Torch;

/// <summary>The scaling of a discrete Fourier transform pair (PyTorch's <c>norm</c> argument of <c>torch.fft</c>).</summary>
public enum FftNorm
{
    /// <summary><c>"backward"</c> (the default): no scaling forward, 1/n on the inverse.</summary>
    Backward = 0,

    /// <summary><c>"forward"</c>: 1/n forward, none on the inverse.</summary>
    Forward = 1,

    /// <summary><c>"ortho"</c>: 1/sqrt(n) both ways.</summary>
    Ortho = 2,
}
