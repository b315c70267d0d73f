using AdvCam.Torch;

namespace AdvCam.Plugins.Perturbations.Blur;

/// <summary>
/// <see cref="BlurMethod.Fft"/>: the convolution theorem on the reflect-padded images. With the images padded by the
/// kernel's half-width h to (H + 2h) x (W + 2h) and the kernel zero-padded to that size at the origin, the circular
/// convolution of the two (the product of their <c>rfft2</c> spectra, back by <c>irfft2</c>) equals the linear one at
/// rows and columns [2h, 2h + H) x [2h, 2h + W), where no index wraps; those are the output. The cost does not grow
/// with the kernel (a few FFTs of the padded size), so large kernels are cheaper this way than by
/// <see cref="DirectBlur"/>. The transforms are taken at the next size up whose only prime factors are 2, 3 and 5
/// (<see cref="FastSize"/>; the extra zeros change nothing, as no index wraps into the output either way): a size
/// with a large prime factor (86 = 2 · 43) made the FFT several times slower.
/// </summary>
internal static class FftBlur
{
    /// <summary>The true convolution of each image and channel with its kernel, unclamped, [N, C, H, W].</summary>
    /// <param name="images">[N, C, H, W], float32 or float64; not modified.</param>
    /// <param name="kernels">[1, k, k] (one for all) or [N, k, k], of the images' dtype and device, k odd and below H
    /// and W.</param>
    public static Tensor Apply(Tensor images, Tensor kernels)
    {
        long h = images.size(2), w = images.size(3);
        var k = kernels.size(-1);
        var half = k / 2;
        long[] size = [FastSize(h + 2 * half), FastSize(w + 2 * half)];
        using var scope = torch.NewDisposeScope();
        var spectrum = torch.fft.rfft2(ReflectPad.Apply(images, half, half), size);
        spectrum.mul_(torch.fft.rfft2(kernels.unsqueeze(1), size));
        var output = torch.fft.irfft2(spectrum, size).narrow(2, 2 * half, h).narrow(3, 2 * half, w);
        return scope.MoveToOuter(output);
    }

    /// <summary>The smallest size at least <paramref name="size"/> with no prime factor above 5.</summary>
    /// <param name="size">At least 1.</param>
    internal static long FastSize(long size)
    {
        for (var candidate = size; ; candidate++)
        {
            var rest = candidate;
            foreach (var p in new long[] { 2, 3, 5 })
                while (rest % p == 0) rest /= p;
            if (rest == 1) return candidate;
        }
    }
}
