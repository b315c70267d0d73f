using AdvCam.Abstractions;
using AdvCam.Plugins.Perturbations.Shifts;

namespace AdvCam.Plugins.Perturbations.Tests.Shifts;

/// <summary>What holds for both shift plugins: severities, checks of the input, purity, every direction against the
/// index-arithmetic reference (<see cref="ShiftImages.Reference"/>). The shifts only copy values, so comparisons are
/// exact.</summary>
[TestFixtureSource(typeof(ShiftPlugins), nameof(ShiftPlugins.Names))]
public class ShiftPerturbationTests(string name)
{
    private static readonly (string Label, int Dx, int Dy)[] Directions =
    [
        ("up", 0, -1), ("up-right", 1, -1), ("right", 1, 0), ("down-right", 1, 1),
        ("down", 0, 1), ("down-left", -1, 1), ("left", -1, 0), ("up-left", -1, -1),
    ];

    private ShiftPerturbation Plugin() => ShiftPlugins.Create(name);

    [Test]
    public void Offers_the_eight_directions_as_levels_1_to_8_with_their_offsets()
    {
        var plugin = Plugin();
        plugin.Name.Should().Be(name);
        plugin.Parameters.Should().ContainSingle().Which.Should().Match<PluginParameter>(p =>
            p.Name == "pixels" && p.DefaultValue == "1" && p.Kind == PluginValueKind.Integer);
        var severities = plugin.Severities(28);
        severities.Select(s => s.Level).Should().Equal(1, 2, 3, 4, 5, 6, 7, 8);
        severities.Select(s => s.Label).Should().Equal(Directions.Select(d => d.Label));
        severities.Select(s => (s["dx"], s["dy"])).Should().Equal(Directions.Select(d => ((double)d.Dx, (double)d.Dy)));
        severities.Select(s => s.Values.Select(v => v.Key)).Should().AllSatisfy(keys => keys.Should().Equal("dx", "dy"));
    }

    [Test]
    public void The_pixels_parameter_scales_the_offsets()
    {
        var plugin = ShiftPlugins.WithPixels(name, 3);
        plugin.Values["pixels"].Should().Be("3");
        plugin.Severities(28).Select(s => (s["dx"], s["dy"])).Should().Equal(Directions.Select(d => (3.0 * d.Dx, 3.0 * d.Dy)));
    }

    [TestCase("0")]
    [TestCase("-1")]
    public void A_pixels_value_below_1_is_refused_naming_it(string value)
    {
        var plugin = Plugin();
        FluentActions.Invoking(() => plugin.Configure(new Dictionary<string, string> { ["pixels"] = value }))
            .Should().Throw<ArgumentException>().WithMessage($"*'{name}'*'{value}'*'pixels'*at least 1*");
        plugin.Values["pixels"].Should().Be("1", "a refused value changes nothing");
    }

    [Test]
    public void Severities_for_an_image_no_larger_than_the_shift_are_refused()
    {
        var plugin = ShiftPlugins.WithPixels(name, 4);
        plugin.Severities(5).Should().HaveCount(8);
        FluentActions.Invoking(() => plugin.Severities(4))
            .Should().Throw<ArgumentOutOfRangeException>().WithMessage("*shift of 4 pixels*not below the image size 4*");
        FluentActions.Invoking(() => plugin.Severities(0)).Should().Throw<ArgumentOutOfRangeException>();
    }

    [Test]
    public void Every_direction_moves_the_content_as_the_reference_does([Values(1, 2)] int pixels)
    {
        using var scope = torch.NewDisposeScope();
        var plugin = ShiftPlugins.WithPixels(name, pixels);
        var images = ShiftImages.Distinct(2, 3, 5, 6);
        foreach (var severity in plugin.Severities(5))
        {
            var expected = ShiftImages.Reference(images, (long)severity["dx"], (long)severity["dy"], ShiftPlugins.IsCyclic(name));
            plugin.Apply(images, severity, seed: 0).ToArray<float>().Should().Equal(expected, $"direction {severity}");
        }
    }

    [Test]
    public void The_output_has_the_input_shape_and_dtype_and_the_input_is_unchanged([Values(ScalarType.Float32, ScalarType.Float64)] ScalarType dtype)
    {
        using var scope = torch.NewDisposeScope();
        var plugin = Plugin();
        var images = ShiftImages.Distinct(2, 3, 5, 6).to(dtype);
        var original = images.clone();
        foreach (var severity in plugin.Severities(5))
        {
            var output = plugin.Apply(images, severity, seed: 0);
            output.shape.Should().Equal(2, 3, 5, 6);
            output.dtype.Should().Be(dtype);
            output.device.Should().Be(images.device);
            images.equal(original).Should().BeTrue($"{severity} must leave its input unchanged");
            // The output shares no memory with the input: writing to it leaves the input as it was.
            output.fill_(0.5);
            images.equal(original).Should().BeTrue($"the output of {severity} must not be a view of the input");
        }
    }

    [Test]
    public void The_seed_is_ignored()
    {
        using var scope = torch.NewDisposeScope();
        var plugin = Plugin();
        var images = ShiftImages.Distinct(1, 1, 4, 4);
        var severity = ShiftPlugins.Direction(plugin, "down-left");
        plugin.Apply(images, severity, seed: 1).equal(plugin.Apply(images, severity, seed: 987654321)).Should().BeTrue();
    }

    [Test]
    public void Images_that_are_not_rank_4_are_refused_naming_the_shape()
    {
        using var scope = torch.NewDisposeScope();
        var plugin = Plugin();
        var severity = ShiftPlugins.Direction(plugin, "right");
        FluentActions.Invoking(() => plugin.Apply(torch.zeros(1, 3, 4), severity, 0))
            .Should().Throw<ArgumentException>().WithMessage($"{name}: images must be [N, C, H, W]; got shape [1, 3, 4]*");
        FluentActions.Invoking(() => plugin.Apply(torch.zeros(1, 1, 1, 3, 4), severity, 0))
            .Should().Throw<ArgumentException>().WithMessage("*[1, 1, 1, 3, 4]*");
    }

    [Test]
    public void Integer_images_are_refused()
    {
        using var scope = torch.NewDisposeScope();
        var plugin = Plugin();
        FluentActions.Invoking(() => plugin.Apply(torch.zeros([1, 1, 3, 4], ScalarType.Int64), ShiftPlugins.Direction(plugin, "up"), 0))
            .Should().Throw<ArgumentException>().WithMessage("*floating point*Int64*");
    }

    [Test]
    public void A_shift_not_below_the_image_height_or_width_is_refused_naming_both()
    {
        using var scope = torch.NewDisposeScope();
        var plugin = ShiftPlugins.WithPixels(name, 3);
        var images = ShiftImages.Grid(); // 3 rows, 4 columns
        plugin.Apply(images, ShiftPlugins.Direction(plugin, "right"), 0).shape.Should().Equal(new long[] { 1, 1, 3, 4 }, "3 columns of 4 can move");
        foreach (var label in new[] { "down", "up", "up-left" })
        {
            FluentActions.Invoking(() => plugin.Apply(images, ShiftPlugins.Direction(plugin, label), 0))
                .Should().Throw<ArgumentException>().WithMessage("*shifts by 3 pixels*[1, 1, 3, 4] (height 3, width 4)*");
        }
    }

    [Test]
    public void A_severity_it_does_not_offer_is_refused()
    {
        using var scope = torch.NewDisposeScope();
        var plugin = Plugin();
        var images = ShiftImages.Grid();
        var twoPixels = ShiftPlugins.Direction(ShiftPlugins.WithPixels(name, 2), "right");
        FluentActions.Invoking(() => plugin.Apply(images, twoPixels, 0))
            .Should().Throw<ArgumentException>().WithMessage("*severity '3 right (dx=2, dy=0)' is not one*pixels=1*'3 right (dx=1, dy=0)'*");
        FluentActions.Invoking(() => plugin.Apply(images, new Severity(9, "right", ("dx", 1.0), ("dy", 0.0)), 0))
            .Should().Throw<ArgumentException>();
    }

    [Test]
    public void Applying_every_severity_in_a_scope_leaves_no_live_tensor()
    {
        var plugin = Plugin();
        var before = LiveAfterCollecting();
        using (var scope = torch.NewDisposeScope())
        {
            var images = ShiftImages.Distinct(2, 1, 6, 6);
            foreach (var severity in plugin.Severities(6)) plugin.Apply(images, severity, 0);
        }
        LiveAfterCollecting().Should().Be(before);

        static long LiveAfterCollecting()
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            return Tensor.LiveCount;
        }
    }

    [Test]
    public void On_cuda_the_output_stays_on_cuda_and_equals_the_cpu_output()
    {
        if (!torch.cuda.is_available()) Assert.Ignore("no CUDA device");
        using var scope = torch.NewDisposeScope();
        var plugin = Plugin();
        var images = ShiftImages.Distinct(2, 3, 5, 6);
        var onCuda = images.to(Device.Cuda);
        foreach (var severity in plugin.Severities(5))
        {
            var output = plugin.Apply(onCuda, severity, 0);
            output.device.IsCuda.Should().BeTrue();
            output.to(Device.Cpu).equal(plugin.Apply(images, severity, 0)).Should().BeTrue($"{severity}");
        }
    }
}
