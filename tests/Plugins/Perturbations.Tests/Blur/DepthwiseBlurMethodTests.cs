using AdvCam.Abstractions;
using AdvCam.Plugins.Perturbations.Blur;
using AdvCam.Torch.Nn;

namespace AdvCam.Plugins.Perturbations.Tests.Blur;

/// <summary>
/// The three ways <see cref="DepthwiseBlur"/> computes a blur agree with the direct convolution within named
/// tolerances, for every family and severity: the FFT against the direct path, the separable Gaussian against its
/// two-dimensional kernel, each plugin's <c>Apply</c> (whatever method it picks) against the direct path on its own
/// kernels, and the direct path against the textbook form (libtorch's reflect <c>F.pad</c>, then <c>F.conv2d</c>
/// with C groups per image).
/// </summary>
public class DepthwiseBlurMethodTests
{
    /// <summary>FFT against direct, float32 images in [0, 1]: the transforms round every output pixel by a few
    /// float32 ulps of the image's energy (observed at most 1.2e-6 at 64 px); 5e-6 leaves a margin.</summary>
    private const double FftTolerance = 5e-6;

    /// <summary>The same in float64.</summary>
    private const double FftTolerance64 = 1e-12;

    /// <summary>Separable against two-dimensional, or direct against another summation order: sums of up to 1,681
    /// float32 products of values at most 1 in different orders (observed at most 1.5e-6, for the 29 x 29 Gaussian).</summary>
    private const double SummationTolerance = 5e-6;

    private static Tensor Images(int count, int size, int channels = 3, long seed = 5)
    {
        using var generator = new Generator((ulong)seed);
        return torch.rand([count, channels, size, size], generator);
    }

    private static double MaxDifference(Tensor a, Tensor b) => a.sub(b).abs().max().ToDouble();

    public static IEnumerable<TestCaseData> FamiliesAndSizes() =>
        from name in BlurTestData.Names
        from size in new[] { 28, 64 }
        select new TestCaseData(name, size);

    [TestCaseSource(nameof(FamiliesAndSizes))]
    public void Fft_equals_direct_for_every_severity(string name, int size)
    {
        using var scope = torch.NewDisposeScope();
        var plugin = BlurTestData.Create(name);
        var images = Images(4, size);
        foreach (var severity in plugin.Severities(size))
        {
            var kernels = plugin.KernelsOf(severity, 4, seed: 3);
            var direct = DepthwiseBlur.Apply(images, kernels, BlurMethod.Direct);
            var fft = DepthwiseBlur.Apply(images, kernels, BlurMethod.Fft);
            MaxDifference(fft, direct).Should().BeLessThan(FftTolerance, $"{name} {severity} at {size} px");
        }
    }

    [TestCaseSource(nameof(FamiliesAndSizes))]
    public void Apply_equals_the_direct_convolution_of_its_kernels(string name, int size)
    {
        using var scope = torch.NewDisposeScope();
        var plugin = BlurTestData.Create(name);
        var images = Images(3, size);
        foreach (var severity in plugin.Severities(size))
        {
            var expected = DepthwiseBlur.Apply(images, plugin.KernelsOf(severity, 3, seed: 9), BlurMethod.Direct);
            var actual = plugin.Apply(images, severity, 9);
            MaxDifference(actual, expected).Should().BeLessThan(FftTolerance, $"{name} {severity} at {size} px");
        }
    }

    [Test]
    public void Fft_equals_direct_in_float64_and_for_sizes_with_large_prime_factors()
    {
        using var scope = torch.NewDisposeScope();
        // 43 + 2 * 11 = 65 = 5 * 13 and 86 = 2 * 43 padded: the transforms run at the next 5-smooth size.
        foreach (var (h, w) in new[] { (43, 64), (64, 43), (31, 29) })
        {
            using var generator = new Generator(2);
            var images = torch.rand([2, 3, h, w], generator, ScalarType.Float64);
            var kernels = torch.rand([2, 23, 23], generator, ScalarType.Float64);
            kernels = kernels / kernels.sum([1, 2], keepdim: true);
            var direct = DepthwiseBlur.Apply(images, kernels, BlurMethod.Direct);
            var fft = DepthwiseBlur.Apply(images, kernels, BlurMethod.Fft);
            fft.dtype.Should().Be(ScalarType.Float64);
            MaxDifference(fft, direct).Should().BeLessThan(FftTolerance64, $"{h} x {w}");
        }
    }

    [Test]
    public void An_impulse_comes_out_as_the_kernel_by_fft_too()
    {
        using var scope = torch.NewDisposeScope();
        var kernel = CameraShakeKernel.Build(25, 11);
        var k = kernel.size(0);
        var impulse = torch.zeros(1, 1, 41, 41);
        impulse.narrow(2, 20, 1).narrow(3, 20, 1).fill_(1);
        var output = DepthwiseBlur.Apply(impulse, kernel, BlurMethod.Fft);
        var window = output.narrow(2, 20 - k / 2, k).narrow(3, 20 - k / 2, k).reshape(k, k);
        window.allclose(kernel, rtol: 0, atol: FftTolerance).Should().BeTrue();
    }

    [Test]
    public void Separable_gaussian_equals_its_two_dimensional_kernel()
    {
        using var scope = torch.NewDisposeScope();
        var plugin = new GaussianBlurPerturbation();
        foreach (var size in new[] { 28, 64 })
        {
            var images = Images(3, size);
            foreach (var severity in plugin.Severities(size))
            {
                var sigma = severity["sigma"];
                var factor = GaussianKernel.Factor(sigma);
                var outer = factor.unsqueeze(1) * factor.unsqueeze(0);
                MaxDifference(outer, GaussianKernel.Build(sigma)).Should().BeLessThan(1e-7, $"factor of {severity}");
                var separable = DepthwiseBlur.ApplySeparable(images, factor, factor);
                var direct = DepthwiseBlur.Apply(images, GaussianKernel.Build(sigma), BlurMethod.Direct);
                MaxDifference(separable, direct).Should().BeLessThan(SummationTolerance, $"{severity} at {size} px");
                MaxDifference(plugin.Apply(images, severity, 0), separable).Should().Be(0, "the plugin runs the separable passes");
            }
        }
    }

    [Test]
    public void Separable_factors_of_different_lengths_equal_the_outer_product()
    {
        using var scope = torch.NewDisposeScope();
        using var generator = new Generator(8);
        var images = Images(2, 20, channels: 2);
        var vertical = torch.rand([7], generator);
        var horizontal = torch.rand([3], generator);
        vertical = vertical / vertical.sum();
        horizontal = horizontal / horizontal.sum();
        // outer(vertical, horizontal) is 7 x 3: zero columns on both sides make it the 7 x 7 square kernel.
        var square = F.pad(vertical.unsqueeze(1) * horizontal.unsqueeze(0), [2, 2, 0, 0]);
        var separable = DepthwiseBlur.ApplySeparable(images, vertical, horizontal);
        var direct = DepthwiseBlur.Apply(images, square, BlurMethod.Direct);
        MaxDifference(separable, direct).Should().BeLessThan(SummationTolerance);
        // Not symmetric: swapping the factors gives another result, so the passes are not mixed up.
        MaxDifference(DepthwiseBlur.ApplySeparable(images, horizontal, vertical), direct).Should().BeGreaterThan(1e-3);
    }

    [Test]
    public void Direct_equals_the_textbook_reflect_pad_and_grouped_convolution()
    {
        using var scope = torch.NewDisposeScope();
        var images = Images(3, 19, channels: 2);
        foreach (var kernel in new[] { MotionKernel.Build(9, 30), CameraShakeKernel.Build(11, 3), DefocusKernel.Build(4) })
        {
            var k = kernel.size(0);
            var padded = F.pad(images, [k / 2, k / 2, k / 2, k / 2], PaddingMode.Reflect);
            var expected = F.conv2d(padded, kernel.flip(0, 1).reshape(1, 1, k, k).repeat(2, 1, 1, 1), groups: 2).clamp(0, 1);
            MaxDifference(DepthwiseBlur.Apply(images, kernel, BlurMethod.Direct), expected).Should().BeLessThan(SummationTolerance, $"{k} x {k}");
        }
    }

    [Test]
    public void Auto_takes_the_fft_from_the_crossover()
    {
        DepthwiseBlur.Chosen(BlurMethod.Auto, DepthwiseBlur.FftCrossover - 2).Should().Be(BlurMethod.Direct);
        DepthwiseBlur.Chosen(BlurMethod.Auto, DepthwiseBlur.FftCrossover).Should().Be(BlurMethod.Fft);
        DepthwiseBlur.Chosen(BlurMethod.Direct, 101).Should().Be(BlurMethod.Direct);
        DepthwiseBlur.Chosen(BlurMethod.Fft, 3).Should().Be(BlurMethod.Fft);
        FluentActions.Invoking(() => DepthwiseBlur.Chosen((BlurMethod)9, 3)).Should().Throw<ArgumentOutOfRangeException>();
    }

    [TestCase(BlurMethod.Direct)]
    [TestCase(BlurMethod.Fft)]
    public void Leaves_only_the_result_alive(BlurMethod method)
    {
        using var scope = torch.NewDisposeScope();
        var images = Images(2, 30);
        var kernels = torch.stack([MotionKernel.Build(9, 10), MotionKernel.Build(9, 70)]);
        var factor = GaussianKernel.Factor(1.5);
        DepthwiseBlur.Apply(images, kernels, method).Dispose();
        DepthwiseBlur.ApplySeparable(images, factor, factor).Dispose();
        var live = Tensor.LiveCount;
        DepthwiseBlur.Apply(images, kernels, method).Dispose();
        DepthwiseBlur.ApplySeparable(images, factor, factor).Dispose();
        Tensor.LiveCount.Should().Be(live);
    }

    [Test]
    public void Separable_refuses_bad_factors_naming_the_shapes()
    {
        using var scope = torch.NewDisposeScope();
        var images = torch.zeros(1, 1, 8, 8);
        FluentActions.Invoking(() => DepthwiseBlur.ApplySeparable(images, torch.ones(3, 3), torch.ones(3)))
            .Should().Throw<ArgumentException>().WithMessage("*[k] with k odd*[3, 3]*[3]*");
        FluentActions.Invoking(() => DepthwiseBlur.ApplySeparable(images, torch.ones(3), torch.ones(4)))
            .Should().Throw<ArgumentException>().WithMessage("*[k] with k odd*[4]*");
        FluentActions.Invoking(() => DepthwiseBlur.ApplySeparable(images, torch.ones(17), torch.ones(3)))
            .Should().Throw<ArgumentException>().WithMessage("*17 x 3 kernel*[1, 1, 8, 8]*");
    }
}
