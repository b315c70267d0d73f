using AdvCam.Torch;
using AdvCam.Torch.Nn;

namespace AdvCam.Plugins.Perturbations.Blur;

/// <summary>
/// Applies blur kernels to a batch of images in libtorch: a depthwise convolution (<c>F.conv2d</c> with one group per
/// channel, the kernel repeated for every channel) after reflect padding by the kernel's half-width, so the output has
/// the input's size. It is a true convolution (the kernel is flipped for <c>conv2d</c>'s cross-correlation): an
/// impulse comes out as the kernel itself.
/// </summary>
/// <remarks>No FFT path: every kernel of the ladders is small enough for direct convolution (issue 5 asks for one only
/// where it is faster for large kernels; not done).</remarks>
public static class DepthwiseBlur
{
    /// <summary>The images blurred by <paramref name="kernels"/>, clamped to [0, 1].</summary>
    /// <param name="images">Floating-point images [N, C, H, W]; not modified.</param>
    /// <param name="kernels">One kernel [k, k] for the whole batch, or one per image [N, k, k]; k odd and below both
    /// the height and the width (reflect padding needs it).</param>
    /// <returns>A new tensor of the images' shape, dtype and device.</returns>
    /// <exception cref="ArgumentException">The images are not a floating-point [N, C, H, W] tensor, or the kernels are
    /// not [k, k] or [N, k, k] with k odd and below the image size; the message names the shapes.</exception>
    public static Tensor Apply(Tensor images, Tensor kernels)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(kernels);
        if (images.dim() != 4)
            throw new ArgumentException($"images must be [N, C, H, W]; got shape {images.ShapeText}", nameof(images));
        if (!images.dtype.IsFloatingPoint())
            throw new ArgumentException($"images must be floating point in [0, 1]; got {images.dtype}", nameof(images));
        long n = images.size(0), c = images.size(1), h = images.size(2), w = images.size(3);
        var perImage = kernels.dim() == 3;
        if (!(kernels.dim() == 2 || perImage) || kernels.size(-1) != kernels.size(-2) || kernels.size(-1) % 2 == 0 ||
            (perImage && kernels.size(0) != n))
            throw new ArgumentException(
                $"kernels must be [k, k] or [N, k, k] (N = {n} images) with k odd; got shape {kernels.ShapeText}", nameof(kernels));
        var k = kernels.size(-1);
        var half = k / 2;
        if (half >= h || half >= w)
            throw new ArgumentException(
                $"a {k} x {k} kernel needs images larger than {half} pixels on each side for reflect padding; got images of shape {images.ShapeText}",
                nameof(kernels));

        using var scope = torch.NewDisposeScope();
        var work = images.dtype is ScalarType.Float32 or ScalarType.Float64 ? images : images.to(ScalarType.Float32);
        var weight = kernels.to(work.dtype).to(work.device).flip(-2, -1);
        var padded = F.pad(work, [half, half, half, half], PaddingMode.Reflect);
        Tensor output;
        if (perImage)
        {
            var grouped = weight.reshape(n, 1, k, k).repeat(1, c, 1, 1).reshape(n * c, 1, k, k);
            output = F.conv2d(padded.reshape(1, n * c, h + 2 * half, w + 2 * half), grouped, groups: n * c).reshape(n, c, h, w);
        }
        else
        {
            var grouped = weight.reshape(1, 1, k, k).repeat(c, 1, 1, 1);
            output = F.conv2d(padded, grouped, groups: c);
        }
        output = output.clamp(0, 1);
        return scope.MoveToOuter(output.dtype == images.dtype ? output : output.to(images.dtype));
    }
}
