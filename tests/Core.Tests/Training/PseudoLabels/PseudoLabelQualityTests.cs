using AdvCam.Core.Training.PseudoLabels;

namespace AdvCam.Core.Tests.Training.PseudoLabels;

public class PseudoLabelQualityTests
{
    [Test]
    public void Shares_accuracy_precision_and_recall_match_a_hand_count()
    {
        // 8 pixels; the last has no true label (255) and is not counted.
        byte[] labels = [0, 0, 1, 1, 2, 255, 255, 1];
        long[] truth = [0, 1, 1, 0, 2, 2, 0, 255];
        var q = PseudoLabelQuality.Measure(labels, truth);
        // Counted 7: fg labels at 2, 3, 4 (3), bg at 0, 1 (2), ignored 5, 6 (2).
        q.Pixels.Should().Be(7);
        q.ForegroundShare.Should().BeApproximately(3.0 / 7, 1e-12);
        q.BackgroundShare.Should().BeApproximately(2.0 / 7, 1e-12);
        q.IgnoredShare.Should().BeApproximately(2.0 / 7, 1e-12);
        // Labelled 5: right at 0, 2, 4 -> 3/5. Foreground labels right at 2, 4 -> 2/3. True foreground 1, 2, 4, 5 -> 2/4.
        q.Accuracy.Should().BeApproximately(3.0 / 5, 1e-12);
        q.ForegroundPrecision.Should().BeApproximately(2.0 / 3, 1e-12);
        q.ForegroundRecall.Should().BeApproximately(2.0 / 4, 1e-12);
        PseudoLabelQuality.FromMetadata(q.ToMetadata()).Should().Be(q);
    }
}
