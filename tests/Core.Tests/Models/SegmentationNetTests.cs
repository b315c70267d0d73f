using System.Text.Json;
using AdvCam.Core.Models;
using AdvCam.Torch.Nn;
using AdvCam.Torch.Optim;

namespace AdvCam.Core.Tests.Models;

public class SegmentationNetTests
{
    /// <summary>The narrow torchvision DeepLabV3 of Fixtures/make_segmentation_fixtures.py.</summary>
    private static SegmentationNetConfig Narrow(long outputStride) => new()
    {
        NumClasses = 5,
        Block = ResNetBlockKind.Bottleneck,
        Blocks = new[] { 1, 1, 1, 1 },
        Widths = new long[] { 4, 8, 12, 16 },
        OutputStride = outputStride,
        AsppChannels = 8,
        AtrousRates = new long[] { 1, 2, 3 },
    };

    private static SegmentationNetConfig Tiny => new()
    {
        NumClasses = 3,
        Widths = new long[] { 4, 8, 8, 8 },
        AsppChannels = 8,
    };

    private static List<(string Name, long[] Shape)> TorchvisionStateDict()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Fixtures.PathOf("segmentation_state_dicts.json")));
        return doc.RootElement.GetProperty("deeplabv3_resnet50").EnumerateArray()
            .Select(e => (e[0].GetString()!, e[1].EnumerateArray().Select(d => d.GetInt64()).ToArray()))
            .ToList();
    }

    [Test]
    public void Deeplabv3_resnet50_names_and_shapes_equal_torchvision()
    {
        using var scope = torch.NewDisposeScope();
        using var model = new SegmentationNet(SegmentationNetConfig.DeepLabV3ResNet50(21));
        var ours = model.state_dict().Select(kv => (kv.Key, kv.Value.shape)).ToList();
        var theirs = TorchvisionStateDict();
        theirs.Should().HaveCount(362);
        ours.Select(e => e.Key).Should().Equal(theirs.Select(e => e.Name));
        for (var i = 0; i < ours.Count; i++)
            ours[i].shape.Should().Equal(theirs[i].Shape, "shape of {0}", ours[i].Key);
    }

    [Test]
    public void Deeplabv3_resnet50_dilates_like_torchvision()
    {
        using var scope = torch.NewDisposeScope();
        using var os8 = new SegmentationNet(SegmentationNetConfig.DeepLabV3ResNet50(21));
        os8.output_stride.Should().Be(8);
        os8.aspp.atrous_rates.Should().Equal(12, 24, 36);
        Dilations(os8, 2).Should().Equal(1, 1, 1, 1);
        Dilations(os8, 3).Should().Equal(1, 2, 2, 2, 2, 2);
        Dilations(os8, 4).Should().Equal(2, 4, 4);
        Strides(os8).Should().Equal(1, 2, 1, 1);

        using var os16 = new SegmentationNet(SegmentationNetConfig.DeepLabV3ResNet50(21, outputStride: 16));
        os16.output_stride.Should().Be(16);
        os16.aspp.atrous_rates.Should().Equal(6, 12, 18);
        Dilations(os16, 3).Should().Equal(1, 1, 1, 1, 1, 1);
        Dilations(os16, 4).Should().Equal(1, 2, 2);
        Strides(os16).Should().Equal(1, 2, 2, 1);
        os16.state_dict().Select(kv => kv.Value.shape).Should().BeEquivalentTo(
            os8.state_dict().Select(kv => kv.Value.shape), o => o.WithStrictOrdering());
    }

    private static long[] Dilations(SegmentationNet model, int stage)
    {
        var layer = model.backbone.stages[stage - 1];
        return Enumerable.Range(0, layer.Count).Select(i => ((Bottleneck)layer[i]).conv2.Dilation).ToArray();
    }

    private static long[] Strides(SegmentationNet model) =>
        model.backbone.stages.Select(s => ((Bottleneck)s[0]).conv2.Stride).ToArray();

    [TestCase(8L, "deeplabv3_narrow_os8.safetensors")]
    [TestCase(16L, "deeplabv3_narrow_os16.safetensors")]
    public void Narrow_deeplabv3_matches_torchvision_logits(long outputStride, string file)
    {
        using var scope = torch.NewDisposeScope();
        var (state, input, expected) = Fixtures.Reference(file);
        using var model = new SegmentationNet(Narrow(outputStride));
        model.load_state_dict(state);
        model.eval();
        var logits = model.forward(input);
        logits.shape.Should().Equal(2, 5, 50, 46);
        (logits - expected).abs().max().item<float>().Should().BeLessThan(1e-4f);
        expected.abs().max().item<float>().Should().BeGreaterThan(0.1f, "the reference logits are not trivial");
    }

    [TestCase(8L, 8L)]
    [TestCase(16L, 4L)]
    public void Small_configuration_gives_full_size_logits_on_64_pixel_images(long outputStride, long featureSize)
    {
        using var scope = torch.NewDisposeScope();
        using var model = new SegmentationNet(new SegmentationNetConfig { OutputStride = outputStride });
        model.eval();
        var x = torch.rand(1, 3, 64, 64);
        model.output_stride.Should().Be(outputStride);
        model.num_classes.Should().Be(11);
        model.backbone.out_channels.Should().Be(128);
        model.features(x).shape.Should().Equal(1, 128, featureSize, featureSize);
        model.coarse_logits(x).shape.Should().Equal(1, 11, featureSize, featureSize);
        model.forward(x).shape.Should().Equal(1, 11, 64, 64);
        model.forward(torch.rand(1, 3, 33, 47)).shape.Should().Equal(1, 11, 33, 47);
    }

    [Test]
    public void Train_and_eval_modes_both_run_and_differ()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(3);
        using var model = new SegmentationNet(Tiny);
        var x = torch.rand(2, 3, 32, 32);
        model.train();
        var trained = model.forward(x);
        trained.shape.Should().Equal(2, 3, 32, 32);
        ((AsppPooling)model.aspp.convs[4]).bn.num_batches_tracked.item<long>().Should().Be(1);
        model.eval();
        var evaluated = model.forward(x);
        evaluated.shape.Should().Equal(2, 3, 32, 32);
        evaluated.equal(trained).Should().BeFalse("eval uses running statistics and no dropout");
        model.forward(x).equal(evaluated).Should().BeTrue("eval mode is deterministic");
        model.forward(x.narrow(0, 0, 1)).shape.Should().Equal(new long[] { 1, 3, 32, 32 }, "eval mode takes a batch of one");
    }

    [Test]
    public void A_few_SGD_steps_on_a_tiny_batch_lower_the_loss()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(7);
        using var model = new SegmentationNet(new SegmentationNetConfig { NumClasses = 3, Widths = new long[] { 4, 8, 8, 8 }, AsppChannels = 8, Dropout = 0 });
        model.train();
        // Blocks of 8x8 pixels whose class is their brightest channel (learnable, unlike per-pixel noise).
        var x = F.interpolate(torch.rand(4, 3, 4, 4), new long[] { 32, 32 });
        var y = x.argmax(1);
        y.narrow(1, 0, 4).fill_(255);
        using var optimizer = new SGD(model.parameters(), lr: 0.05, momentum: 0.9);
        var losses = new List<float>();
        for (var step = 0; step < 10; step++)
        {
            using var inner = torch.NewDisposeScope();
            optimizer.zero_grad();
            var loss = F.cross_entropy(model.forward(x), y, ignore_index: 255);
            losses.Add(loss.item<float>());
            loss.backward();
            optimizer.step();
        }
        losses[^1].Should().BeLessThan(losses[0] * 0.8f, "losses: {0}", string.Join(", ", losses));
    }

    [Test]
    public void Ignored_pixels_do_not_contribute_to_the_loss()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(11);
        using var model = new SegmentationNet(Tiny);
        model.eval();
        var x = torch.rand(2, 3, 32, 32);
        var y = torch.randint(0, 3, new long[] { 2, 32, 32 });
        var ignored = torch.rand(2, 32, 32).lt(0.3);
        y = y.masked_fill(ignored, 255);
        var logits = model.forward(x);
        var loss = F.cross_entropy(logits, y, ignore_index: 255);

        var changed = logits.masked_fill(ignored.unsqueeze(1), 100.0);
        changed.equal(logits).Should().BeFalse();
        F.cross_entropy(changed, y, ignore_index: 255).item<float>().Should().Be(loss.item<float>());

        // Only the kept pixels count: the mean over them equals the loss.
        var perPixel = F.cross_entropy(logits, y, reduction: Reduction.None, ignore_index: 255);
        var kept = ignored.logical_not();
        (perPixel.sum().item<float>() / kept.sum().item<long>()).Should().BeApproximately(loss.item<float>(), 1e-5f);

        // Gradients do not reach the ignored pixels' logits.
        var leaf = logits.detach().requires_grad_();
        F.cross_entropy(leaf, y, ignore_index: 255).backward();
        leaf.grad!.masked_fill(kept.unsqueeze(1), 0).abs().max().item<float>().Should().Be(0);
        leaf.grad!.masked_fill(ignored.unsqueeze(1), 0).abs().max().item<float>().Should().BeGreaterThan(0);
    }

    [Test]
    public void Save_and_load_round_trip_is_exact()
    {
        using var scope = torch.NewDisposeScope();
        var folder = Path.Combine(Path.GetTempPath(), "advcam-segmentation-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var path = Path.Combine(folder, "model.safetensors");
            torch.manual_seed(1);
            using var a = new SegmentationNet(Tiny);
            using (torch.no_grad())
            {
                a.train();
                a.forward(torch.rand(2, 3, 32, 32));
            }
            a.eval();
            ModelFile.Save(path, a, Tiny.ToMetadata());

            torch.manual_seed(2);
            Dictionary<string, string>? metadata;
            using (var probe = new SegmentationNet(Tiny)) metadata = ModelFile.Load(path, probe);
            using var b = new SegmentationNet(SegmentationNetConfig.FromMetadata(metadata!));
            b.eval();
            var x = torch.rand(2, 3, 32, 32);
            b.forward(x).equal(a.forward(x)).Should().BeFalse();
            ModelFile.Load(path, b);
            b.forward(x).equal(a.forward(x)).Should().BeTrue();
            foreach (var (name, tensor) in a.state_dict())
                b.state_dict()[name].equal(tensor).Should().BeTrue(name);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Test]
    public void Configuration_round_trips_through_metadata_and_invalid_ones_are_refused()
    {
        using var scope = torch.NewDisposeScope();
        var config = SegmentationNetConfig.FromMetadata(SegmentationNetConfig.DeepLabV3ResNet50(7, 16).ToMetadata());
        config.Should().BeEquivalentTo(SegmentationNetConfig.DeepLabV3ResNet50(7, 16));
        ((Action)(() => new SegmentationNet(new SegmentationNetConfig { OutputStride = 32 }))).Should().Throw<ArgumentException>().WithMessage("*OutputStride*");
        ((Action)(() => new SegmentationNet(new SegmentationNetConfig { Widths = new long[] { 8, 16 } }))).Should().Throw<ArgumentException>().WithMessage("*Widths*");
        var bad = Tiny.ToMetadata();
        bad["SegmentationNet.Block"] = "Wide";
        ((Action)(() => SegmentationNetConfig.FromMetadata(bad))).Should().Throw<InvalidDataException>().WithMessage("*Block*");
    }

    [Test]
    public void Forward_frees_its_intermediate_tensors_and_dispose_frees_the_model()
    {
        using var scope = torch.NewDisposeScope();
        var before = Tensor.LiveCount;
        var model = new SegmentationNet(Tiny);
        var x = torch.rand(2, 3, 32, 32);
        foreach (var training in new[] { true, false })
        {
            model.train(training);
            var live = Tensor.LiveCount;
            using (model.forward(x)) Tensor.LiveCount.Should().Be(live + 1);
            Tensor.LiveCount.Should().Be(live);
        }
        x.Dispose();
        model.Dispose();
        Tensor.LiveCount.Should().Be(before);
    }
}
