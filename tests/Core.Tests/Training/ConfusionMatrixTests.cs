using AdvCam.Core.Training;

namespace AdvCam.Core.Tests.Training;

public class ConfusionMatrixTests
{
    [Test]
    public void MeanIntersectionOverUnion_matches_a_hand_worked_label_map_with_an_ignored_pixel()
    {
        // A 2x3 map, classes 0..3 (class 3 occurs nowhere), 255 = no label:
        //   truth      predicted
        //   0   0  1   0  1  1
        //   1 255  2   1  2  2
        // The ignored pixel's prediction (2) is not counted. Counted pixels (truth -> predicted): 0->0, 0->1, 1->1, 1->1, 2->2.
        // Class 0: TP 1, FP 0, FN 1 (the 0->1 pixel)  -> IoU 1/2.
        // Class 1: TP 2, FP 1 (the 0->1 pixel), FN 0  -> IoU 2/3.
        // Class 2: TP 1, FP 0, FN 0                    -> IoU 1.
        // Class 3: absent from truth and predictions   -> no IoU, left out of the mean.
        // mIoU = (1/2 + 2/3 + 1) / 3 = 13/18.
        long[] truth = [0, 0, 1, 1, 255, 2];
        long[] predicted = [0, 1, 1, 1, 2, 2];
        var confusion = new ConfusionMatrix(4);
        confusion.Add(truth, predicted);

        confusion.Total.Should().Be(5);
        confusion[0, 0].Should().Be(1);
        confusion[0, 1].Should().Be(1);
        confusion[1, 1].Should().Be(2);
        confusion[2, 2].Should().Be(1);
        confusion[1, 2].Should().Be(0, "the ignored pixel (truth 255, predicted 2) is not counted");
        confusion.IntersectionOverUnion(0).Should().BeApproximately(1.0 / 2, 1e-12);
        confusion.IntersectionOverUnion(1).Should().BeApproximately(2.0 / 3, 1e-12);
        confusion.IntersectionOverUnion(2).Should().Be(1);
        confusion.IntersectionOverUnion(3).Should().Be(double.NaN);
        confusion.MeanIntersectionOverUnion().Should().BeApproximately(13.0 / 18, 1e-12);
        Metrics.MeanIntersectionOverUnion(truth, predicted, 4).Should().BeApproximately(13.0 / 18, 1e-12);
    }

    [Test]
    public void A_class_only_predicted_counts_with_IoU_0_and_batches_accumulate()
    {
        // Truth 0, 0 predicted 0, 1 (first batch), then truth 1 predicted 1 (second batch):
        // class 0: TP 1, FN 1 -> 1/2; class 1: TP 1, FP 1 -> 1/2. With the first batch only: class 1 has FP 1, TP 0 -> 0,
        // so mIoU = (1/2 + 0) / 2 = 1/4.
        var confusion = new ConfusionMatrix(2);
        confusion.Add([0L, 0L], [0L, 1L]);
        confusion.MeanIntersectionOverUnion().Should().BeApproximately(0.25, 1e-12);
        confusion.Add([1L], [1L]);
        confusion.MeanIntersectionOverUnion().Should().BeApproximately(0.5, 1e-12);
    }

    [Test]
    public void An_empty_matrix_has_no_mIoU_and_bad_labels_are_refused()
    {
        var confusion = new ConfusionMatrix(3);
        confusion.MeanIntersectionOverUnion().Should().Be(double.NaN);
        confusion.Add([255L], [1L]);
        confusion.MeanIntersectionOverUnion().Should().Be(double.NaN, "only an ignored pixel");
        FluentActions.Invoking(() => confusion.Add([3L], [0L])).Should().Throw<ArgumentException>().WithMessage("*true label 3*");
        FluentActions.Invoking(() => confusion.Add([0L], [-1L])).Should().Throw<ArgumentException>().WithMessage("*predicted label -1*");
        FluentActions.Invoking(() => confusion.Add([0L, 1L], [0L])).Should().Throw<ArgumentException>();
        confusion.Total.Should().Be(0);
    }
}
