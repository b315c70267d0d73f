using AdvCam.Plugins.Perturbations.Blur;

namespace AdvCam.Plugins.Perturbations.Tests.Blur;

/// <summary>The <c>imagenet-c</c> ladders carry ImageNet-C's published parameters (and the scaled ladders the
/// documented fractions).</summary>
public class ImageNetCLadderTests
{
    private static T WithImageNetC<T>(T plugin) where T : BlurPerturbation
    {
        plugin.Configure(new Dictionary<string, string> { ["ladder"] = "imagenet-c" });
        return plugin;
    }

    [Test]
    public void Defocus_is_radius_and_alias_blur_as_ImageNet_C()
    {
        WithImageNetC(new DefocusBlurPerturbation()).Severities(224).Select(s => (s["radius"], s["alias_sigma"]))
            .Should().Equal((3.0, 0.1), (4.0, 0.5), (6.0, 0.5), (8.0, 0.5), (10.0, 0.5));
    }

    [Test]
    public void Gaussian_is_sigma_1_2_3_4_6()
    {
        WithImageNetC(new GaussianBlurPerturbation()).Severities(224).Select(s => s["sigma"]).Should().Equal(1, 2, 3, 4, 6);
    }

    [Test]
    public void Motion_takes_ImageNet_C_radius_as_length_and_keeps_its_sigma()
    {
        WithImageNetC(new MotionBlurPerturbation()).Severities(224).Select(s => (s["length"], s["imagenet_c_sigma"]))
            .Should().Equal((10.0, 3.0), (15.0, 5.0), (15.0, 8.0), (15.0, 12.0), (20.0, 15.0));
    }

    [Test]
    public void Camera_shake_uses_the_scaled_fractions_at_224_pixels()
    {
        WithImageNetC(new CameraShakePerturbation()).Severities(28).Select(s => s["extent"])
            .Should().Equal(new CameraShakePerturbation().Severities(224).Select(s => s["extent"]));
    }

    [Test]
    public void The_scaled_ladders_at_28_pixels_are_the_documented_values()
    {
        new DefocusBlurPerturbation().Severities(28).Select(s => s["radius"]).Should().Equal(0.56, 1.12, 1.96, 2.8, 3.92);
        new GaussianBlurPerturbation().Severities(28).Select(s => s["sigma"]).Should().Equal(0.56, 0.98, 1.4, 1.96, 2.8);
        new MotionBlurPerturbation().Severities(28).Select(s => s["length"]).Should().Equal(2.8, 4.48, 6.16, 8.4, 11.2);
        new CameraShakePerturbation().Severities(28).Select(s => s["extent"]).Should().Equal(2.8, 4.48, 6.16, 8.4, 11.2);
    }

    [Test]
    public void Motion_with_a_fixed_angle_blurs_along_it_and_refuses_a_bad_angle()
    {
        using var scope = torch.NewDisposeScope();
        var plugin = new MotionBlurPerturbation();
        plugin.Configure(new Dictionary<string, string> { ["angle"] = "0" });
        plugin.Angle.Should().Be(0);
        var images = BlurTestData.Garments(2);
        var output = plugin.Apply(images, plugin.Severities(28)[4], 1);
        // A horizontal line leaves vertical differences far more than horizontal ones.
        long h = 28, w = 28;
        var dx = output.narrow(3, 1, w - 1).sub(output.narrow(3, 0, w - 1)).square().mean().ToDouble();
        var dy = output.narrow(2, 1, h - 1).sub(output.narrow(2, 0, h - 1)).square().mean().ToDouble();
        dy.Should().BeGreaterThan(3 * dx);
        FluentActions.Invoking(() => plugin.Configure(new Dictionary<string, string> { ["angle"] = "sideways" }))
            .Should().Throw<ArgumentException>().WithMessage("*'sideways'*angle*random*");
    }

    [Test]
    public void A_kernel_larger_than_the_images_is_refused_naming_the_severity()
    {
        using var scope = torch.NewDisposeScope();
        var plugin = WithImageNetC(new CameraShakePerturbation());
        var strongest = plugin.Severities(28)[4];
        FluentActions.Invoking(() => plugin.Apply(BlurTestData.Garments(1), strongest, 0)).Should().Throw<ArgumentException>()
            .WithMessage("*camera-shake*extent=89.6*kernel*[1, 1, 28, 28]*");
    }
}
