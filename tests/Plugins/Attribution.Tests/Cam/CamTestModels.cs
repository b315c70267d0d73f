using AdvCam.Core.Models;

namespace AdvCam.Plugins.Attribution.Tests.Cam;

/// <summary>Tiny seeded ResNetCams and images for the CAM tests.</summary>
internal static class CamTestModels
{
    /// <summary>Classes of the tiny models.</summary>
    public const int Classes = 4;

    /// <summary>Side of the square test images.</summary>
    public const long Side = 12;

    /// <summary>A tiny ResNetCam (bias-free head) in eval mode; <paramref name="stride"/> is its output stride (1 or 2).</summary>
    public static ResNetCam Tiny(long stride, ulong seed = 11)
    {
        torch.manual_seed(seed);
        var model = new ResNetCam(new ResNetCamConfig
        {
            NumClasses = Classes,
            StemChannels = 8,
            Widths = new long[] { 8, 16 },
            Blocks = new[] { 1, 1 },
            Strides = new long[] { 1, stride },
        });
        model.eval();
        return model;
    }

    /// <summary>Seeded images [n, 3, Side, Side] in [0, 1].</summary>
    public static Tensor Images(int n = 3, ulong seed = 3)
    {
        using var generator = new Generator(seed);
        return torch.rand([n, 3, Side, Side], generator, ScalarType.Float32);
    }

    /// <summary>Every class for each of <paramref name="n"/> images.</summary>
    public static int[][] AllClasses(int n) => Enumerable.Range(0, n).Select(_ => Enumerable.Range(0, Classes).ToArray()).ToArray();
}
