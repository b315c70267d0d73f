using AdvCam.Core.Data;
using AdvCam.Core.Data.Loading;

namespace AdvCam.Core.Tests.Data.Loading;

public class SourceAdapterTests
{
    [Test]
    public void Fashion_mnist_gives_single_labels_and_the_split_images()
    {
        using var scope = torch.NewDisposeScope();
        var data = FashionMnistFiles.Test;
        var source = new FashionMnistSource(data);
        source.Count.Should().Be(data.Count);
        int[] indices = [5, 0, 9999];
        var batch = source.GetBatch(indices);
        batch.Images.shape.Should().Equal(3, 1, 28, 28);
        batch.Images.dtype.Should().Be(ScalarType.Float32);
        batch.Targets.dtype.Should().Be(ScalarType.Int64);
        batch.Targets.ToArray<long>().Should().Equal(indices.Select(i => (long)data.Label(i)));
        batch.Images.equal(data.ImageBatch(indices)).Should().BeTrue();
        batch.Masks.Should().BeNull();
        batch.Indices.Should().Equal(indices);
    }

    [Test]
    public void Fashion_scenes_give_multi_hot_labels_and_masks_for_any_index_list()
    {
        using var scope = torch.NewDisposeScope();
        var scenes = new FashionScenes(FashionMnistFiles.Test, seed: 1, count: 20);
        var source = new FashionScenesSource(scenes);
        source.Count.Should().Be(20);
        int[] scattered = [7, 2, 19];
        var batch = source.GetBatch(scattered);
        batch.Images.shape.Should().Equal(3, 3, 64, 64);
        batch.Targets.shape.Should().Equal(3, 10);
        batch.Targets.dtype.Should().Be(ScalarType.Float32);
        batch.Masks!.shape.Should().Equal(3, 64, 64);
        batch.Masks!.dtype.Should().Be(ScalarType.Int64);
        for (var b = 0; b < scattered.Length; b++)
        {
            var one = scenes.Generate(scattered[b]);
            batch.Images.narrow(0, b, 1).equal(one.Images).Should().BeTrue();
            batch.Masks!.narrow(0, b, 1).equal(one.Masks).Should().BeTrue();
            batch.Targets.narrow(0, b, 1).equal(one.Labels).Should().BeTrue();
        }
        var run = source.GetBatch([4, 5, 6]);
        run.Images.equal(scenes.GenerateBatch(4, 3).Images).Should().BeTrue();
    }

    [Test]
    public void Loading_fashion_scenes_with_augmentation_and_two_workers_frees_everything()
    {
        var before = FashionMnistFiles.SettledLiveCount();
        var scenes = new FashionScenes(FashionMnistFiles.Test, seed: 1, count: 48);
        var transform = new Compose(new ScaleJitter(0.75, 1.25), new RandomCrop(4), new RandomHorizontalFlip(),
            new Normalize([0.5f, 0.5f, 0.5f], [0.25f, 0.25f, 0.25f]));
        var loader = new DataLoader(new FashionScenesSource(scenes), batchSize: 16, shuffle: true, seed: 2, transform: transform, workers: 2);
        var seen = new List<int>();
        foreach (var batch in loader.Epoch(0))
        {
            using (batch)
            {
                batch.Images.shape.Should().Equal(16, 3, 64, 64);
                batch.Masks!.shape.Should().Equal(16, 64, 64);
                var mask = batch.Masks!.ToArray<long>();
                mask.Should().OnlyContain(v => (v >= 0 && v <= 10) || v == Batch.IgnoreIndex);
                seen.AddRange(batch.Indices);
            }
        }
        seen.Should().BeEquivalentTo(Enumerable.Range(0, 48));
        FashionMnistFiles.SettledLiveCount().Should().Be(before);
    }

    [Test]
    public void Throughput_sanity_check_prints_a_rate_and_asserts_no_timing()
    {
        var transform = new Compose(new RandomCrop(2), new RandomHorizontalFlip(), new Normalize([0.286f], [0.353f]));
        var loader = new DataLoader(new FashionMnistSource(FashionMnistFiles.Test), batchSize: 256, shuffle: true, seed: 0,
            transform: transform, workers: 2, dropLast: true);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var items = 0;
        foreach (var batch in loader.Epoch(0))
        {
            using (batch) items += batch.Count;
        }
        clock.Stop();
        items.Should().Be(loader.BatchCount * 256);
        TestContext.Out.WriteLine($"{items} Fashion-MNIST items with crop+flip+normalise in {clock.Elapsed.TotalMilliseconds:F0} ms " +
                                  $"({items / clock.Elapsed.TotalSeconds:F0} items/s, 2 workers)");
    }
}
