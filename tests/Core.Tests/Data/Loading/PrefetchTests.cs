using AdvCam.Core.Data.Loading;

namespace AdvCam.Core.Tests.Data.Loading;

public class PrefetchTests
{
    private static readonly IBatchTransform Augment = new Compose(
        new ScaleJitter(0.75, 1.5), new RandomCrop(1), new RandomHorizontalFlip(), new Normalize([0.5f, 0.5f, 0.5f], [2f, 2f, 2f]));

    private static DataLoader Loader(int workers, IBatchSource? source = null, int prefetch = 2) =>
        new(source ?? new IndexSource(37), batchSize: 5, shuffle: true, seed: 11, transform: Augment, workers: workers, prefetch: prefetch);

    /// <summary>Every batch of an epoch as managed arrays (indices, images, targets, masks).</summary>
    private static List<(int[] Indices, float[] Images, long[] Targets, long[] Masks)> Contents(DataLoader loader, int epoch)
    {
        var result = new List<(int[], float[], long[], long[])>();
        foreach (var batch in loader.Epoch(epoch))
        {
            using (batch)
                result.Add(([.. batch.Indices], batch.Images.ToArray<float>(), batch.Targets.ToArray<long>(), batch.Masks!.ToArray<long>()));
        }
        return result;
    }

    private static void ShouldBeIdentical(
        List<(int[] Indices, float[] Images, long[] Targets, long[] Masks)> a,
        List<(int[] Indices, float[] Images, long[] Targets, long[] Masks)> b)
    {
        a.Should().HaveSameCount(b);
        for (var k = 0; k < a.Count; k++)
        {
            a[k].Indices.Should().Equal(b[k].Indices, $"batch {k}");
            a[k].Images.Should().Equal(b[k].Images, $"batch {k}");
            a[k].Targets.Should().Equal(b[k].Targets, $"batch {k}");
            a[k].Masks.Should().Equal(b[k].Masks, $"batch {k}");
        }
    }

    [Test]
    public void Zero_one_two_and_four_workers_give_the_identical_sequence_with_augmentation()
    {
        var reference = Contents(Loader(0), 2);
        reference.Should().HaveCount(8);
        ShouldBeIdentical(Contents(Loader(1), 2), reference);
        ShouldBeIdentical(Contents(Loader(2), 2), reference);
        ShouldBeIdentical(Contents(Loader(4, prefetch: 1), 2), reference);
    }

    [Test]
    public void Same_seed_and_epoch_give_the_same_augmented_pixels_and_another_epoch_other_pixels()
    {
        ShouldBeIdentical(Contents(Loader(2), 3), Contents(Loader(2), 3));
        var other = Contents(Loader(2), 4);
        other.Select(b => b.Indices).SelectMany(i => i).Should().NotEqual(Contents(Loader(2), 3).Select(b => b.Indices).SelectMany(i => i));
    }

    [Test]
    public void The_augmentation_of_a_batch_depends_only_on_seed_epoch_and_batch_number()
    {
        // Unshuffled, so batch 1 holds the same items in two epochs; only the generator's seed differs.
        var loader = new DataLoader(new IndexSource(10), batchSize: 5, transform: Augment, workers: 1);
        var e0 = Contents(loader, 0);
        var e1 = Contents(loader, 1);
        e0[1].Indices.Should().Equal(e1[1].Indices);
        e0[1].Images.Should().NotEqual(e1[1].Images);
        using var scope = torch.NewDisposeScope();
        using var g = new Generator(LoaderSeeds.Batch(0, 1, 1));
        var expected = Augment.Apply(new IndexSource(10).GetBatch([5, 6, 7, 8, 9]), g);
        e1[1].Images.Should().Equal(expected.Images.ToArray<float>());
        e1[1].Masks.Should().Equal(expected.Masks!.ToArray<long>());
    }

    [TestCase(0)]
    [TestCase(1)]
    [TestCase(3)]
    public void A_failing_batch_surfaces_on_the_consumer_with_its_message_and_range_and_frees_everything(int workers)
    {
        var before = FashionMnistFiles.SettledLiveCount();
        var source = new IndexSource(40, throwOn: 23);
        var loader = new DataLoader(source, batchSize: 4, transform: Augment, workers: workers, prefetch: 3);
        var yielded = new List<int>();
        var act = () =>
        {
            foreach (var batch in loader.Epoch(7))
            {
                using (batch) yielded.Add(batch.Indices[0]);
            }
        };
        var error = act.Should().Throw<DataLoaderException>().Which;
        error.Message.Should().Contain($"{IndexSource.FailureMessage} 23")
            .And.Contain("batch 5 of epoch 7")
            .And.Contain("positions 20..23")
            .And.Contain("[20, 21, 22, 23]");
        error.InnerException.Should().BeOfType<InvalidOperationException>().Which.Message.Should().Be($"{IndexSource.FailureMessage} 23");
        (error.Epoch, error.BatchNumber, error.Start).Should().Be((7, 5, 20));
        error.Indices.Should().Equal(20, 21, 22, 23);
        yielded.Should().Equal(0, 4, 8, 12, 16); // every batch before the failing one, in order
        FashionMnistFiles.SettledLiveCount().Should().Be(before);
    }

    [TestCase(0)]
    [TestCase(1)]
    [TestCase(2)]
    public void Breaking_out_early_stops_the_workers_and_frees_every_queued_batch(int workers)
    {
        var before = FashionMnistFiles.SettledLiveCount();
        var source = new IndexSource(200);
        var loader = new DataLoader(source, batchSize: 4, transform: Augment, workers: workers, prefetch: 3);
        var taken = 0;
        foreach (var batch in loader.Epoch(0))
        {
            using (batch)
            {
                if (++taken == 3) break;
            }
        }
        // Disposal joined the workers: no batch is built afterwards, and none is left alive.
        var calls = source.Calls;
        calls.Should().BeLessThanOrEqualTo(3 + 3);
        Tensor.LiveCount.Should().Be(before, "disposing the enumerator frees queued batches without waiting for GC");
        Thread.Sleep(50);
        source.Calls.Should().Be(calls);
        FashionMnistFiles.SettledLiveCount().Should().Be(before);
    }

    [Test]
    public void Workers_stay_within_the_prefetch_depth_of_a_slow_consumer()
    {
        var source = new IndexSource(100);
        var loader = new DataLoader(source, batchSize: 2, workers: 2, prefetch: 3);
        using var e = loader.Epoch(0).GetEnumerator();
        e.MoveNext().Should().BeTrue();
        e.Current.Dispose();
        Thread.Sleep(100);
        // Batch 0 taken; batches 1..3 may be built; never more, however long the consumer waits.
        source.Calls.Should().BeLessThanOrEqualTo(1 + 3);
    }

    [TestCase(0)]
    [TestCase(2)]
    public void Yielded_batches_belong_to_the_caller_and_to_no_scope(int workers)
    {
        var before = FashionMnistFiles.SettledLiveCount();
        var loader = new DataLoader(new IndexSource(12), batchSize: 4, transform: Augment, workers: workers);
        var kept = new List<Batch>();
        using (var scope = torch.NewDisposeScope())
        {
            foreach (var batch in loader.Epoch(0)) kept.Add(batch);
            scope.Count.Should().Be(0);
        }
        kept.Should().HaveCount(3);
        kept.Should().OnlyContain(b => !b.Images.IsDisposed && !b.Targets.IsDisposed && !b.Masks!.IsDisposed);
        foreach (var b in kept) b.Dispose();
        Tensor.LiveCount.Should().Be(before);
    }

    [Test]
    public void Batches_dropped_undisposed_are_freed_after_garbage_collection()
    {
        var before = FashionMnistFiles.SettledLiveCount();
        DropAll(new DataLoader(new IndexSource(12), batchSize: 4, workers: 2));
        FashionMnistFiles.SettledLiveCount().Should().Be(before);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static void DropAll(DataLoader loader)
    {
        foreach (var batch in loader.Epoch(0)) batch.Count.Should().BeGreaterThan(0);
    }

    [Test]
    public void Two_epochs_may_be_enumerated_at_once()
    {
        var loader = Loader(2);
        var reference = Contents(loader, 0);
        using var a = loader.Epoch(0).GetEnumerator();
        using var b = loader.Epoch(0).GetEnumerator();
        for (var k = 0; k < reference.Count; k++)
        {
            a.MoveNext().Should().BeTrue();
            b.MoveNext().Should().BeTrue();
            using (a.Current)
            using (b.Current)
            {
                a.Current.Images.ToArray<float>().Should().Equal(reference[k].Images);
                b.Current.Images.ToArray<float>().Should().Equal(reference[k].Images);
            }
        }
        a.MoveNext().Should().BeFalse();
        b.MoveNext().Should().BeFalse();
    }
}
