using AdvCam.Core.Data.Loading;

namespace AdvCam.Core.Tests.Data.Loading;

public class DataLoaderTests
{
    private static List<int[]> IndicesOf(DataLoader loader, int epoch)
    {
        var result = new List<int[]>();
        foreach (var batch in loader.Epoch(epoch))
        {
            using (batch)
            {
                batch.Indices.Count.Should().Be(batch.Count);
                // The pixels are those of the listed items.
                for (var b = 0; b < batch.Count; b++) IndexSource.IndexOf(batch.Images, b).Should().Be(batch.Indices[b]);
                batch.Targets.ToArray<long>().Select(v => (int)v).Should().Equal(batch.Indices);
                result.Add([.. batch.Indices]);
            }
        }
        return result;
    }

    [TestCase(false, 0)]
    [TestCase(true, 0)]
    [TestCase(true, 2)]
    public void Without_drop_last_every_index_comes_exactly_once_and_the_last_batch_is_short(bool shuffle, int workers)
    {
        var loader = new DataLoader(new IndexSource(10), batchSize: 3, shuffle: shuffle, seed: 5, workers: workers);
        loader.BatchCount.Should().Be(4);
        var batches = IndicesOf(loader, 0);
        batches.Select(b => b.Length).Should().Equal(3, 3, 3, 1);
        batches.SelectMany(b => b).Should().BeEquivalentTo(Enumerable.Range(0, 10));
        if (!shuffle) batches.SelectMany(b => b).Should().Equal(Enumerable.Range(0, 10));
    }

    [TestCase(0)]
    [TestCase(2)]
    public void With_drop_last_only_full_batches_come_and_no_index_repeats(int workers)
    {
        var loader = new DataLoader(new IndexSource(10), batchSize: 3, shuffle: true, seed: 5, dropLast: true, workers: workers);
        loader.BatchCount.Should().Be(3);
        var batches = IndicesOf(loader, 1);
        batches.Select(b => b.Length).Should().Equal(3, 3, 3);
        var seen = batches.SelectMany(b => b).ToArray();
        seen.Should().OnlyHaveUniqueItems();
        seen.Should().BeEquivalentTo(loader.Order(1).Take(9));
        // Every index of the epoch's order except the dropped tail.
        seen.Should().NotContain(loader.Order(1)[9]);
    }

    [Test]
    public void An_exact_multiple_of_the_batch_size_has_no_short_batch()
    {
        var loader = new DataLoader(new IndexSource(12), batchSize: 4, dropLast: false, workers: 0);
        IndicesOf(loader, 0).Select(b => b.Length).Should().Equal(4, 4, 4);
        new DataLoader(new IndexSource(12), batchSize: 4, dropLast: true).BatchCount.Should().Be(3);
    }

    [Test]
    public void Same_seed_and_epoch_give_the_same_order_and_other_epochs_or_seeds_another()
    {
        DataLoader Make(int seed) => new(new IndexSource(50), batchSize: 8, shuffle: true, seed: seed, workers: 1);
        Make(3).Order(4).Should().Equal(Make(3).Order(4));
        IndicesOf(Make(3), 4).SelectMany(b => b).Should().Equal(Make(3).Order(4));
        Make(3).Order(5).Should().NotEqual(Make(3).Order(4));
        Make(4).Order(4).Should().NotEqual(Make(3).Order(4));
        Make(3).Order(4).Should().BeEquivalentTo(Enumerable.Range(0, 50));
    }

    [Test]
    public void The_shuffle_is_torch_randperm_with_the_documented_seed_and_is_pinned()
    {
        var loader = new DataLoader(new IndexSource(10), batchSize: 4, shuffle: true, seed: 0);
        using (var g = new Generator(LoaderSeeds.Shuffle(0, 0)))
        using (var scope = torch.NewDisposeScope())
            loader.Order(0).Should().Equal(torch.randperm(10, g).ToArray<long>().Select(v => (int)v));
        // Pinned so that a change of libtorch or of the seed derivation is noticed.
        loader.Order(0).Should().Equal(PinnedOrder);
    }

    private static readonly int[] PinnedOrder = [6, 3, 4, 7, 0, 2, 5, 8, 1, 9];

    [Test]
    public void Seeds_are_pure_functions_of_their_arguments_and_differ_by_stream()
    {
        LoaderSeeds.Shuffle(1, 2).Should().Be(LoaderSeeds.Shuffle(1, 2));
        LoaderSeeds.Batch(1, 2, 3).Should().Be(LoaderSeeds.Batch(1, 2, 3));
        var all = new[]
        {
            LoaderSeeds.Shuffle(1, 2), LoaderSeeds.Shuffle(1, 3), LoaderSeeds.Shuffle(2, 2),
            LoaderSeeds.Batch(1, 2, 0), LoaderSeeds.Batch(1, 2, 1), LoaderSeeds.Batch(1, 3, 0),
        };
        all.Should().OnlyHaveUniqueItems();
    }

    [Test]
    public void Bad_arguments_are_rejected()
    {
        var source = new IndexSource(4);
        FluentActions.Invoking(() => new DataLoader(null!, 2)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => new DataLoader(source, 0)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => new DataLoader(source, 2, workers: -1)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => new DataLoader(source, 2, prefetch: 0)).Should().Throw<ArgumentOutOfRangeException>();
    }

    [TestCase(0)]
    [TestCase(1)]
    public void An_empty_epoch_yields_nothing(int workers)
    {
        var before = FashionMnistFiles.SettledLiveCount();
        new DataLoader(new IndexSource(3), batchSize: 4, dropLast: true, workers: workers).Epoch(0).Should().BeEmpty();
        new DataLoader(new IndexSource(0), batchSize: 4, workers: workers).Epoch(0).Should().BeEmpty();
        FashionMnistFiles.SettledLiveCount().Should().Be(before);
    }
}
