using System.Runtime.InteropServices;
using System.Security.Cryptography;
using AdvCam.Core.Data;

namespace AdvCam.Core.Tests.Data;

public class FashionScenesTests
{
    /// <summary>SHA-256 of scenes 0..3 of seed 0 (train split): image, then mask, then label bytes of the batch.</summary>
    private const string PinnedSha256 = "2f4872c19a70418744669b8f7495d87722e1ee94251fecefc0e218b4e5524598";

    private static FashionScenes TrainScenes(int seed = 0, int count = 100) => new(FashionMnistFiles.Train, seed, count);

    private static string Sha256(FashionSceneBatch batch)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(MemoryMarshal.AsBytes(batch.Images.ToArray<float>().AsSpan()));
        hash.AppendData(MemoryMarshal.AsBytes(batch.Masks.ToArray<long>().AsSpan()));
        hash.AppendData(MemoryMarshal.AsBytes(batch.Labels.ToArray<float>().AsSpan()));
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    [Test]
    public void The_first_four_scenes_of_seed_0_are_pinned()
    {
        using var scope = torch.NewDisposeScope();
        var batch = TrainScenes().GenerateBatch(0, 4);
        Sha256(batch).Should().Be(PinnedSha256);
    }

    [Test]
    public void Shapes_and_types()
    {
        using var scope = torch.NewDisposeScope();
        var batch = TrainScenes().GenerateBatch(3, 5);
        batch.Count.Should().Be(5);
        batch.Images.shape.Should().Equal(5, 3, 64, 64);
        batch.Images.dtype.Should().Be(ScalarType.Float32);
        batch.Masks.shape.Should().Equal(5, 64, 64);
        batch.Masks.dtype.Should().Be(ScalarType.Int64);
        batch.Labels.shape.Should().Equal(5, 10);
        batch.Labels.dtype.Should().Be(ScalarType.Float32);
    }

    [Test]
    public void The_same_seed_and_index_give_identical_bytes()
    {
        using var scope = torch.NewDisposeScope();
        var a = TrainScenes().Generate(7);
        var b = TrainScenes().Generate(7);
        a.Images.equal(b.Images).Should().BeTrue();
        a.Masks.equal(b.Masks).Should().BeTrue();
        a.Labels.equal(b.Labels).Should().BeTrue();
        Sha256(a).Should().Be(Sha256(b));
    }

    [Test]
    public void A_batch_equals_its_scenes_generated_one_by_one()
    {
        using var scope = torch.NewDisposeScope();
        var scenes = TrainScenes();
        var batch = scenes.GenerateBatch(10, 4);
        var later = scenes.GenerateBatch(12, 3);
        for (var b = 0; b < 4; b++)
        {
            var one = scenes.Generate(10 + b);
            batch.Images.narrow(0, b, 1).equal(one.Images).Should().BeTrue();
            batch.Masks.narrow(0, b, 1).equal(one.Masks).Should().BeTrue();
            batch.Labels.narrow(0, b, 1).equal(one.Labels).Should().BeTrue();
        }
        // A scene does not depend on where its batch starts or on the set's size.
        batch.Images.narrow(0, 2, 2).equal(later.Images.narrow(0, 0, 2)).Should().BeTrue();
        TrainScenes(count: 13).Generate(12).Masks.equal(batch.Masks.narrow(0, 2, 1)).Should().BeTrue();
    }

    [Test]
    public void Different_seeds_give_different_scenes()
    {
        using var scope = torch.NewDisposeScope();
        var zero = TrainScenes(seed: 0).GenerateBatch(0, 3);
        var two = TrainScenes(seed: 2).GenerateBatch(0, 3);
        zero.Images.equal(two.Images).Should().BeFalse();
        for (var b = 0; b < 3; b++) zero.Images.select(0, b).equal(two.Images.select(0, b)).Should().BeFalse();
        zero.Images.select(0, 0).equal(zero.Images.select(0, 1)).Should().BeFalse();
    }

    [Test]
    public void The_standard_sets_have_distinct_scene_seeds()
    {
        using var scope = torch.NewDisposeScope();
        var seeds = Enumerable.Range(0, FashionScenes.StandardTrainCount).Select(i => FashionScenes.SceneSeed(0, i))
            .Concat(Enumerable.Range(0, FashionScenes.StandardTestCount).Select(i => FashionScenes.SceneSeed(1, i)));
        seeds.Distinct().Count().Should().Be(11000);
        var train = FashionScenes.Standard(FashionMnistFiles.Train);
        (train.Seed, train.Count).Should().Be((0, 10000));
        var test = FashionScenes.Standard(FashionMnistFiles.Test);
        (test.Seed, test.Count, test.Source.Split).Should().Be((1, 1000, FashionMnistSplit.Test));
    }

    [Test]
    public void Test_scenes_take_their_items_from_the_test_split()
    {
        using var scope = torch.NewDisposeScope();
        var test = FashionScenes.Standard(FashionMnistFiles.Test);
        var objects = Enumerable.Range(0, 50).SelectMany(test.Describe).ToList();
        objects.Should().OnlyContain(o => o.Item < 10000 && FashionMnistFiles.Test.Label(o.Item) == o.Label);
        using var batch = test.GenerateBatch(998, 2);
        batch.Count.Should().Be(2);
    }

    [Test]
    public void Scenes_follow_the_specification()
    {
        using var scope = torch.NewDisposeScope();
        var scenes = TrainScenes();
        const int n = 50;
        var batch = scenes.GenerateBatch(0, n);
        var images = batch.Images.ToArray<float>();
        var masks = batch.Masks.ToArray<long>();
        var labels = batch.Labels.ToArray<float>();

        images.Should().OnlyContain(v => v >= 0f && v <= 1f);
        masks.Should().OnlyContain(v => v >= 0 && v <= 10);
        labels.Should().OnlyContain(v => v == 0f || v == 1f);
        var objectCounts = new int[4];
        for (var s = 0; s < n; s++)
        {
            var objects = scenes.Describe(s);
            objects.Count.Should().BeInRange(1, 3);
            objectCounts[objects.Count]++;
            objects.Select(o => o.Label).Should().OnlyHaveUniqueItems();
            foreach (var o in objects)
            {
                o.Size.Should().BeInRange(28, 44);
                o.Top.Should().BeInRange(0, 64 - o.Size);
                o.Left.Should().BeInRange(0, 64 - o.Size);
                FashionMnistFiles.Train.Label(o.Item).Should().Be(o.Label);
                new[] { o.Red, o.Green, o.Blue }.Should().OnlyContain(c => c >= 0f && c <= 1f);
            }

            var counts = new int[11];
            for (var p = 0; p < 64 * 64; p++)
            {
                var v = (int)masks[s * 4096 + p];
                counts[v]++;
                if (v == 0) continue;
                // Every labelled pixel lies inside the window of the item of that class.
                var o = objects.Single(x => x.Label + 1 == v);
                var (y, x) = (p / 64, p % 64);
                y.Should().BeInRange(o.Top, o.Top + o.Size - 1);
                x.Should().BeInRange(o.Left, o.Left + o.Size - 1);
            }
            // The topmost item is never covered, and every Fashion-MNIST item has far more than 20 mask pixels.
            counts[objects[^1].Label + 1].Should().BeGreaterThanOrEqualTo(20);
            for (var c = 0; c < 10; c++)
            {
                var present = objects.Any(o => o.Label == c);
                labels[s * 10 + c].Should().Be(counts[c + 1] >= 20 ? 1f : 0f, $"scene {s} class {c}");
                if (!present) counts[c + 1].Should().Be(0);
            }
        }
        objectCounts.Skip(1).Should().OnlyContain(k => k > 5, "K is uniform in {1, 2, 3}");
    }

    [Test]
    public void The_background_is_a_smooth_field_in_0_2_to_0_8_plus_noise_of_sigma_0_03()
    {
        using var scope = torch.NewDisposeScope();
        var scenes = TrainScenes();
        const int n = 20;
        var images = scenes.GenerateBatch(0, n).Images.ToArray<float>();
        var differences = new List<double>();
        var values = new List<double>();
        for (var s = 0; s < n; s++)
        {
            var objects = scenes.Describe(s);
            bool Background(int y, int x) => !objects.Any(o => y >= o.Top && y < o.Top + o.Size && x >= o.Left && x < o.Left + o.Size);
            for (var c = 0; c < 3; c++)
            for (var y = 0; y < 64; y++)
            for (var x = 0; x < 64; x++)
            {
                if (!Background(y, x)) continue;
                var v = images[((s * 3 + c) * 64 + y) * 64 + x];
                values.Add(v);
                if (x < 63 && Background(y, x + 1)) differences.Add(images[((s * 3 + c) * 64 + y) * 64 + x + 1] - v);
            }
        }
        values.Should().OnlyContain(v => v >= 0.2 - 6 * 0.03 && v <= 0.8 + 6 * 0.03);
        values.Average().Should().BeInRange(0.4, 0.6);
        // Neighbours differ by the noise (std sqrt(2) * 0.03 = 0.042) plus a slope of at most 0.6 / 16 per pixel.
        var mean = differences.Average();
        var std = Math.Sqrt(differences.Sum(d => (d - mean) * (d - mean)) / differences.Count);
        std.Should().BeInRange(0.038, 0.05);
        differences.Count.Should().BeGreaterThan(10000);
    }

    [Test]
    public void The_topmost_item_matches_a_bilinear_resize_of_its_Fashion_MNIST_image()
    {
        using var scope = torch.NewDisposeScope();
        var scenes = TrainScenes();
        const int n = 10;
        var batch = scenes.GenerateBatch(0, n);
        var images = batch.Images.ToArray<float>();
        var masks = batch.Masks.ToArray<long>();
        var inMask = 0;
        for (var s = 0; s < n; s++)
        {
            var top = scenes.Describe(s)[^1];
            var item = FashionMnistFiles.Train.Image(top.Item);
            var colour = new[] { top.Red, top.Green, top.Blue };
            // Bilinear resize, align_corners=false: source = (dst + 0.5) * 28 / S - 0.5, clamped at 0.
            (int I0, int I1, double L) Source(int d)
            {
                var src = Math.Max(0, (d + 0.5) * 28 / top.Size - 0.5);
                var i0 = (int)src;
                return (i0, Math.Min(i0 + 1, 27), src - i0);
            }
            for (var y = 0; y < top.Size; y++)
            for (var x = 0; x < top.Size; x++)
            {
                var (y0, y1, ly) = Source(y);
                var (x0, x1, lx) = Source(x);
                var alpha = ((1 - ly) * ((1 - lx) * item[y0 * 28 + x0] + lx * item[y0 * 28 + x1])
                             + ly * ((1 - lx) * item[y1 * 28 + x0] + lx * item[y1 * 28 + x1])) / 255;
                var p = (top.Top + y) * 64 + top.Left + x;
                // pixel = (1 - a) * below + a * colour, with below in [0, 1]: |pixel - colour| <= 1 - a.
                for (var c = 0; c < 3; c++)
                    Math.Abs((double)images[(s * 3 + c) * 4096 + p] - colour[c]).Should().BeLessThanOrEqualTo(1 - alpha + 1e-4);
                if (alpha >= 0.1 + 1e-4)
                {
                    masks[s * 4096 + p].Should().Be(top.Label + 1);
                    inMask++;
                }
                else if (alpha < 0.1 - 1e-4)
                {
                    masks[s * 4096 + p].Should().NotBe(top.Label + 1);
                }
            }
        }
        inMask.Should().BeGreaterThan(n * 100);
    }

    [Test]
    public void Generation_frees_every_intermediate_tensor()
    {
        var scenes = TrainScenes();
        var before = FashionMnistFiles.SettledLiveCount();
        using (var scope = torch.NewDisposeScope())
        {
            var batch = scenes.GenerateBatch(0, 8);
            scenes.Describe(3);
            Tensor.LiveCount.Should().Be(before + 3, "only the three batch tensors are alive");
            batch.Dispose();
            Tensor.LiveCount.Should().Be(before);
            scenes.Generate(5);
        }
        Tensor.LiveCount.Should().Be(before);
        // Outside any scope, the caller owns the batch and disposes it.
        var unowned = scenes.Generate(1);
        Tensor.LiveCount.Should().Be(before + 3);
        unowned.Dispose();
        Tensor.LiveCount.Should().Be(before);
    }

    [Test]
    public void Out_of_range_scenes_are_refused()
    {
        using var scope = torch.NewDisposeScope();
        var scenes = TrainScenes(count: 10);
        FluentActions.Invoking(() => scenes.Generate(10)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => scenes.GenerateBatch(8, 3)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => scenes.GenerateBatch(-1, 1)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => scenes.Describe(-1)).Should().Throw<ArgumentOutOfRangeException>();
        scenes.GenerateBatch(10, 0).Count.Should().Be(0);
    }
}
