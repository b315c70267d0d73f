using AdvCam.Core.Data;
using AdvCam.Core.Data.Loading;

namespace AdvCam.Core.Tests.Data.Loading;

/// <summary>Fresh FashionScenes every epoch: epoch 0 is the fixed set, later epochs continue its scene stream.</summary>
public class FreshScenesSourceTests
{
    [Test]
    public void Epoch_zero_is_the_fixed_set_and_epoch_e_continues_the_stream()
    {
        using var scope = torch.NewDisposeScope();
        var fresh = new FreshScenesSource(FashionMnistFiles.Test, seed: 1, countPerEpoch: 6);
        var stream = new FashionScenes(FashionMnistFiles.Test, seed: 1, count: 30);
        int[] indices = [4, 0, 5];
        var epoch0 = fresh.GetBatch(indices);
        var fixedSet = new FashionScenesSource(new FashionScenes(FashionMnistFiles.Test, seed: 1, count: 6)).GetBatch(indices);
        epoch0.Images.equal(fixedSet.Images).Should().BeTrue();
        epoch0.Indices.Should().Equal(indices);
        var epoch3 = fresh.GetBatch(3, indices);
        for (var k = 0; k < indices.Length; k++)
        {
            var expected = stream.Generate(3 * 6 + indices[k]);
            epoch3.Images.narrow(0, k, 1).equal(expected.Images).Should().BeTrue($"item {indices[k]} of epoch 3 is scene {18 + indices[k]}");
            epoch3.Targets.narrow(0, k, 1).equal(expected.Labels).Should().BeTrue();
        }
        epoch3.Images.equal(epoch0.Images).Should().BeFalse("a later epoch has new scenes");
    }

    [Test]
    public void The_loader_asks_for_each_epochs_scenes()
    {
        var fresh = new FreshScenesSource(FashionMnistFiles.Test, seed: 1, countPerEpoch: 4);
        var loader = new DataLoader(fresh, batchSize: 4);
        using var first = loader.Epoch(0).Single();
        using var second = loader.Epoch(1).Single();
        using var expected = fresh.GetBatch(1, [0, 1, 2, 3]);
        second.Images.equal(expected.Images).Should().BeTrue();
        second.Images.equal(first.Images).Should().BeFalse();
    }

    [Test]
    public void Bad_indices_and_epochs_are_refused()
    {
        var fresh = new FreshScenesSource(FashionMnistFiles.Test, seed: 1, countPerEpoch: 4);
        var outside = () => fresh.GetBatch(0, [4]);
        outside.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*index 4 is outside 0 .. 3*");
        var negative = () => fresh.GetBatch(-1, [0]);
        negative.Should().Throw<ArgumentOutOfRangeException>();
        var pastEnd = () => fresh.GetBatch(int.MaxValue / 4 + 1, [0]);
        pastEnd.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*past the scene stream's end*");
    }
}
