using AdvCam.Torch.Nn;

namespace AdvCam.Torch.Tests.Nn;

/// <summary>F.interpolate's bilinear and bicubic gradients against finite differences.</summary>
public class InterpolateGradientTests
{
    private static void CheckResize(long[] size, InterpolationMode mode, bool alignCorners, long inH = 5, long inW = 4)
    {
        using var scope = torch.NewDisposeScope();
        using var g = new Generator(31);
        var x = GradientCheck.Random(g, 1, 2, inH, inW);
        GradientCheck.Check(t => F.interpolate(t[0], size, mode, alignCorners), x);
    }

    [Test]
    public void Bilinear_upsample_align_corners_false() => CheckResize(new long[] { 8, 7 }, InterpolationMode.Bilinear, false);

    [Test]
    public void Bilinear_upsample_align_corners_true() => CheckResize(new long[] { 8, 7 }, InterpolationMode.Bilinear, true);

    [Test]
    public void Bilinear_downsample_align_corners_false() => CheckResize(new long[] { 3, 2 }, InterpolationMode.Bilinear, false, 7, 6);

    [Test]
    public void Bilinear_downsample_align_corners_true() => CheckResize(new long[] { 3, 2 }, InterpolationMode.Bilinear, true, 7, 6);

    [Test]
    public void Bicubic_upsample_align_corners_false() => CheckResize(new long[] { 7, 6 }, InterpolationMode.Bicubic, false);

    [Test]
    public void Bicubic_upsample_align_corners_true() => CheckResize(new long[] { 7, 6 }, InterpolationMode.Bicubic, true);

    [Test]
    public void Bicubic_downsample_align_corners_false() => CheckResize(new long[] { 3, 4 }, InterpolationMode.Bicubic, false, 7, 6);

    [Test]
    public void Bilinear_by_scale_factor()
    {
        using var scope = torch.NewDisposeScope();
        using var g = new Generator(32);
        var x = GradientCheck.Random(g, 1, 2, 4, 5);
        GradientCheck.Check(t => F.interpolate(t[0], 1.5, InterpolationMode.Bilinear), x);
    }
}
