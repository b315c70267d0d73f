namespace AdvCam.Plugins.Perturbations.Blur;

/// <summary>How <see cref="DepthwiseBlur"/> computes a convolution. Every method gives the same result up to float
/// rounding (the tests bound the differences: <c>DepthwiseBlurMethodTests</c>).</summary>
public enum BlurMethod
{
    /// <summary>The fastest for the kernel: <see cref="Fft"/> when the kernel is at least
    /// <see cref="DepthwiseBlur.FftCrossover"/> pixels wide, else <see cref="Direct"/>.</summary>
    Auto,

    /// <summary>Direct depthwise convolution (<c>F.conv2d</c>, one group per image and channel): k² multiplications per
    /// pixel, exact for sparse kernels (an identity kernel returns the images bit for bit).</summary>
    Direct,

    /// <summary>By the Fourier transform (<c>torch.fft.rfft2</c>, a product of spectra, <c>irfft2</c>) on the
    /// reflect-padded images: a cost independent of the kernel's size, with float rounding of order 1e-7 everywhere,
    /// so zero weights do not give exact zeros.</summary>
    Fft,
}
