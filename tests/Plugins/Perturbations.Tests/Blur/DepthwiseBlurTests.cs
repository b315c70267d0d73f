using AdvCam.Plugins.Perturbations.Blur;

namespace AdvCam.Plugins.Perturbations.Tests.Blur;

/// <summary>The depthwise convolution with reflect padding: hand-worked box example, constants, impulses, per-image
/// kernels, purity and the refusals.</summary>
public class DepthwiseBlurTests
{
    /// <summary>Float32 sums of at most a few hundred products of values at most 1.</summary>
    private const double FloatTolerance = 1e-6;

    [Test]
    public void A_3x3_box_on_a_3x3_image_with_reflect_padding_matches_the_hand_worked_result()
    {
        using var scope = torch.NewDisposeScope();
        // Image 0.1 * (3 r + c). Reflect padding mirrors about the edge pixel, so the rows seen by output row 0 are
        // {1, 0, 1}, by row 1 {0, 1, 2}, by row 2 {1, 2, 1} (likewise columns); the box mean is then
        // 0.1 * (3 * mean row + mean column) = (8, 9, 10; 11, 12, 13; 14, 15, 16) / 30.
        float[] image = [0f, 0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f, 0.7f, 0.8f];
        var inverse = image.Select(v => 1 - v).ToArray();
        var images = torch.tensor([.. image, .. inverse, .. inverse, .. image], [2, 2, 3, 3]);
        var box = torch.full([3, 3], 1.0 / 9);
        var output = DepthwiseBlur.Apply(images, box).ToArray<float>();
        var expected = Enumerable.Range(8, 9).Select(v => v / 30f).ToArray();
        var inverted = expected.Select(v => 1 - v).ToArray();
        output.Should().Equal([.. expected, .. inverted, .. inverted, .. expected], (a, b) => Math.Abs(a - b) <= FloatTolerance);
    }

    [Test]
    public void A_constant_image_stays_constant_under_every_kernel()
    {
        using var scope = torch.NewDisposeScope();
        var images = torch.full([2, 3, 20, 24], 0.37);
        foreach (var kernel in new[]
                 {
                     DefocusKernel.Build(4.5), GaussianKernel.Build(2), MotionKernel.Build(9, 30), CameraShakeKernel.Build(11, 3),
                     torch.stack([MotionKernel.Build(7, 10), MotionKernel.Build(7, 100)]),
                 })
        {
            var output = DepthwiseBlur.Apply(images, kernel);
            output.sub(0.37).abs().max().ToDouble().Should().BeLessThan(FloatTolerance, $"kernel {kernel.ShapeText}");
        }
    }

    [Test]
    public void An_impulse_comes_out_as_the_kernel_itself_unflipped()
    {
        using var scope = torch.NewDisposeScope();
        foreach (var kernel in new[] { MotionKernel.Build(7, 30), CameraShakeKernel.Build(9, 11), DefocusKernel.Build(3) })
        {
            var k = kernel.size(0);
            var impulse = torch.zeros(1, 1, 21, 21);
            impulse.narrow(2, 10, 1).narrow(3, 10, 1).fill_(1);
            var output = DepthwiseBlur.Apply(impulse, kernel);
            var window = output.narrow(2, 10 - k / 2, k).narrow(3, 10 - k / 2, k).reshape(k, k);
            window.allclose(kernel, rtol: 0, atol: FloatTolerance).Should().BeTrue($"a {k} x {k} kernel");
            output.sum().ToDouble().Should().BeApproximately(1, 1e-5, "nothing lost at the edges");
        }
        // The camera-shake kernel is not point-symmetric, so a cross-correlation (flipped kernel) would fail above.
        var shake = CameraShakeKernel.Build(9, 11);
        shake.allclose(shake.flip(0, 1), rtol: 0, atol: FloatTolerance).Should().BeFalse();
    }

    [Test]
    public void Per_image_kernels_blur_each_image_with_its_own()
    {
        using var scope = torch.NewDisposeScope();
        var a = MotionKernel.Build(5, 0);
        var b = MotionKernel.Build(5, 90);
        var impulses = torch.zeros(2, 2, 9, 9);
        impulses.narrow(2, 4, 1).narrow(3, 4, 1).fill_(1);
        var output = DepthwiseBlur.Apply(impulses, torch.stack([a, b]));
        for (var c = 0; c < 2; c++)
        {
            output.select(0, 0).select(0, c).narrow(0, 2, 5).narrow(1, 2, 5).allclose(a, 0, FloatTolerance).Should().BeTrue();
            output.select(0, 1).select(0, c).narrow(0, 2, 5).narrow(1, 2, 5).allclose(b, 0, FloatTolerance).Should().BeTrue();
        }
    }

    [TestCase(ScalarType.Float32)]
    [TestCase(ScalarType.Float64)]
    [TestCase(ScalarType.Float16)]
    public void Keeps_shape_and_dtype_stays_in_0_1_and_leaves_the_input_as_it_was(ScalarType dtype)
    {
        using var scope = torch.NewDisposeScope();
        var images = BlurTestData.Garments(3).to(dtype);
        var before = images.clone();
        var output = DepthwiseBlur.Apply(images, GaussianKernel.Build(1.5));
        output.ShapeText.Should().Be(images.ShapeText);
        output.dtype.Should().Be(dtype);
        images.equal(before).Should().BeTrue("the input is not modified");
        output.min().ToDouble().Should().BeGreaterThanOrEqualTo(0);
        output.max().ToDouble().Should().BeLessThanOrEqualTo(1);
        output.equal(images).Should().BeFalse();
    }

    [Test]
    public void Refuses_bad_images_and_kernels_naming_the_shapes()
    {
        using var scope = torch.NewDisposeScope();
        var images = torch.zeros(2, 1, 8, 8);
        FluentActions.Invoking(() => DepthwiseBlur.Apply(torch.zeros(1, 8, 8), GaussianKernel.Build(1)))
            .Should().Throw<ArgumentException>().WithMessage("*[N, C, H, W]*[1, 8, 8]*");
        FluentActions.Invoking(() => DepthwiseBlur.Apply(torch.zeros([2, 1, 8, 8], ScalarType.Int64), GaussianKernel.Build(1)))
            .Should().Throw<ArgumentException>().WithMessage("*floating point*Int64*");
        FluentActions.Invoking(() => DepthwiseBlur.Apply(images, torch.ones(4, 4)))
            .Should().Throw<ArgumentException>().WithMessage("*k odd*[4, 4]*");
        FluentActions.Invoking(() => DepthwiseBlur.Apply(images, torch.ones(3, 3, 3)))
            .Should().Throw<ArgumentException>().WithMessage("*N = 2*[3, 3, 3]*");
        FluentActions.Invoking(() => DepthwiseBlur.Apply(images, GaussianKernel.Build(3)))
            .Should().Throw<ArgumentException>().WithMessage("*19 x 19 kernel*[2, 1, 8, 8]*");
    }
}
