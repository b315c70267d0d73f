using AdvCam.Core.Models;
using AdvCam.Torch.Nn;
using AdvCam.Torch.Optim;

namespace AdvCam.Core.Tests.Models;

public class ResNetCamTests
{
    private static ResNetCamConfig Tiny => new()
    {
        NumClasses = 4,
        StemChannels = 8,
        Widths = new long[] { 8, 16 },
        Blocks = new[] { 1, 1 },
        Strides = new long[] { 1, 2 },
    };

    [Test]
    public void Default_configuration_gives_output_stride_4_on_64_pixel_images()
    {
        using var scope = torch.NewDisposeScope();
        using var model = new ResNetCam();
        model.eval();
        var x = torch.rand(2, 3, 64, 64);
        model.forward(x).shape.Should().Equal(2, 10);
        model.features(x).shape.Should().Equal(2, 128, 16, 16);
        model.output_stride.Should().Be(4);
        model.feature_channels.Should().Be(128);
        model.num_classes.Should().Be(10);
        model.head_weight.shape.Should().Equal(10, 128);
        model.head_bias.Should().BeNull();
        model.state_dict().Keys.Should().Contain("fc.weight").And.NotContain("fc.bias");
        model.stage_names.Should().Equal("stem", "layer1", "layer2", "layer3");
        model.forward_until(x, "stem").shape.Should().Equal(2, 32, 64, 64);
        model.forward_until(x, "layer2").shape.Should().Equal(2, 64, 32, 32);
    }

    [Test]
    public void Grayscale_28_pixel_configuration_with_max_pooling()
    {
        using var scope = torch.NewDisposeScope();
        var config = new ResNetCamConfig
        {
            NumClasses = 10, InChannels = 1, StemChannels = 8, StemKernel = 5, StemMaxPool = true,
            Widths = new long[] { 8, 16 }, Blocks = new[] { 1, 1 }, Strides = new long[] { 1, 1 },
        };
        using var model = new ResNetCam(config);
        model.eval();
        var x = torch.rand(3, 1, 28, 28);
        model.features(x).shape.Should().Equal(3, 16, 14, 14);
        model.output_stride.Should().Be(2);
        model.forward(x).shape.Should().Equal(3, 10);
        model.maxpool.Should().NotBeNull();
    }

    [Test]
    public void Split_forward_equals_forward_at_every_stage()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(5);
        using var model = new ResNetCam(Tiny);
        model.eval();
        var x = torch.rand(2, 3, 16, 16);
        var logits = model.forward(x);
        foreach (var stage in model.stage_names)
        {
            var f = model.forward_until(x, stage);
            model.forward_from(f, stage).equal(logits).Should().BeTrue(stage);
        }
        model.forward_until(x, model.stage_names[^1]).equal(model.features(x)).Should().BeTrue();
    }

    [Test]
    public void Logits_are_the_pooled_features_times_the_head_weight()
    {
        using var scope = torch.NewDisposeScope();
        using var model = new ResNetCam(Tiny);
        model.eval();
        var x = torch.rand(2, 3, 16, 16);
        var cam = model.features(x).mean(new long[] { 2, 3 }).matmul(model.head_weight.transpose(0, 1));
        cam.allclose(model.forward(x), 1e-5, 1e-6).Should().BeTrue();
    }

    [Test]
    public void Forward_frees_its_intermediate_tensors()
    {
        using var scope = torch.NewDisposeScope();
        using var model = new ResNetCam(Tiny);
        var x = torch.rand(2, 3, 16, 16);
        foreach (var training in new[] { true, false })
        {
            model.train(training);
            var before = Tensor.LiveCount;
            using (model.forward(x)) Tensor.LiveCount.Should().Be(before + 1);
            using (model.forward_until(x, "layer1")) Tensor.LiveCount.Should().Be(before + 1);
            using (var f = model.forward_until(x, "stem"))
            using (model.forward_from(f, "stem")) Tensor.LiveCount.Should().Be(before + 2);
            Tensor.LiveCount.Should().Be(before);
        }
    }

    [Test]
    public void Disposing_the_model_frees_every_tensor()
    {
        using var scope = torch.NewDisposeScope();
        var before = Tensor.LiveCount;
        var model = new ResNetCam(Tiny);
        Tensor.LiveCount.Should().BeGreaterThan(before);
        model.Dispose();
        Tensor.LiveCount.Should().Be(before);
    }

    [Test]
    public void A_few_SGD_steps_on_a_tiny_batch_lower_the_loss()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(7);
        using var model = new ResNetCam(Tiny);
        model.train();
        var x = torch.rand(8, 3, 16, 16);
        var y = torch.randint(0, 4, new long[] { 8 });
        using var optimizer = new SGD(model.parameters(), lr: 0.05, momentum: 0.9);
        var losses = new List<float>();
        for (var step = 0; step < 10; step++)
        {
            using var inner = torch.NewDisposeScope();
            optimizer.zero_grad();
            var loss = F.cross_entropy(model.forward(x), y);
            losses.Add(loss.item<float>());
            loss.backward();
            optimizer.step();
        }
        losses[^1].Should().BeLessThan(losses[0] * 0.7f, "losses: {0}", string.Join(", ", losses));
    }

    [Test]
    public void Invalid_configurations_are_refused()
    {
        using var scope = torch.NewDisposeScope();
        var act = () => new ResNetCam(new ResNetCamConfig { Widths = new long[] { 8, 16 } });
        act.Should().Throw<ArgumentException>().WithMessage("*one entry per stage*");
        var act2 = () => new ResNetCam(new ResNetCamConfig { StemKernel = 4 });
        act2.Should().Throw<ArgumentException>().WithMessage("*StemKernel*");
    }
}
