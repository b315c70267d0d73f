using AdvCam.Core.Models;
using AdvCam.Plugins.Perturbations.Defenses;

namespace AdvCam.Plugins.Perturbations.Tests.Defenses;

/// <summary>The "crop-select" plugin: its logits are a tiny ResNetCam's on the crop the managed reference selects;
/// parameters and images it cannot use are refused with a message naming them.</summary>
public class CropSelectDefenseTests
{
    /// <summary>Logits are compared after the same forward pass on the same values: equal up to the rounding of a
    /// different batch layout.</summary>
    private const double LogitTolerance = 1e-5;

    private static ResNetCamConfig Tiny => new()
    {
        NumClasses = 4,
        InChannels = 3,
        StemChannels = 8,
        Widths = new long[] { 8, 16 },
        Blocks = new[] { 1, 1 },
        Strides = new long[] { 1, 2 },
    };

    private static CropSelectDefense Configured(string margin, string cyclic)
    {
        var plugin = new CropSelectDefense();
        plugin.Configure(new Dictionary<string, string> { ["margin"] = margin, ["cyclic"] = cyclic, ["pad"] = "none", ["window_sigma"] = "0.25" });
        return plugin;
    }

    [Test]
    public void Defaults_are_the_zero_padded_crop_trimmed_by_one_pixel_within_a_two_pixel_margin()
    {
        var plugin = new CropSelectDefense();
        plugin.Name.Should().Be("crop-select");
        plugin.Margin.Should().Be(2);
        plugin.Cyclic.Should().BeFalse();
        plugin.CentreWeighted.Should().BeTrue();
        plugin.Padding.Should().Be(CropPadding.Zeros);
        plugin.Trim.Should().Be(1);
        plugin.WindowSigma.Should().Be(CropSelectDefense.DefaultWindowSigma);
    }

    [TestCase("2", "1", 14, 12)]
    [TestCase("2", "0", 16, 14)]
    [TestCase("1", "3", 14, 12)]
    public void Trimmed_logits_are_the_models_on_the_selected_crop_of_the_partly_padded_image(string margin, string trim, long height, long width)
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(3);
        using var model = new ResNetCam(Tiny);
        model.eval();
        var plugin = new CropSelectDefense();
        plugin.Configure(new Dictionary<string, string> { ["margin"] = margin, ["trim"] = trim });
        using var generator = new Generator(31);
        var images = torch.rand([3, 3, 16, 14], generator);
        var crops = CropSelection.SelectPadded(images, plugin.Margin, CropPadding.Zeros, windowSigma: plugin.WindowSigma, trim: plugin.EffectiveTrim);
        crops.shape.Should().Equal(3, 3, height, width);
        plugin.Logits(model, images).allclose(model.forward(crops), rtol: 0, atol: LogitTolerance).Should().BeTrue();
    }

    [TestCase("zeros")]
    [TestCase("replicate")]
    public void Padded_logits_are_the_models_on_the_full_size_selected_crop(string pad)
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(3);
        using var model = new ResNetCam(Tiny);
        model.eval();
        var plugin = new CropSelectDefense();
        plugin.Configure(new Dictionary<string, string> { ["margin"] = "2", ["pad"] = pad, ["trim"] = "0", ["window_sigma"] = "0.25" });
        using var generator = new Generator(29);
        var images = torch.rand([3, 3, 16, 14], generator);
        var expected = model.forward(CropSelection.SelectPadded(images, 2, plugin.Padding));
        plugin.Logits(model, images).allclose(expected, rtol: 0, atol: LogitTolerance).Should().BeTrue();
    }

    [Test]
    public void Unknown_padding_is_refused()
    {
        var plugin = new CropSelectDefense();
        FluentActions.Invoking(() => plugin.Configure(new Dictionary<string, string> { ["pad"] = "mirror" }))
            .Should().Throw<ArgumentException>().WithMessage("*crop-select*'mirror'*'pad'*");
        plugin.Padding.Should().Be(CropPadding.Zeros);
        plugin.Cyclic.Should().BeFalse();
    }

    [TestCase("2", "false")]
    [TestCase("3", "true")]
    public void Logits_are_the_models_on_the_selected_crop(string margin, string cyclic)
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(3);
        using var model = new ResNetCam(Tiny);
        model.eval();
        var plugin = Configured(margin, cyclic);
        using var generator = new Generator(23);
        var images = torch.rand([3, 3, 16, 14], generator);
        var values = images.ToArray<float>();
        long m = plugin.Margin;
        var logits = plugin.Logits(model, images);
        logits.shape.Should().Equal(3, 4);
        var got = logits.ToArray<float>();
        for (var i = 0; i < 3; i++)
        {
            var offset = CropReference.Offset(values, images.shape, i, m, plugin.Cyclic);
            var crop = torch.tensor(CropReference.Crop(values, images.shape, i, offset, m), [1, 3, 16 - 2 * m, 14 - 2 * m]);
            var expected = model.forward(crop).ToArray<float>();
            for (var k = 0; k < 4; k++)
                got[i * 4 + k].Should().BeApproximately(expected[k], (float)LogitTolerance, $"image {i}, class {k}, crop at {offset}");
        }
        var whole = model.forward(images).ToArray<float>();
        got.Zip(whole).Max(p => Math.Abs(p.First - p.Second)).Should().BeGreaterThan((float)LogitTolerance,
            "the crop changes the logits, so the comparison above can fail");
    }

    [TestCase("false")]
    [TestCase("true")]
    public void Logits_free_every_intermediate_tensor(string cyclic)
    {
        using var scope = torch.NewDisposeScope();
        using var model = new ResNetCam(Tiny);
        model.eval();
        var plugin = Configured("2", cyclic);
        var images = torch.rand(4, 3, 12, 12);
        plugin.Logits(model, images).Dispose();
        var live = Tensor.LiveCount;
        plugin.Logits(model, images).Dispose();
        Tensor.LiveCount.Should().Be(live, "Logits keeps only the logits it returns");
    }

    [TestCase("-1", "margin")]
    [TestCase("two", "margin")]
    [TestCase("yes", "cyclic")]
    [TestCase("round", "window")]
    [TestCase("0", "window_sigma")]
    [TestCase("-0.1", "window_sigma")]
    [TestCase("-1", "window_edge")]
    [TestCase("-1", "trim")]
    public void Bad_parameters_are_refused_and_the_previous_values_kept(string value, string parameter)
    {
        var plugin = new CropSelectDefense();
        FluentActions.Invoking(() => plugin.Configure(new Dictionary<string, string> { [parameter] = value }))
            .Should().Throw<ArgumentException>().WithMessage($"*crop-select*'{value}'*'{parameter}'*");
        plugin.Margin.Should().Be(2);
        plugin.Cyclic.Should().BeFalse();
    }

    [Test]
    public void Images_too_small_for_the_margin_are_refused_naming_the_shape()
    {
        using var scope = torch.NewDisposeScope();
        using var model = new ResNetCam(Tiny);
        var plugin = Configured("4", "false");
        FluentActions.Invoking(() => plugin.Logits(model, torch.rand(2, 3, 8, 12))).Should().Throw<ArgumentException>()
            .WithMessage("*crop-select*margin=4*[2, 3, 8, 12]*");
    }
}
