using AdvCam.Core.Models;
using AdvCam.Core.Running;

namespace AdvCam.Core.Tests.Running;

public class NormalizedClassifierTests
{
    private static readonly float[] Mean = [0.5f, 0.4f, 0.3f];
    private static readonly float[] Std = [0.2f, 0.25f, 0.5f];

    private static ResNetCam Model()
    {
        torch.manual_seed(11);
        var model = new ResNetCam(new ResNetCamConfig
        {
            NumClasses = 4,
            StemChannels = 8,
            Widths = new long[] { 8, 16 },
            Blocks = new[] { 1, 1 },
            Strides = new long[] { 1, 2 },
        });
        model.eval();
        return model;
    }

    /// <summary>(x - mean[c]) / std[c], written out channel by channel on managed arrays.</summary>
    private static Tensor NormalizedByHand(Tensor x)
    {
        var values = x.ToArray<float>();
        var plane = (int)(x.size(2) * x.size(3));
        for (var i = 0; i < values.Length; i++)
        {
            var c = i / plane % 3;
            values[i] = (values[i] - Mean[c]) / Std[c];
        }
        return torch.tensor(values, x.shape);
    }

    [Test]
    public void Forward_features_and_stages_see_the_normalised_images()
    {
        using var scope = torch.NewDisposeScope();
        using var model = Model();
        var wrapped = new NormalizedClassifier(model, Mean, Std);
        var x = torch.rand(2, 3, 16, 16);
        var normalized = NormalizedByHand(x);
        wrapped.Normalize(x).allclose(normalized, 1e-6, 1e-6).Should().BeTrue();
        wrapped.forward(x).allclose(model.forward(normalized), 1e-5, 1e-5).Should().BeTrue();
        wrapped.features(x).allclose(model.features(normalized), 1e-5, 1e-5).Should().BeTrue();
        wrapped.forward_until(x, "layer1").allclose(model.forward_until(normalized, "layer1"), 1e-5, 1e-5).Should().BeTrue();
        var feature = model.forward_until(normalized, "layer1");
        wrapped.forward_from(feature, "layer1").allclose(model.forward_from(feature, "layer1"), 1e-6, 1e-6).Should().BeTrue();
        wrapped.num_classes.Should().Be(4);
        wrapped.stage_names.Should().Equal(model.stage_names);
        wrapped.output_stride.Should().Be(model.output_stride);
        wrapped.head_bias.Should().BeNull();
    }

    [Test]
    public void Gradients_with_respect_to_the_unit_range_images_flow_through_the_normalisation()
    {
        using var scope = torch.NewDisposeScope();
        using var model = Model();
        var wrapped = new NormalizedClassifier(model, Mean, Std);
        var x = torch.rand(1, 3, 16, 16).requires_grad_();
        var grad = torch.autograd.grad(wrapped.forward(x).select(1, 2).sum(), x);

        // Chain rule by hand: d/dx f((x - m) / s) = f'(z) / s per channel.
        var z = NormalizedByHand(x.detach()).requires_grad_();
        var inner = torch.autograd.grad(model.forward(z).select(1, 2).sum(), z).ToArray<float>();
        var plane = 16 * 16;
        for (var i = 0; i < inner.Length; i++) inner[i] /= Std[i / plane % 3];
        grad.allclose(torch.tensor(inner, [1, 3, 16, 16]), 1e-5, 1e-6).Should().BeTrue();
        grad.abs().sum().item<float>().Should().BeGreaterThan(0);
    }

    [Test]
    public void Images_of_another_channel_count_are_refused_naming_the_shape()
    {
        using var scope = torch.NewDisposeScope();
        using var model = Model();
        var wrapped = new NormalizedClassifier(model, Mean, Std);
        var act = () => wrapped.forward(torch.rand(2, 1, 16, 16));
        act.Should().Throw<ArgumentException>().WithMessage("*[N, 3, H, W]*[2, 1, 16, 16]*");
        var bad = () => new NormalizedClassifier(model, Mean, [1f, 0f, 1f]);
        bad.Should().Throw<ArgumentException>().WithMessage("*positive*");
    }
}
