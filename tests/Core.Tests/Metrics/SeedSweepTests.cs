using AdvCam.Core.Metrics;

namespace AdvCam.Core.Tests.Metrics;

/// <summary>
/// Seed quality over thresholds on 1×2×2×2 maps worked out by hand. K = 2 classes, labels 0 background, 1 class 0,
/// 2 class 1; pixels in row-major order (0,0), (0,1), (1,0), (1,1).
/// </summary>
/// <remarks>
/// <code>
///   class 0 map   class 1 map    mask
///   0.9  0.6      0.3  0.7       1   2
///   0.2  0.1      0.375 0.05     0 255
/// </code>
/// With both classes present, pixel (0,0) is labelled 1 while t &lt; 0.9, (0,1) is labelled 2 while t &lt; 0.7,
/// (1,0) is labelled 2 while t &lt; 0.375 (else background, its truth), and (1,1) is ignored (truth 255).
/// <list type="bullet">
/// <item>t &lt; 0.375 (0.05..0.35, the fixed 0.25 among them): seeds 1, 2, 2 against truth 1, 2, 0. Background IoU 0
/// (TP 0, FN 1), label 1 IoU 1, label 2 IoU 1/2 (TP 1, FP 1): mIoU 1/2. Predicted foreground 3 pixels, 1 of them truly
/// background: noise 1/3.</item>
/// <item>0.375 ≤ t &lt; 0.7 (0.40..0.65): seeds 1, 2, 0, all right: mIoU 1, noise 0.</item>
/// <item>0.7 ≤ t &lt; 0.9 (0.70..0.85): seeds 1, 0, 0: background IoU 1/2 (TP 1, FP 1), label 1 IoU 1, label 2 IoU 0
/// (FN 1): mIoU 1/2, noise 0.</item>
/// <item>t ≥ 0.9 (0.90, 0.95): all background: background 1/3, labels 1 and 2 IoU 0: mIoU 1/9; no predicted
/// foreground, noise undefined. (At t = 0.7 and 0.9 the map equals t: background wins the tie.)</item>
/// </list>
/// The best threshold is the lowest of the six that reach mIoU 1: 0.40.
/// </remarks>
public class SeedSweepTests
{
    /// <summary>Rounding of a ratio of small integers computed in double.</summary>
    private const double RatioRounding = 1e-12;

    private static readonly float[] Maps = [0.9f, 0.6f, 0.2f, 0.1f, 0.3f, 0.7f, 0.375f, 0.05f];
    private static readonly long[] Mask = [1, 2, 0, 255];

    private static Tensor MapsTensor() => torch.tensor(Maps, [1, 2, 2, 2]);

    private static Tensor Present(params bool[] present) => torch.tensor(present, [1, present.Length]);

    private static Tensor MaskTensor(long[]? mask = null) => torch.tensor(mask ?? Mask, [1, 2, 2]);

    [Test]
    public void The_default_sweep_is_0_05_to_0_95_in_steps_of_0_05()
    {
        SeedSweep.DefaultSweep.Should().HaveCount(19);
        SeedSweep.DefaultSweep[0].Should().Be(0.05);
        SeedSweep.DefaultSweep[4].Should().Be(0.25);
        SeedSweep.DefaultSweep[^1].Should().Be(0.95);
    }

    [Test]
    public void At_the_fixed_threshold_mIoU_per_label_IoU_and_noise_ratio_are_the_hand_worked_ones()
    {
        using var scope = torch.NewDisposeScope();
        var sweep = new SeedSweep(2);
        sweep.Add(MapsTensor(), Present(true, true), MaskTensor());
        var atFixed = sweep.Fixed;
        atFixed.Threshold.Should().Be(0.25);
        atFixed.Pixels.Should().Be(3, "the 255 pixel is not counted");
        atFixed.LabelIoU.Should().Equal(0.0, 1.0, 0.5);
        atFixed.MeanIoU.Should().BeApproximately(0.5, RatioRounding);
        atFixed.NoiseRatio.Should().BeApproximately(1.0 / 3, RatioRounding);
        sweep.Confusion(0.25)[0, 2].Should().Be(1, "the background pixel (1,0) was labelled class 1");
    }

    [Test]
    public void Every_swept_threshold_gives_the_hand_worked_mIoU_and_the_best_is_the_lowest_of_the_tied_maxima()
    {
        using var scope = torch.NewDisposeScope();
        var sweep = new SeedSweep(2);
        sweep.Add(MapsTensor(), Present(true, true), MaskTensor());
        double[] expected = [.. Enumerable.Repeat(0.5, 7), .. Enumerable.Repeat(1.0, 6), .. Enumerable.Repeat(0.5, 4), .. Enumerable.Repeat(1.0 / 9, 2)];
        var results = sweep.Results;
        results.Select(r => r.Threshold).Should().Equal(SeedSweep.DefaultSweep);
        for (var i = 0; i < expected.Length; i++)
            results[i].MeanIoU.Should().BeApproximately(expected[i], RatioRounding, $"threshold {results[i].Threshold}");
        results[^1].NoiseRatio.Should().Be(double.NaN, "nothing is predicted foreground at t = 0.95");
        results.Should().OnlyContain(r => r.Pixels == 3);
        var best = sweep.Best;
        best.Threshold.Should().Be(0.4);
        best.MeanIoU.Should().Be(1);
        best.NoiseRatio.Should().Be(0);
        best.LabelIoU.Should().Equal(1.0, 1.0, 1.0);
    }

    [Test]
    public void A_tie_for_the_best_mIoU_goes_to_the_lowest_threshold_whatever_the_sweep_order()
    {
        using var scope = torch.NewDisposeScope();
        var sweep = new SeedSweep(2, [0.65, 0.5, 0.4, 0.1], fixedThreshold: 0.3);
        sweep.Add(MapsTensor(), Present(true, true), MaskTensor());
        sweep.Best.Threshold.Should().Be(0.4);
        sweep.Fixed.MeanIoU.Should().BeApproximately(0.5, RatioRounding, "0.3 is below 0.375");
        sweep.Results.Select(r => r.Threshold).Should().Equal(0.65, 0.5, 0.4, 0.1);
    }

    [Test]
    public void Absent_classes_do_not_compete()
    {
        // Only class 0 present: (0,0) -> 1 (right), (0,1) -> 1 (0.6 > 0.25; truth 2), (1,0) -> 0 (0.2 <= 0.25; right).
        // Background IoU 1, label 1 IoU 1/2 (TP 1, FP 1), label 2 IoU 0 (FN 1): mIoU 1/2. Foreground 2 pixels, none truly
        // background: noise 0.
        using var scope = torch.NewDisposeScope();
        var sweep = new SeedSweep(2);
        sweep.Add(MapsTensor(), Present(true, false), MaskTensor());
        var atFixed = sweep.Fixed;
        atFixed.LabelIoU.Should().Equal(1.0, 0.5, 0.0);
        atFixed.MeanIoU.Should().BeApproximately(0.5, RatioRounding);
        atFixed.NoiseRatio.Should().Be(0);
    }

    [Test]
    public void A_class_absent_from_truth_and_seeds_is_left_out_of_the_mean()
    {
        // A third class, present nowhere and with a zero map: label 3 has no IoU and mIoU is the two-class one.
        using var scope = torch.NewDisposeScope();
        var maps = torch.cat([MapsTensor(), torch.zeros(1, 1, 2, 2)], 1);
        var sweep = new SeedSweep(3);
        sweep.Add(maps, Present(true, true, false), MaskTensor());
        var atFixed = sweep.Fixed;
        atFixed.LabelIoU.Should().HaveCount(4);
        atFixed.LabelIoU[3].Should().Be(double.NaN);
        atFixed.MeanIoU.Should().BeApproximately(0.5, RatioRounding);
    }

    [Test]
    public void Ignored_pixels_are_not_counted_whatever_their_seed()
    {
        // At t = 0.05 the ignored pixel (1,1) is seeded class 0 (0.1 > 0.05) but not counted: the result is the one of
        // t = 0.25. Labelled background instead of 255, it is counted, as a background pixel seeded class 0.
        using var scope = torch.NewDisposeScope();
        var ignored = new SeedSweep(2, [0.05], fixedThreshold: 0.05);
        ignored.Add(MapsTensor(), Present(true, true), MaskTensor());
        ignored.Fixed.Pixels.Should().Be(3);
        ignored.Fixed.MeanIoU.Should().BeApproximately(0.5, RatioRounding);
        var labelled = new SeedSweep(2, [0.05], fixedThreshold: 0.05);
        labelled.Add(MapsTensor(), Present(true, true), MaskTensor([1, 2, 0, 0]));
        labelled.Fixed.Pixels.Should().Be(4);
        // Seeds 1, 2, 2, 1 against 1, 2, 0, 0: background IoU 0, label 1 IoU 1/2 (FP 1), label 2 IoU 1/2: mIoU 1/3.
        labelled.Fixed.MeanIoU.Should().BeApproximately(1.0 / 3, RatioRounding);
        labelled.Fixed.NoiseRatio.Should().BeApproximately(2.0 / 4, RatioRounding);
    }

    [Test]
    public void Batches_accumulate_as_one_batch_of_all_their_images()
    {
        using var scope = torch.NewDisposeScope();
        var streamed = new SeedSweep(2);
        streamed.Add(MapsTensor(), Present(true, true), MaskTensor());
        streamed.Add(MapsTensor(), Present(true, false), MaskTensor());
        var whole = new SeedSweep(2);
        whole.Add(torch.cat([MapsTensor(), MapsTensor()], 0), torch.tensor(new[] { true, true, true, false }, [2, 2]),
            torch.cat([MaskTensor(), MaskTensor()], 0));
        foreach (var t in SeedSweep.DefaultSweep)
            for (var truth = 0; truth < 3; truth++)
                for (var predicted = 0; predicted < 3; predicted++)
                    streamed.Confusion(t)[truth, predicted].Should().Be(whole.Confusion(t)[truth, predicted], $"t {t}, [{truth}, {predicted}]");
        streamed.Fixed.Should().BeEquivalentTo(whole.Fixed);
        streamed.Fixed.Pixels.Should().Be(6);
    }

    [Test]
    public void Bad_arguments_are_refused_and_a_refused_batch_counts_nothing()
    {
        using var scope = torch.NewDisposeScope();
        FluentActions.Invoking(() => new SeedSweep(2, [])).Should().Throw<ArgumentException>().WithMessage("*empty*");
        FluentActions.Invoking(() => new SeedSweep(2, [0.1, 0.1])).Should().Throw<ArgumentException>().WithMessage("*0.1 is listed twice*");
        FluentActions.Invoking(() => new SeedSweep(2, [double.NaN])).Should().Throw<ArgumentException>().WithMessage("*not finite*");
        var sweep = new SeedSweep(2);
        sweep.Invoking(s => s.Add(MapsTensor(), Present(true, true), torch.zeros([1, 2, 3], ScalarType.Int64)))
            .Should().Throw<ArgumentException>().WithMessage("*masks must be [1, 2, 2]*");
        sweep.Invoking(s => s.Add(MapsTensor(), Present(true), MaskTensor()))
            .Should().Throw<ArgumentException>().WithMessage("*present classes must be [1, 2]*");
        sweep.Invoking(s => s.Add(MapsTensor(), Present(true, true), MaskTensor([1, 2, 7, 0])))
            .Should().Throw<ArgumentException>().WithMessage("*true label 7 at pixel 2*");
        sweep.Fixed.Pixels.Should().Be(0, "the refused batches counted nothing");
        sweep.Fixed.MeanIoU.Should().Be(double.NaN);
        sweep.Best.Threshold.Should().Be(0.05, "with nothing counted the best is the first swept threshold's undefined result");
        sweep.Invoking(s => s.Confusion(0.33)).Should().Throw<ArgumentException>().WithMessage("*0.33*");
    }
}
