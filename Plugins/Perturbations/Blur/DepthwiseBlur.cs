using AdvCam.Torch;

namespace AdvCam.Plugins.Perturbations.Blur;

/// <summary>
/// Applies blur kernels to a batch of images in libtorch: a true convolution (an impulse comes out as the kernel
/// itself) of every image and channel with the reflect-padded image (mirror about the edge pixel, padding by the
/// kernel's half-width), so the output has the input's size, clamped to [0, 1].
/// </summary>
/// <remarks>
/// <para>Three ways to compute it (<see cref="BlurMethod"/>): direct depthwise convolution, two one-dimensional passes
/// for a separable kernel (<see cref="ApplySeparable"/>), or the FFT for large kernels; <see cref="BlurMethod.Auto"/>
/// picks the FFT from <see cref="FftCrossover"/> pixels up. They agree up to float rounding (bounded by the tests).
/// In every case the batch runs as one image of N·C channels ([1, N·C, H, W], one group per channel), the layout in
/// which libtorch's depthwise kernels are fastest, and the reflect padding is written as copies
/// (libtorch 1.13's <c>reflection_pad2d</c> was the largest cost of small kernels).</para>
/// <para>Half-precision images are convolved in float32, float64 ones in float64, and converted back.</para>
/// </remarks>
public static class DepthwiseBlur
{
    /// <summary>The kernel width (pixels) from which <see cref="BlurMethod.Auto"/> takes the FFT. Measured on the
    /// 2-core CPU VM with 128 images of 3x64x64, one thread (<c>AdvCam.Blur.Benchmarks --crossover 1</c>, both methods
    /// interleaved; benchmarks/README.md, "Blur against SciPy"): the direct convolution was faster up to 21-23 pixels,
    /// the FFT from 25, for shared and per-image kernels alike. The machine was busy, so the crossover is known to
    /// about ±4 pixels.</summary>
    public const long FftCrossover = 25;

    /// <summary>The images blurred by <paramref name="kernels"/>, clamped to [0, 1].</summary>
    /// <param name="images">Floating-point images [N, C, H, W]; not modified.</param>
    /// <param name="kernels">One kernel [k, k] for the whole batch, or one per image [N, k, k]; k odd and below both
    /// the height and the width (reflect padding needs it).</param>
    /// <param name="method">How to compute it (default: <see cref="BlurMethod.Auto"/>).</param>
    /// <returns>A new tensor of the images' shape, dtype and device.</returns>
    /// <exception cref="ArgumentException">The images are not a floating-point [N, C, H, W] tensor, or the kernels are
    /// not [k, k] or [N, k, k] with k odd and below the image size; the message names the shapes.</exception>
    public static Tensor Apply(Tensor images, Tensor kernels, BlurMethod method = BlurMethod.Auto)
    {
        CheckImages(images);
        ArgumentNullException.ThrowIfNull(kernels);
        long n = images.size(0);
        var perImage = kernels.dim() == 3;
        if (!(kernels.dim() == 2 || perImage) || kernels.size(-1) != kernels.size(-2) || kernels.size(-1) % 2 == 0 ||
            (perImage && kernels.size(0) != n))
            throw new ArgumentException(
                $"kernels must be [k, k] or [N, k, k] (N = {n} images) with k odd; got shape {kernels.ShapeText}", nameof(kernels));
        var k = kernels.size(-1);
        CheckFits(images, k, k);

        using var scope = torch.NewDisposeScope();
        var work = Working(images);
        var weights = kernels.to(work.dtype).to(work.device).reshape(perImage ? n : 1, k, k);
        var output = Chosen(method, k) == BlurMethod.Fft ? FftBlur.Apply(work, weights) : DirectBlur.Apply(work, weights);
        return scope.MoveToOuter(Finish(output, images));
    }

    /// <summary>The images blurred by the separable kernel <c>K[y, x] = vertical[y] · horizontal[x]</c>, clamped to
    /// [0, 1]: the same result as <see cref="Apply"/> with <c>outer(vertical, horizontal)</c> (up to float rounding),
    /// in two one-dimensional passes.</summary>
    /// <param name="images">Floating-point images [N, C, H, W]; not modified.</param>
    /// <param name="vertical">The column factor [kv], kv odd and below the height.</param>
    /// <param name="horizontal">The row factor [ku], ku odd and below the width.</param>
    /// <returns>A new tensor of the images' shape, dtype and device.</returns>
    /// <exception cref="ArgumentException">The images are not a floating-point [N, C, H, W] tensor, or a factor is not
    /// one-dimensional of odd length below the image size; the message names the shapes.</exception>
    public static Tensor ApplySeparable(Tensor images, Tensor vertical, Tensor horizontal)
    {
        CheckImages(images);
        ArgumentNullException.ThrowIfNull(vertical);
        ArgumentNullException.ThrowIfNull(horizontal);
        if (vertical.dim() != 1 || horizontal.dim() != 1 || vertical.size(0) % 2 == 0 || horizontal.size(0) % 2 == 0)
            throw new ArgumentException(
                $"separable factors must be [k] with k odd; got shapes {vertical.ShapeText} and {horizontal.ShapeText}", nameof(vertical));
        CheckFits(images, vertical.size(0), horizontal.size(0));

        using var scope = torch.NewDisposeScope();
        var work = Working(images);
        var output = SeparableBlur.Apply(work,
            vertical.to(work.dtype).to(work.device), horizontal.to(work.dtype).to(work.device));
        return scope.MoveToOuter(Finish(output, images));
    }

    /// <summary>The method <see cref="Apply"/> uses for a k x k kernel when asked for <paramref name="method"/>.</summary>
    /// <param name="method">The method asked for.</param>
    /// <param name="k">The kernel's side.</param>
    public static BlurMethod Chosen(BlurMethod method, long k) => method switch
    {
        BlurMethod.Auto => k >= FftCrossover ? BlurMethod.Fft : BlurMethod.Direct,
        BlurMethod.Direct or BlurMethod.Fft => method,
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, "unknown blur method"),
    };

    private static void CheckImages(Tensor images)
    {
        ArgumentNullException.ThrowIfNull(images);
        if (images.dim() != 4)
            throw new ArgumentException($"images must be [N, C, H, W]; got shape {images.ShapeText}", nameof(images));
        if (!images.dtype.IsFloatingPoint())
            throw new ArgumentException($"images must be floating point in [0, 1]; got {images.dtype}", nameof(images));
    }

    private static void CheckFits(Tensor images, long rows, long cols)
    {
        if (rows / 2 >= images.size(2) || cols / 2 >= images.size(3))
            throw new ArgumentException(
                $"a {rows} x {cols} kernel needs images larger than {Math.Max(rows, cols) / 2} pixels on each side for reflect padding; got images of shape {images.ShapeText}",
                "kernels");
    }

    /// <summary>The images in the dtype of the computation: float32 or float64 as they are, others in float32.</summary>
    private static Tensor Working(Tensor images) =>
        images.dtype is ScalarType.Float32 or ScalarType.Float64 ? images : images.to(ScalarType.Float32);

    /// <summary>Clamped to [0, 1] (in place when the result is a fresh contiguous tensor) and in the images' dtype.</summary>
    private static Tensor Finish(Tensor output, Tensor images)
    {
        output = output.is_contiguous() ? output.clamp_(0, 1) : output.clamp(0, 1);
        return output.dtype == images.dtype ? output : output.to(images.dtype);
    }
}
