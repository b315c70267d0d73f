using AdvCam.Abstractions;
using AdvCam.Plugins.Perturbations.Blur;

namespace AdvCam.Plugins.Perturbations.Tests.Blur;

/// <summary>What holds for all four blur plugins: the ladders, purity and checks of Apply, determinism, monotonic loss
/// of high frequencies on Fashion-MNIST-sized images, the CUDA path.</summary>
[TestFixtureSource(typeof(BlurTestData), nameof(BlurTestData.Names))]
public class BlurPerturbationTests(string name)
{
    /// <summary>Per-pixel agreement between CPU and CUDA float32 convolutions (different summation orders).</summary>
    private const double DeviceTolerance = 1e-5;

    /// <summary>At 28 px the mildest level must be visible: it removes at least this share of the high-frequency
    /// energy.</summary>
    private const double MildestMinimumLoss = 0.15;

    /// <summary>... but mild: it keeps at least this share.</summary>
    private const double MildestMinimumKept = 0.25;

    /// <summary>At 28 px the strongest level is destructive: it keeps at most this share of the high-frequency energy.</summary>
    private const double StrongestMaximumKept = 0.1;

    private BlurPerturbation Plugin() => BlurTestData.Create(name);

    [Test]
    public void Offers_five_levels_with_a_growing_kernel_on_the_scaled_ladder()
    {
        var plugin = Plugin();
        plugin.Name.Should().Be(name);
        plugin.Ladder.Should().Be(BlurLadder.Scaled);
        plugin.Parameters.Should().Contain(p => p.Name == "ladder" && p.DefaultValue == "scaled");
        foreach (var size in new[] { 28, 224 })
        {
            var severities = plugin.Severities(size);
            severities.Select(s => s.Level).Should().Equal(1, 2, 3, 4, 5);
            var sizes = severities.Select(s => s.Values[0].Value).ToArray();
            sizes.Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
        }
        var ratio = plugin.Severities(224)[2].Values[0].Value / plugin.Severities(28)[2].Values[0].Value;
        ratio.Should().BeApproximately(8, 1e-9, "the scaled ladder is proportional to the image side");
    }

    [Test]
    public void Keeps_shape_dtype_and_range_and_leaves_the_input_as_it_was()
    {
        using var scope = torch.NewDisposeScope();
        var plugin = Plugin();
        var images = BlurTestData.Garments(4);
        var before = images.clone();
        foreach (var severity in plugin.Severities(28))
        {
            var output = plugin.Apply(images, severity, 7);
            output.ShapeText.Should().Be("[4, 1, 28, 28]");
            output.dtype.Should().Be(ScalarType.Float32);
            output.device.Should().Be(images.device);
            output.min().ToDouble().Should().BeGreaterThanOrEqualTo(0);
            output.max().ToDouble().Should().BeLessThanOrEqualTo(1);
            images.equal(before).Should().BeTrue($"the input is unchanged after {severity}");
        }
    }

    [Test]
    public void Is_deterministic_for_a_seed()
    {
        using var scope = torch.NewDisposeScope();
        var plugin = Plugin();
        var images = BlurTestData.Garments(3);
        var severity = plugin.Severities(28)[3];
        plugin.Apply(images, severity, 5).equal(plugin.Apply(images, severity, 5)).Should().BeTrue();
        var other = plugin.Apply(images, severity, 6);
        var random = name is "motion-blur" or "camera-shake";
        other.equal(plugin.Apply(images, severity, 5)).Should().Be(!random, random ? "another seed draws other kernels" : "no randomness");
    }

    [Test]
    public void A_kernel_depends_only_on_the_seed_and_its_image_index_however_many_are_drawn_at_once()
    {
        // A batch of 80 per-image kernels is drawn in parallel, one of 5 on one thread: image i gets the same kernel.
        using var scope = torch.NewDisposeScope();
        var plugin = Plugin();
        var severity = plugin.Severities(64)[4];
        var many = plugin.KernelsOf(severity, 80, seed: 11);
        var few = plugin.KernelsOf(severity, 5, seed: 11);
        if (name is not ("motion-blur" or "camera-shake"))
        {
            many.equal(few).Should().BeTrue("one kernel for the whole batch");
            return;
        }
        many.shape.Should().Equal(80, few.size(1), few.size(2));
        many.narrow(0, 0, 5).equal(few).Should().BeTrue();
        many.sum([1L, 2L]).allclose(torch.ones(80), rtol: 0, atol: 1e-5).Should().BeTrue("every kernel sums to 1");
        many.narrow(0, 5, 1).equal(many.narrow(0, 6, 1)).Should().BeFalse("each image draws its own kernel");
    }

    [Test]
    public void Stronger_levels_remove_more_high_frequency_energy_at_28_pixels()
    {
        using var scope = torch.NewDisposeScope();
        var plugin = Plugin();
        var images = BlurTestData.Garments(8);
        var clean = BlurTestData.Energy(images);
        var energies = plugin.Severities(28).Select(s => BlurTestData.Energy(plugin.Apply(images, s, 1)) / clean).ToArray();
        TestContext.Out.WriteLine($"{name}: kept energy " + string.Join(", ", energies.Select(e => e.ToString("F3", System.Globalization.CultureInfo.InvariantCulture))));
        energies.Should().BeInDescendingOrder().And.OnlyHaveUniqueItems();
        energies[0].Should().BeInRange(MildestMinimumKept, 1 - MildestMinimumLoss, "the mildest level is visible but mild");
        energies[^1].Should().BeLessThan(StrongestMaximumKept, "the strongest level is destructive");
    }

    [Test]
    public void Refuses_a_severity_it_does_not_offer_and_bad_images()
    {
        using var scope = torch.NewDisposeScope();
        var plugin = Plugin();
        var images = BlurTestData.Garments(1);
        var foreign = new Severity(1, "made-up", ("radius", 2.0));
        FluentActions.Invoking(() => plugin.Apply(images, foreign, 0)).Should().Throw<ArgumentException>()
            .WithMessage($"*{name}*made-up*not one this perturbation offers*[1, 1, 28, 28]*");
        var severity = plugin.Severities(28)[0];
        FluentActions.Invoking(() => plugin.Apply(images.reshape(1, 28, 28), severity, 0)).Should().Throw<ArgumentException>()
            .WithMessage($"*{name}*[N, C, H, W]*[1, 28, 28]*");
        FluentActions.Invoking(() => plugin.Apply(images.to(ScalarType.Int64), severity, 0)).Should().Throw<ArgumentException>()
            .WithMessage($"*{name}*floating point*Int64*");
        FluentActions.Invoking(() => plugin.Configure(new Dictionary<string, string> { ["ladder"] = "huge" }))
            .Should().Throw<ArgumentException>().WithMessage("*'huge'*ladder*scaled*imagenet-c*");
        plugin.Ladder.Should().Be(BlurLadder.Scaled, "a refused value leaves the previous one");
    }

    [Test]
    public void The_imagenet_c_ladder_is_the_same_whatever_the_image_size()
    {
        var plugin = Plugin();
        plugin.Configure(new Dictionary<string, string> { ["ladder"] = "imagenet-c" });
        plugin.Ladder.Should().Be(BlurLadder.ImageNetC);
        plugin.Severities(28).Should().Equal(plugin.Severities(224));
        plugin.Severities(224).Select(s => s.Values[0].Value).Should().BeInAscendingOrder();
    }

    [Test]
    public void Gives_the_same_result_on_CUDA_as_on_the_CPU()
    {
        Assume.That(torch.cuda.is_available(), "no CUDA device");
        using var scope = torch.NewDisposeScope();
        var plugin = Plugin();
        var images = BlurTestData.Garments(4);
        foreach (var severity in plugin.Severities(28))
        {
            var cpu = plugin.Apply(images, severity, 3);
            var cuda = plugin.Apply(images.to(Device.Cuda), severity, 3);
            cuda.device.IsCuda.Should().BeTrue("the blur runs where its input is");
            cuda.to(Device.Cpu).allclose(cpu, rtol: 0, atol: DeviceTolerance).Should().BeTrue($"{severity}");
        }
    }
}
