using AdvCam.Core.Training;

namespace AdvCam.Core.Tests.Training;

public class MetricsTests
{
    [Test]
    public void AveragePrecision_matches_a_hand_worked_ranking()
    {
        // Ranked 0.9(+), 0.8(-), 0.7(+), 0.6(-): precision 1/1 at rank 1, 2/3 at rank 3 -> (1 + 2/3) / 2 = 5/6.
        Metrics.AveragePrecision([0.9f, 0.8f, 0.7f, 0.6f], [true, false, true, false]).Should().BeApproximately(5.0 / 6, 1e-12);
        // The only positive ranked last of four: 1/4.
        Metrics.AveragePrecision([0.1f, 0.4f, 0.3f, 0.2f], [true, false, false, false]).Should().BeApproximately(0.25, 1e-12);
        Metrics.AveragePrecision([0.1f, 0.4f], [false, false]).Should().Be(double.NaN);
    }

    [Test]
    public void MeanAveragePrecision_averages_the_classes_that_have_positives()
    {
        // Rows are items, columns classes: class 0 is the 5/6 example above, class 1 the 1/4 one, class 2 has no positive.
        float[] scores = [0.9f, 0.1f, 0.5f, 0.8f, 0.4f, 0.5f, 0.7f, 0.3f, 0.5f, 0.6f, 0.2f, 0.5f];
        float[] targets = [1, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0];
        Metrics.MeanAveragePrecision(scores, targets, 3).Should().BeApproximately((5.0 / 6 + 0.25) / 2, 1e-12); // 13/24
    }

    [Test]
    public void Top1Accuracy_counts_argmax_hits_with_ties_to_the_lowest_class()
    {
        // Argmaxes: 1, 0, 2, 0 (tie of 0 and 1 -> 0); labels 1, 1, 2, 0 -> 3 of 4.
        float[] logits = [0.1f, 0.9f, 0f, 2f, 1f, 0f, -1f, -2f, 3f, 5f, 5f, 1f];
        Metrics.Top1Accuracy(logits, [1L, 1L, 2L, 0L], 3).Should().Be(0.75);
    }
}
