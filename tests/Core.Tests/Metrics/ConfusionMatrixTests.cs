using AdvCam.Core.Metrics;

namespace AdvCam.Core.Tests.Metrics;

public class ConfusionMatrixTests
{
    /// <summary>Rounding of a ratio of small integers computed in double.</summary>
    private const double RatioRounding = 1e-12;

    // A 2x3 map, classes 0..3 (class 3 occurs nowhere), 255 = no label:
    //   truth      predicted
    //   0   0  1   0  1  1
    //   1 255  2   1  2  2
    // The ignored pixel's prediction (2) is not counted. Counted pixels (truth -> predicted): 0->0, 0->1, 1->1, 1->1, 2->2.
    // Class 0: TP 1, FP 0, FN 1 (the 0->1 pixel)  -> IoU 1/2.
    // Class 1: TP 2, FP 1 (the 0->1 pixel), FN 0  -> IoU 2/3.
    // Class 2: TP 1, FP 0, FN 0                    -> IoU 1.
    // Class 3: absent from truth and predictions   -> no IoU, left out of the mean.
    // mIoU = (1/2 + 2/3 + 1) / 3 = 13/18. Pixel accuracy: 4 of the 5 counted pixels on the diagonal -> 4/5.
    private static readonly long[] Truth = [0, 0, 1, 1, 255, 2];
    private static readonly long[] Predicted = [0, 1, 1, 1, 2, 2];

    private static void ShouldMatchTheHandWorkedMap(ConfusionMatrix confusion)
    {
        confusion.Total.Should().Be(5);
        confusion[0, 0].Should().Be(1);
        confusion[0, 1].Should().Be(1);
        confusion[1, 1].Should().Be(2);
        confusion[2, 2].Should().Be(1);
        confusion[1, 2].Should().Be(0, "the ignored pixel (truth 255, predicted 2) is not counted");
        confusion.IntersectionOverUnion(0).Should().BeApproximately(1.0 / 2, RatioRounding);
        confusion.IntersectionOverUnion(1).Should().BeApproximately(2.0 / 3, RatioRounding);
        confusion.IntersectionOverUnion(2).Should().Be(1);
        confusion.IntersectionOverUnion(3).Should().Be(double.NaN);
        var perClass = confusion.PerClassIntersectionOverUnion();
        perClass.Should().HaveCount(4);
        perClass[0].Should().BeApproximately(1.0 / 2, RatioRounding);
        perClass[1].Should().BeApproximately(2.0 / 3, RatioRounding);
        perClass[2].Should().Be(1);
        perClass[3].Should().Be(double.NaN);
        confusion.MeanIntersectionOverUnion().Should().BeApproximately(13.0 / 18, RatioRounding);
        confusion.PixelAccuracy().Should().BeApproximately(4.0 / 5, RatioRounding);
    }

    [Test]
    public void The_metrics_match_a_hand_worked_label_map_with_an_ignored_pixel()
    {
        var confusion = new ConfusionMatrix(4);
        confusion.Add(Truth, Predicted);
        ShouldMatchTheHandWorkedMap(confusion);
    }

    [Test]
    public void The_tensor_overload_counts_the_hand_worked_map_as_a_uint8_mask()
    {
        using var scope = torch.NewDisposeScope();
        var confusion = new ConfusionMatrix(4);
        // uint8 [1, 2, 3] as a decoded PNG mask would be, int64 predictions as argmax gives them.
        var truth = torch.tensor(Truth.Select(v => (byte)v).ToArray(), [1, 2, 3]);
        var predicted = torch.tensor(Predicted, [1, 2, 3]);
        confusion.Add(truth, predicted);
        // An empty map adds nothing.
        confusion.Add(torch.zeros([0, 2, 3], ScalarType.Int64), torch.zeros([0, 2, 3], ScalarType.Int64));
        ShouldMatchTheHandWorkedMap(confusion);
    }

    [Test]
    public void The_tensor_overload_equals_the_managed_path_on_a_large_random_map_and_frees_its_tensors()
    {
        const int classes = 7;
        var rng = new Random(3);
        // 4 maps of 97x131 pixels; about 10% of the truth ignored; predictions right about half of the time.
        var truth = new long[4 * 97 * 131];
        var predicted = new long[truth.Length];
        for (var i = 0; i < truth.Length; i++)
        {
            truth[i] = rng.NextDouble() < 0.1 ? 255 : rng.Next(classes);
            predicted[i] = rng.NextDouble() < 0.5 && truth[i] != 255 ? truth[i] : rng.Next(classes);
        }
        var managed = new ConfusionMatrix(classes);
        managed.Add(truth, predicted);
        managed.Add(truth.AsSpan(0, 1000), predicted.AsSpan(0, 1000));

        var viaTorch = new ConfusionMatrix(classes);
        using (torch.NewDisposeScope())
        {
            var t = torch.tensor(truth, [4, 97, 131]);
            var p = torch.tensor(predicted, [4, 97, 131]).to(ScalarType.Int32);
            var t1000 = torch.tensor(truth.AsSpan(0, 1000).ToArray());
            var p1000 = torch.tensor(predicted.AsSpan(0, 1000).ToArray());
            var live = Tensor.LiveCount;
            viaTorch.Add(t, p);
            viaTorch.Add(t1000, p1000);
            Tensor.LiveCount.Should().Be(live, "Add frees every tensor it makes");
        }

        viaTorch.Total.Should().Be(managed.Total);
        for (var a = 0; a < classes; a++)
            for (var b = 0; b < classes; b++)
                viaTorch[a, b].Should().Be(managed[a, b], $"entry [{a}, {b}]");
        viaTorch.MeanIntersectionOverUnion().Should().Be(managed.MeanIntersectionOverUnion());
    }

    [Test]
    public void The_tensor_overload_counts_on_cuda_as_on_the_cpu()
    {
        if (!torch.cuda.is_available()) Assert.Ignore("no CUDA device");
        using var scope = torch.NewDisposeScope();
        var cpu = new ConfusionMatrix(4);
        cpu.Add(Truth, Predicted);
        var cuda = new ConfusionMatrix(4);
        cuda.Add(torch.tensor(Truth).to(Device.Cuda), torch.tensor(Predicted).to(Device.Cuda));
        ShouldMatchTheHandWorkedMap(cuda);
        FluentActions.Invoking(() => cuda.Add(torch.tensor(Truth).to(Device.Cuda), torch.tensor(Predicted)))
            .Should().Throw<ArgumentException>().WithMessage("*true labels are on cuda*predicted labels on cpu*");
    }

    [Test]
    public void A_class_only_predicted_counts_with_IoU_0_and_batches_accumulate()
    {
        // Truth 0, 0 predicted 0, 1 (first batch), then truth 1 predicted 1 (second batch):
        // class 0: TP 1, FN 1 -> 1/2; class 1: TP 1, FP 1 -> 1/2. With the first batch only: class 1 has FP 1, TP 0 -> 0,
        // so mIoU = (1/2 + 0) / 2 = 1/4, pixel accuracy 1/2; after both, pixel accuracy 2/3.
        var confusion = new ConfusionMatrix(2);
        confusion.Add([0L, 0L], [0L, 1L]);
        confusion.MeanIntersectionOverUnion().Should().BeApproximately(0.25, RatioRounding);
        confusion.PixelAccuracy().Should().BeApproximately(0.5, RatioRounding);
        confusion.Add([1L], [1L]);
        confusion.MeanIntersectionOverUnion().Should().BeApproximately(0.5, RatioRounding);
        confusion.PixelAccuracy().Should().BeApproximately(2.0 / 3, RatioRounding);
    }

    [Test]
    public void An_empty_matrix_has_no_metrics_and_bad_labels_are_refused()
    {
        var confusion = new ConfusionMatrix(3);
        confusion.MeanIntersectionOverUnion().Should().Be(double.NaN);
        confusion.PixelAccuracy().Should().Be(double.NaN);
        confusion.Add([255L], [1L]);
        confusion.MeanIntersectionOverUnion().Should().Be(double.NaN, "only an ignored pixel");
        FluentActions.Invoking(() => confusion.Add([3L], [0L])).Should().Throw<ArgumentException>().WithMessage("*true label 3*");
        FluentActions.Invoking(() => confusion.Add([0L], [-1L])).Should().Throw<ArgumentException>().WithMessage("*predicted label -1*");
        FluentActions.Invoking(() => confusion.Add([0L, 1L], [0L])).Should().Throw<ArgumentException>();
        confusion.Total.Should().Be(0);
    }

    [Test]
    public void The_tensor_overload_refuses_bad_labels_naming_the_first_bad_pixel_and_counts_nothing()
    {
        using var scope = torch.NewDisposeScope();
        var confusion = new ConfusionMatrix(3);
        // Pixel 2 holds true label 5 (neither a class nor 255); pixel 3 is ignored, so its prediction 9 is still checked.
        FluentActions.Invoking(() => confusion.Add(torch.tensor(0L, 1L, 5L, 255L), torch.tensor(0L, 1L, 2L, 0L)))
            .Should().Throw<ArgumentException>().WithMessage("true label 5 at pixel 2 *");
        FluentActions.Invoking(() => confusion.Add(torch.tensor(0L, 1L, 2L, 255L), torch.tensor(0L, 1L, 2L, 9L)))
            .Should().Throw<ArgumentException>().WithMessage("predicted label 9 at pixel 3 *");
        FluentActions.Invoking(() => confusion.Add(torch.tensor(0L, 1L, 2L, 255L), torch.tensor(0L, -1L, 2L, 0L)))
            .Should().Throw<ArgumentException>().WithMessage("predicted label -1 at pixel 1 *");
        FluentActions.Invoking(() => confusion.Add(torch.tensor(0L, 1L), torch.tensor(0L, 1L, 2L)))
            .Should().Throw<ArgumentException>().WithMessage("*[2]*[3]*differ in shape*");
        FluentActions.Invoking(() => confusion.Add(torch.tensor(0L, 1L), torch.tensor(0f, 1f)))
            .Should().Throw<ArgumentException>().WithMessage("predicted must hold integer labels, got a Float32 tensor*");
        confusion.Total.Should().Be(0);
    }
}
