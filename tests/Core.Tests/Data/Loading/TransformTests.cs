using AdvCam.Core.Data.Loading;
using AdvCam.Torch.Nn;

namespace AdvCam.Core.Tests.Data.Loading;

public class TransformTests
{
    /// <summary>One item: image [1, 1, 2, 3] = [[1, 2, 3], [4, 5, 6]], mask [1, 2, 3] = [[0, 1, 2], [3, 4, 5]], label 7.</summary>
    private static Batch Tiny() => new(
        torch.tensor(new float[] { 1, 2, 3, 4, 5, 6 }, [1, 1, 2, 3]),
        torch.tensor(new long[] { 7 }),
        torch.tensor(new long[] { 0, 1, 2, 3, 4, 5 }, [1, 2, 3]),
        [0]);

    [Test]
    public void Flip_mirrors_the_image_and_its_mask_and_keeps_the_label()
    {
        using var scope = torch.NewDisposeScope();
        var flipped = RandomHorizontalFlip.Flip(Tiny(), [true]);
        flipped.Images.ToArray<float>().Should().Equal(3, 2, 1, 6, 5, 4);
        flipped.Images.shape.Should().Equal(1, 1, 2, 3);
        flipped.Masks!.ToArray<long>().Should().Equal(2, 1, 0, 5, 4, 3);
        flipped.Targets.ToArray<long>().Should().Equal(7);
        RandomHorizontalFlip.Flip(Tiny(), [false]).Images.ToArray<float>().Should().Equal(1, 2, 3, 4, 5, 6);
    }

    [Test]
    public void Flip_flips_spatial_targets_too()
    {
        using var scope = torch.NewDisposeScope();
        var batch = new Batch(torch.zeros(1, 1, 2, 3), torch.tensor(new long[] { 0, 1, 2, 3, 4, 5 }, [1, 2, 3]));
        batch.TargetsAreSpatial.Should().BeTrue();
        RandomHorizontalFlip.Flip(batch, [true]).Targets.ToArray<long>().Should().Equal(2, 1, 0, 5, 4, 3);
    }

    [Test]
    public void Flip_draws_one_uniform_per_item_and_flips_below_the_probability()
    {
        using var scope = torch.NewDisposeScope();
        var source = new IndexSource(16);
        var batch = source.GetBatch(Enumerable.Range(0, 16).ToArray());
        using var g = new Generator(42);
        var flipped = new RandomHorizontalFlip(0.5).Apply(batch, g);
        using var g2 = new Generator(42);
        var u = torch.rand([16], g2).ToArray<float>();
        u.Should().Contain(v => v < 0.5f).And.Contain(v => v >= 0.5f);
        for (var b = 0; b < 16; b++)
        {
            var expected = u[b] < 0.5f ? batch.Images.select(0, b).flip(2) : batch.Images.select(0, b);
            flipped.Images.select(0, b).equal(expected).Should().BeTrue($"item {b} (u = {u[b]})");
        }
    }

    [Test]
    public void Crop_with_zero_padding_at_a_known_offset()
    {
        using var scope = torch.NewDisposeScope();
        // Padded by 1: rows [0 0 0 0 0], [0 1 2 3 0], [0 4 5 6 0], [0 0 0 0 0].
        var crop = new RandomCrop(1);
        var atTopRight = crop.CropAt(Tiny(), [(0, 2)]);
        atTopRight.Images.ToArray<float>().Should().Equal(0, 0, 0, 2, 3, 0);
        atTopRight.Masks!.ToArray<long>().Should().Equal(255, 255, 255, 1, 2, 255);
        atTopRight.Targets.ToArray<long>().Should().Equal(7);
        crop.CropAt(Tiny(), [(1, 1)]).Images.ToArray<float>().Should().Equal(1, 2, 3, 4, 5, 6);
        crop.CropAt(Tiny(), [(2, 0)]).Images.ToArray<float>().Should().Equal(0, 4, 5, 0, 0, 0);
    }

    [Test]
    public void Crop_with_reflect_padding_mirrors_image_and_mask()
    {
        using var scope = torch.NewDisposeScope();
        // Reflect-padded by 1: rows [5 4 5 6 5], [2 1 2 3 2], [5 4 5 6 5], [2 1 2 3 2].
        var crop = new RandomCrop(1, PaddingMode.Reflect);
        var result = crop.CropAt(Tiny(), [(0, 0)]);
        result.Images.ToArray<float>().Should().Equal(5, 4, 5, 2, 1, 2);
        result.Masks!.ToArray<long>().Should().Equal(4, 3, 4, 1, 0, 1);
        result.Masks!.dtype.Should().Be(ScalarType.Int64);
    }

    [Test]
    public void Random_crop_draws_its_offsets_with_randint()
    {
        using var scope = torch.NewDisposeScope();
        var batch = new IndexSource(6).GetBatch([0, 1, 2, 3, 4, 5]);
        var crop = new RandomCrop(2);
        using var g = new Generator(9);
        var result = crop.Apply(batch, g);
        using var g2 = new Generator(9);
        var o = torch.randint(0, 5, [6, 2], g2).ToArray<long>();
        var expected = crop.CropAt(batch, Enumerable.Range(0, 6).Select(b => ((int)o[2 * b], (int)o[2 * b + 1])).ToArray());
        result.Images.equal(expected.Images).Should().BeTrue();
        result.Masks!.equal(expected.Masks!).Should().BeTrue();
        result.Images.shape.Should().Equal(6, 3, 4, 5);
    }

    [Test]
    public void Normalize_subtracts_the_mean_and_divides_by_the_std_per_channel()
    {
        using var scope = torch.NewDisposeScope();
        var batch = new Batch(torch.tensor(new float[] { 1, 3, 0.5f, 0.25f }, [1, 2, 1, 2]), torch.tensor(new long[] { 0 }));
        using var g = new Generator(0);
        var result = new Normalize([1f, 0.5f], [2f, 0.25f]).Apply(batch, g);
        // Channel 0: (1-1)/2, (3-1)/2; channel 1: (0.5-0.5)/0.25, (0.25-0.5)/0.25.
        result.Images.ToArray<float>().Should().Equal(0f, 1f, 0f, -1f);
        FluentActions.Invoking(() => new Normalize([0f], [0f])).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => new Normalize([0f, 1f], [1f])).Should().Throw<ArgumentException>();
    }

    [Test]
    public void Scale_jitter_with_factor_1_is_the_identity()
    {
        using var scope = torch.NewDisposeScope();
        var batch = new IndexSource(8).GetBatch(Enumerable.Range(0, 8).ToArray());
        using var g = new Generator(3);
        var result = new ScaleJitter(1, 1).Apply(batch, g);
        result.Images.equal(batch.Images).Should().BeTrue();
        result.Masks!.equal(batch.Masks!).Should().BeTrue();
        result.Targets.equal(batch.Targets).Should().BeTrue();
    }

    [Test]
    public void Scale_jitter_shrinking_pads_images_with_zeros_and_masks_with_the_ignore_label()
    {
        using var scope = torch.NewDisposeScope();
        // 4x4 image of ones, mask of 3s; factor 0.5 -> 2x2, placed at row offset floor(0.99 * 3) = 2, column 0.
        var batch = new Batch(torch.ones(1, 1, 4, 4), torch.tensor(new long[] { 1 }), torch.full([1, 4, 4], 3, ScalarType.Int64));
        var result = ScaleJitter.ScaleAt(batch, [(0.5, 0.99, 0.0)]);
        result.Images.ToArray<float>().Should().Equal(
            0, 0, 0, 0,
            0, 0, 0, 0,
            1, 1, 0, 0,
            1, 1, 0, 0);
        result.Masks!.ToArray<long>().Should().Equal(
            255, 255, 255, 255,
            255, 255, 255, 255,
            3, 3, 255, 255,
            3, 3, 255, 255);
    }

    [Test]
    public void Scale_jitter_enlarging_crops_nearest_masks_at_the_drawn_offset()
    {
        using var scope = torch.NewDisposeScope();
        // Mask [[0, 1], [2, 3]] doubled (nearest) is 4x4 blocks; the 2x2 window at offset (1, 2) is [[1, 1], [3, 3]].
        var batch = new Batch(torch.zeros(1, 1, 2, 2), torch.tensor(new long[] { 0 }), torch.tensor(new long[] { 0, 1, 2, 3 }, [1, 2, 2]));
        var result = ScaleJitter.ScaleAt(batch, [(2.0, 0.5, 0.99)]); // rows floor(0.5 * 3) = 1, columns floor(0.99 * 3) = 2
        result.Masks!.ToArray<long>().Should().Equal(1, 1, 3, 3);
        result.Images.shape.Should().Equal(1, 1, 2, 2);
    }

    [Test]
    public void Compose_runs_in_order_and_a_seed_fixes_the_result()
    {
        using var scope = torch.NewDisposeScope();
        var batch = new IndexSource(8).GetBatch(Enumerable.Range(0, 8).ToArray());
        var pipeline = new Compose(new ScaleJitter(0.5, 2), new RandomCrop(2, PaddingMode.Reflect), new RandomHorizontalFlip(), new Normalize([1f, 1f, 1f], [1f, 1f, 1f]));
        using var g1 = new Generator(77);
        using var g2 = new Generator(77);
        using var g3 = new Generator(78);
        var a = pipeline.Apply(batch, g1);
        var b = pipeline.Apply(batch, g2);
        var c = pipeline.Apply(batch, g3);
        a.Images.equal(b.Images).Should().BeTrue();
        a.Masks!.equal(b.Masks!).Should().BeTrue();
        a.Images.equal(c.Images).Should().BeFalse();
        a.Images.shape.Should().Equal(batch.Images.shape);
        a.Masks!.shape.Should().Equal(batch.Masks!.shape);

        // The same as applying the steps one by one on one generator.
        using var g4 = new Generator(77);
        var stepwise = batch;
        foreach (var t in pipeline.Transforms) stepwise = t.Apply(stepwise, g4);
        stepwise.Images.equal(a.Images).Should().BeTrue();
    }
}
