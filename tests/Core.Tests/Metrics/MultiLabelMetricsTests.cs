using AdvCam.Core.Metrics;

namespace AdvCam.Core.Tests.Metrics;

public class MultiLabelMetricsTests
{
    /// <summary>Rounding of a ratio of small integers computed in double.</summary>
    private const double RatioRounding = 1e-12;

    // Four items (rows), four classes (columns); probabilities, threshold 0.5.
    //   scores                    targets
    //   0.9  0.2  0.1  0.0        1 0 0 0
    //   0.6  0.7  0.3  0.1        0 1 0 0
    //   0.4  0.8  0.2  0.2        1 1 0 0
    //   0.5  0.1  0.6  0.3        1 0 0 0
    private static readonly float[] Scores =
        [0.9f, 0.2f, 0.1f, 0f, 0.6f, 0.7f, 0.3f, 0.1f, 0.4f, 0.8f, 0.2f, 0.2f, 0.5f, 0.1f, 0.6f, 0.3f];
    private static readonly float[] Targets = [1, 0, 0, 0, 0, 1, 0, 0, 1, 1, 0, 0, 1, 0, 0, 0];

    [Test]
    public void AveragePrecision_matches_a_hand_worked_ranking()
    {
        // Ranked 0.9(+), 0.8(-), 0.7(+), 0.6(-): precision 1/1 at rank 1, 2/3 at rank 3 -> (1 + 2/3) / 2 = 5/6.
        MultiLabelMetrics.AveragePrecision([0.9f, 0.8f, 0.7f, 0.6f], [true, false, true, false]).Should().BeApproximately(5.0 / 6, RatioRounding);
        // The only positive ranked last of four: 1/4.
        MultiLabelMetrics.AveragePrecision([0.1f, 0.4f, 0.3f, 0.2f], [true, false, false, false]).Should().BeApproximately(0.25, RatioRounding);
        // Equal scores rank by item index: the positive second -> 1/2; first -> 1.
        MultiLabelMetrics.AveragePrecision([0.5f, 0.5f], [false, true]).Should().BeApproximately(0.5, RatioRounding);
        MultiLabelMetrics.AveragePrecision([0.5f, 0.5f], [true, false]).Should().Be(1);
        MultiLabelMetrics.AveragePrecision([0.1f, 0.4f], [false, false]).Should().Be(double.NaN);
    }

    [Test]
    public void PerClass_AP_and_mAP_match_the_hand_worked_table()
    {
        // Class 0 ranked: 0.9(+) 0.6(-) 0.5(+) 0.4(+): precisions 1/1, 2/3, 3/4 -> (1 + 2/3 + 3/4) / 3 = 29/36.
        // Class 1 ranked: 0.8(+) 0.7(+) 0.2(-) 0.1(-): 1/1, 2/2 -> 1.
        // Classes 2 and 3: no positive -> NaN, left out of the mean. mAP = (29/36 + 1) / 2 = 65/72.
        var ap = MultiLabelMetrics.PerClassAveragePrecision(Scores, Targets, 4);
        ap[0].Should().BeApproximately(29.0 / 36, RatioRounding);
        ap[1].Should().Be(1);
        ap[2].Should().Be(double.NaN);
        ap[3].Should().Be(double.NaN);
        MultiLabelMetrics.MeanAveragePrecision(Scores, Targets, 4).Should().BeApproximately(65.0 / 72, RatioRounding);
    }

    [Test]
    public void MeanAveragePrecision_averages_the_classes_that_have_positives()
    {
        // Rows are items, columns classes: class 0 is the 5/6 example above, class 1 the 1/4 one, class 2 has no positive.
        float[] scores = [0.9f, 0.1f, 0.5f, 0.8f, 0.4f, 0.5f, 0.7f, 0.3f, 0.5f, 0.6f, 0.2f, 0.5f];
        float[] targets = [1, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0];
        MultiLabelMetrics.MeanAveragePrecision(scores, targets, 3).Should().BeApproximately((5.0 / 6 + 0.25) / 2, RatioRounding); // 13/24
    }

    [Test]
    public void F1_at_a_threshold_matches_the_hand_worked_counts()
    {
        // Predicted positive when the score is strictly above 0.5 (item 3's 0.5 for class 0 is NOT predicted).
        // Class 0: predicted {0, 1}, true {0, 2, 3}: TP 1, FP 1, FN 2 -> 2/(2+1+2) = 2/5.
        // Class 1: predicted {1, 2}, true {1, 2}:    TP 2, FP 0, FN 0 -> 1.
        // Class 2: predicted {3},    true {}:        TP 0, FP 1, FN 0 -> 0 (defined: the class was predicted).
        // Class 3: predicted {},     true {}:        no count -> NaN, left out of the macro mean.
        // Macro = (2/5 + 1 + 0) / 3 = 7/15. Micro: TP 3, FP 2, FN 2 -> 6/(6+2+2) = 3/5.
        var f1 = MultiLabelMetrics.PerClassF1(Scores, Targets, 4, 0.5f);
        f1[0].Should().BeApproximately(2.0 / 5, RatioRounding);
        f1[1].Should().Be(1);
        f1[2].Should().Be(0);
        f1[3].Should().Be(double.NaN);
        MultiLabelMetrics.MacroF1(Scores, Targets, 4, 0.5f).Should().BeApproximately(7.0 / 15, RatioRounding);
        MultiLabelMetrics.MicroF1(Scores, Targets, 4, 0.5f).Should().BeApproximately(3.0 / 5, RatioRounding);

        // Threshold 0.45 predicts item 3's 0.5 too: class 0 TP 2, FP 1, FN 1 -> 4/6.
        MultiLabelMetrics.PerClassF1(Scores, Targets, 4, 0.45f)[0].Should().BeApproximately(4.0 / 6, RatioRounding);
        // Nothing predicted and nothing true: F1 undefined everywhere.
        MultiLabelMetrics.MicroF1([0.1f, 0.2f], [0f, 0f], 2, 0.5f).Should().Be(double.NaN);
        MultiLabelMetrics.MacroF1([0.1f, 0.2f], [0f, 0f], 2, 0.5f).Should().Be(double.NaN);
    }

    [Test]
    public void Bad_input_is_refused_naming_it()
    {
        FluentActions.Invoking(() => MultiLabelMetrics.AveragePrecision([0.1f, float.NaN], [true, false]))
            .Should().Throw<ArgumentException>().WithMessage("*item 1 is NaN*");
        FluentActions.Invoking(() => MultiLabelMetrics.AveragePrecision([0.1f], [true, false]))
            .Should().Throw<ArgumentException>().WithMessage("*1 scores but 2 labels*");
        FluentActions.Invoking(() => MultiLabelMetrics.MeanAveragePrecision([0.1f, 0.2f, float.NaN, 0.3f], [1f, 0f, 0f, 1f], 2))
            .Should().Throw<ArgumentException>().WithMessage("class 0: *item 1 is NaN*");
        FluentActions.Invoking(() => MultiLabelMetrics.MacroF1([0.1f, 0.2f, 0.3f], [1f, 0f, 0f], 2, 0.5f))
            .Should().Throw<ArgumentException>().WithMessage("*N x 2 classes*");
        FluentActions.Invoking(() => MultiLabelMetrics.MicroF1([0.1f, float.NaN], [1f, 0f], 2, 0.5f))
            .Should().Throw<ArgumentException>().WithMessage("*item 0, class 1 is NaN*");
        FluentActions.Invoking(() => MultiLabelMetrics.PerClassF1([0.1f, 0.2f], [1f, 0f], 2, float.NaN))
            .Should().Throw<ArgumentException>().WithMessage("*threshold is NaN*");
    }
}
