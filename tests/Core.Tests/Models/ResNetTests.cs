using AdvCam.Core.Models;
using AdvCam.Torch.Nn;

namespace AdvCam.Core.Tests.Models;

public class ResNetTests
{
    [TestCase("resnet18")]
    [TestCase("resnet50")]
    public void State_dict_names_and_shapes_equal_torchvision(string arch)
    {
        using var scope = torch.NewDisposeScope();
        using var model = arch == "resnet18" ? ResNet.resnet18(10) : ResNet.resnet50(10);
        var ours = model.state_dict().Select(kv => (kv.Key, kv.Value.shape)).ToList();
        var theirs = Fixtures.StateDictOf(arch);
        ours.Select(e => e.Key).Should().Equal(theirs.Select(e => e.Name));
        for (var i = 0; i < ours.Count; i++)
            ours[i].shape.Should().Equal(theirs[i].Shape, "shape of {0}", ours[i].Key);
    }

    [Test]
    public void Dilated_last_stage_keeps_torchvision_names_and_shapes()
    {
        using var scope = torch.NewDisposeScope();
        using var model = ResNet.resnet50(10, lastStageStride: 1);
        var theirs = Fixtures.StateDictOf("resnet50");
        model.state_dict().Select(kv => kv.Key).Should().Equal(theirs.Select(e => e.Name));
        model.state_dict().Select(kv => kv.Value.shape).Should().BeEquivalentTo(theirs.Select(e => e.Shape), o => o.WithStrictOrdering());
    }

    [Test]
    public void Basic_block_resnet_matches_torchvision_logits()
    {
        using var scope = torch.NewDisposeScope();
        var (state, input, expected) = Fixtures.Reference("resnet_basic_narrow.safetensors");
        using var model = new ResNet(ResNetBlockKind.Basic, new[] { 1, 1, 1, 1 }, 10, new long[] { 8, 16, 32, 64 });
        model.load_state_dict(state);
        model.eval();
        var logits = model.forward(input);
        logits.shape.Should().Equal(2, 10);
        (logits - expected).abs().max().item<float>().Should().BeLessThan(1e-4f);
        expected.abs().max().item<float>().Should().BeGreaterThan(0.1f, "the reference logits are not trivial");
    }

    [Test]
    public void Bottleneck_resnet_with_dilated_last_stage_matches_torchvision_logits()
    {
        using var scope = torch.NewDisposeScope();
        var (state, input, expected) = Fixtures.Reference("resnet_bottleneck_dilated.safetensors");
        using var model = new ResNet(ResNetBlockKind.Bottleneck, new[] { 1, 1, 1, 2 }, 10, new long[] { 4, 8, 16, 32 }, lastStageStride: 1);
        model.load_state_dict(state);
        model.eval();
        var logits = model.forward(input);
        (logits - expected).abs().max().item<float>().Should().BeLessThan(1e-4f);
        ((Bottleneck)model.stages[3][1]).conv2.Dilation.Should().Be(2);

        // The dilation matters at this size: the same weights without it give other logits.
        using var undilated = new ResNet(ResNetBlockKind.Bottleneck, new[] { 1, 1, 1, 2 }, 10, new long[] { 4, 8, 16, 32 }, lastStageStride: 1, dilateLastStage: false);
        undilated.load_state_dict(state);
        undilated.eval();
        (undilated.forward(input) - expected).abs().max().item<float>().Should().BeGreaterThan(1e-3f);
        ((Bottleneck)model.stages[3][0]).conv2.Dilation.Should().Be(1, "torchvision keeps the previous dilation on a dilated stage's first block");
    }

    [Test]
    public void Resnet18_shapes_and_last_stage_stride()
    {
        using var scope = torch.NewDisposeScope();
        using var model = ResNet.resnet18(10);
        model.eval();
        var x = torch.randn(1, 3, 32, 32);
        model.forward(x).shape.Should().Equal(1, 10);
        model.features(x).shape.Should().Equal(1, 512, 1, 1);
        model.output_stride.Should().Be(32);
        model.feature_channels.Should().Be(512);
        model.num_classes.Should().Be(10);
        model.head_weight.shape.Should().Equal(10, 512);
        model.head_bias!.shape.Should().Equal(10);
        model.stage_names.Should().Equal("stem", "layer1", "layer2", "layer3", "layer4");
        model.forward_until(x, "stem").shape.Should().Equal(1, 64, 8, 8);
        model.forward_until(x, "layer3").shape.Should().Equal(1, 256, 2, 2);

        using var os16 = ResNet.resnet18(10, lastStageStride: 1);
        using var plain = ResNet.resnet18(10, lastStageStride: 1, dilateLastStage: false);
        os16.output_stride.Should().Be(16);
        plain.output_stride.Should().Be(16);
        ((BasicBlock)os16.stages[3][1]).conv1.Dilation.Should().Be(2);
        ((BasicBlock)plain.stages[3][1]).conv1.Dilation.Should().Be(1);
        os16.eval();
        os16.features(torch.randn(1, 3, 64, 64)).shape.Should().Equal(1, 512, 4, 4);
    }

    [Test]
    public void Split_forward_equals_forward_and_features_give_the_logits()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(3);
        using var model = new ResNet(ResNetBlockKind.Basic, new[] { 1, 1, 1, 1 }, 5, new long[] { 8, 8, 16, 16 });
        model.eval();
        var x = torch.randn(2, 3, 32, 32);
        var logits = model.forward(x);
        foreach (var stage in model.stage_names)
        {
            var f = model.forward_until(x, stage);
            model.forward_from(f, stage).allclose(logits, 1e-5, 1e-6).Should().BeTrue(stage);
        }
        var pooled = model.features(x).mean(new long[] { 2, 3 });
        var fromFeatures = pooled.matmul(model.head_weight.transpose(0, 1)) + model.head_bias!;
        fromFeatures.allclose(logits, 1e-4, 1e-5).Should().BeTrue();
    }

    [Test]
    public void Initialisation_follows_torchvision()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(0);
        using var model = ResNet.resnet18(10);
        var block = (BasicBlock)model.stages[2][0];
        var expectedStd = Math.Sqrt(2.0 / (256 * 3 * 3)); // kaiming normal, fan-out, ReLU gain
        block.conv1.weight.std().item<float>().Should().BeApproximately((float)expectedStd, (float)(expectedStd * 0.03));
        block.conv1.weight.mean().item<float>().Should().BeApproximately(0, (float)(expectedStd * 0.03));
        block.bn1.weight!.eq(1).all().item<bool>().Should().BeTrue();
        block.bn1.bias!.eq(0).all().item<bool>().Should().BeTrue();
        block.downsample!.Count.Should().Be(2);
    }

    [Test]
    public void Invalid_arguments_and_unknown_stages_are_refused()
    {
        using var scope = torch.NewDisposeScope();
        var act = () => new ResNet(ResNetBlockKind.Basic, new[] { 1, 1 }, 10, new long[] { 8 });
        act.Should().Throw<ArgumentException>().WithMessage("*1 widths for 2 stages*");
        var act2 = () => ResNet.resnet18(10, lastStageStride: 3);
        act2.Should().Throw<ArgumentOutOfRangeException>();
        using var model = new ResNet(ResNetBlockKind.Basic, new[] { 1 }, 3, new long[] { 4 });
        var act3 = () => model.forward_until(torch.randn(1, 3, 16, 16), "layer9");
        act3.Should().Throw<ArgumentException>().WithMessage("*no stage 'layer9'*stem, layer1*");
    }
}
