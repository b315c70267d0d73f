using AdvCam.Torch;
using AdvCam.Torch.Nn;

namespace AdvCam.Plugins.Perturbations.Blur;

/// <summary>
/// <see cref="BlurMethod.Direct"/>: the reflect-padded batch as one image of N·C channels, convolved by
/// <c>F.conv2d</c> with one group per channel. This layout ([1, N·C, H, W]) runs libtorch's depthwise kernel several
/// times faster on the CPU than [N, C, H, W] with C groups, and it takes one kernel per image as readily as one for
/// all.
/// </summary>
internal static class DirectBlur
{
    /// <summary>The true convolution of each image and channel with its kernel, unclamped, [N, C, H, W].</summary>
    /// <param name="images">[N, C, H, W], float32 or float64; not modified.</param>
    /// <param name="kernels">[1, k, k] (one for all) or [N, k, k], of the images' dtype and device, k odd and below H
    /// and W.</param>
    public static Tensor Apply(Tensor images, Tensor kernels)
    {
        long n = images.size(0), c = images.size(1), h = images.size(2), w = images.size(3);
        var k = kernels.size(-1);
        var half = k / 2;
        using var scope = torch.NewDisposeScope();
        var padded = ReflectPad.Apply(images.reshape(1, n * c, h, w), half, half);
        // conv2d is a cross-correlation: flipping the kernel makes it a convolution.
        var weight = kernels.flip(-2, -1).reshape(kernels.size(0), 1, 1, k, k).expand(n, c, 1, k, k).reshape(n * c, 1, k, k);
        var output = F.conv2d(padded, weight, groups: n * c);
        return scope.MoveToOuter(output.view(n, c, h, w));
    }
}
