using AdvCam.Torch;
using AdvCam.Torch.Nn;

namespace AdvCam.Plugins.Perturbations.Blur;

/// <summary>
/// A separable kernel <c>K[y, x] = v[y] · u[x]</c> as two one-dimensional passes (2k instead of k² multiplications
/// per pixel): the rows are reflect-padded and convolved with <c>u</c>, then the columns with <c>v</c>, each as a
/// depthwise <c>F.conv2d</c> on [1, N·C, H, W] (see <see cref="DirectBlur"/>). Reflect padding commutes with the row
/// pass, so this equals the two-dimensional convolution with the reflect-padded image, up to float rounding.
/// </summary>
internal static class SeparableBlur
{
    /// <summary>The convolution with <c>outer(vertical, horizontal)</c>, unclamped, [N, C, H, W].</summary>
    /// <param name="images">[N, C, H, W], float32 or float64; not modified.</param>
    /// <param name="vertical">[kv], kv odd and below H, the images' dtype and device.</param>
    /// <param name="horizontal">[ku], ku odd and below W, the images' dtype and device.</param>
    public static Tensor Apply(Tensor images, Tensor vertical, Tensor horizontal)
    {
        long n = images.size(0), c = images.size(1), h = images.size(2), w = images.size(3);
        long kv = vertical.size(0), ku = horizontal.size(0);
        using var scope = torch.NewDisposeScope();
        var planes = images.reshape(1, n * c, h, w);
        var rows = F.conv2d(ReflectPad.Apply(planes, 0, ku / 2), horizontal.flip(0).reshape(1, 1, 1, ku).expand(n * c, 1, 1, ku).contiguous(), groups: n * c);
        var output = F.conv2d(ReflectPad.Apply(rows, kv / 2, 0), vertical.flip(0).reshape(1, 1, kv, 1).expand(n * c, 1, kv, 1).contiguous(), groups: n * c);
        return scope.MoveToOuter(output.view(n, c, h, w));
    }
}
