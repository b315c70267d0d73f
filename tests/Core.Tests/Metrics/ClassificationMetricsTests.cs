using AdvCam.Core.Metrics;

namespace AdvCam.Core.Tests.Metrics;

public class ClassificationMetricsTests
{
    /// <summary>Rounding of a ratio of small integers computed in double.</summary>
    private const double RatioRounding = 1e-12;

    // Six items, three classes. Rank r of the label = #(classes with a higher logit) + #(lower-index classes with an equal
    // logit); the item is correct at k when r < k.
    //   item  logits            label  higher  lower & equal  r
    //   0     0.1  0.9  0.0     1      0       0              0
    //   1     2    1    0       1      1 (c0)  0              1
    //   2    -1   -2    3       2      0       0              0
    //   3     5    5    1       0      0       0              0   (tie of 0 and 1: 0 wins)
    //   4     5    5    1       1      0       1 (c0)         1   (the same tie: the label 1 loses to 0)
    //   5     3    1    1       2      1 (c0)  1 (c1)         2   (tied with class 1 for 2nd place, 1 is lower)
    // top-1: r = 0 for items 0, 2, 3 -> 3/6; top-2: r < 2 for all but item 5 -> 5/6; top-3: 6/6.
    // Per class, top-1: class 0 {3} -> 1/1; class 1 {0, 1, 4} -> item 0 only, 1/3; class 2 {2, 5} -> item 2, 1/2.
    // Per class, top-2: class 0 1/1; class 1 3/3; class 2 1/2.
    private static readonly float[] Logits =
        [0.1f, 0.9f, 0f, 2f, 1f, 0f, -1f, -2f, 3f, 5f, 5f, 1f, 5f, 5f, 1f, 3f, 1f, 1f];
    private static readonly long[] Labels = [1, 1, 2, 0, 1, 2];

    [Test]
    public void TopK_accuracy_matches_the_hand_worked_ranks_with_ties_to_the_lower_class()
    {
        ClassificationMetrics.Top1Accuracy(Logits, Labels, 3).Should().BeApproximately(3.0 / 6, RatioRounding);
        ClassificationMetrics.TopKAccuracy(Logits, Labels, 3, 1).Should().BeApproximately(3.0 / 6, RatioRounding);
        ClassificationMetrics.TopKAccuracy(Logits, Labels, 3, 2).Should().BeApproximately(5.0 / 6, RatioRounding);
        ClassificationMetrics.TopKAccuracy(Logits, Labels, 3, 3).Should().Be(1);
    }

    [Test]
    public void Predictions_are_the_argmax_with_the_lowest_class_on_ties_and_Accuracy_compares_them()
    {
        // Row argmaxes: 1, 0, 2, 0 (tie), 0 (tie), 0.
        var predicted = ClassificationMetrics.Predictions(Logits, 3);
        predicted.Should().Equal(1L, 0L, 2L, 0L, 0L, 0L);
        // Against labels 1, 1, 2, 0, 1, 2: hits at items 0, 2, 3 -> 3/6, as top-1 accuracy.
        ClassificationMetrics.Accuracy(predicted, Labels).Should().BeApproximately(3.0 / 6, RatioRounding);
    }

    [Test]
    public void PerClassAccuracy_is_the_recall_of_each_class_and_NaN_for_a_class_without_items()
    {
        var top1 = ClassificationMetrics.PerClassAccuracy(Logits, Labels, 3);
        top1[0].Should().Be(1);
        top1[1].Should().BeApproximately(1.0 / 3, RatioRounding);
        top1[2].Should().BeApproximately(1.0 / 2, RatioRounding);
        var top2 = ClassificationMetrics.PerClassAccuracy(Logits, Labels, 3, k: 2);
        top2[0].Should().Be(1);
        top2[1].Should().Be(1);
        top2[2].Should().BeApproximately(1.0 / 2, RatioRounding);

        // Two items of class 0 over two classes (argmaxes 0 and 1): class 0 1/2, class 1 has no item.
        var sparse = ClassificationMetrics.PerClassAccuracy([1f, 0f, 0f, 1f], [0L, 0L], 2);
        sparse[0].Should().BeApproximately(0.5, RatioRounding);
        sparse[1].Should().Be(double.NaN);
    }

    [Test]
    public void An_empty_set_has_no_accuracy()
    {
        ClassificationMetrics.Top1Accuracy([], [], 3).Should().Be(double.NaN);
        ClassificationMetrics.Accuracy([], []).Should().Be(double.NaN);
        ClassificationMetrics.Predictions([], 3).Should().BeEmpty();
    }

    [Test]
    public void Bad_input_is_refused_naming_it()
    {
        FluentActions.Invoking(() => ClassificationMetrics.Top1Accuracy([0f, 1f, 2f], [1L], 2))
            .Should().Throw<ArgumentException>().WithMessage("*3 values*1 items x 2 classes*");
        FluentActions.Invoking(() => ClassificationMetrics.Top1Accuracy([0f, 1f, 0f, 1f], [1L, 2L], 2))
            .Should().Throw<ArgumentException>().WithMessage("*label 2 of item 1*");
        FluentActions.Invoking(() => ClassificationMetrics.Top1Accuracy([0f, 1f, 0f, float.NaN], [1L, 1L], 2))
            .Should().Throw<ArgumentException>().WithMessage("*item 1, class 1 is NaN*");
        FluentActions.Invoking(() => ClassificationMetrics.TopKAccuracy(Logits, Labels, 3, 0)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => ClassificationMetrics.TopKAccuracy(Logits, Labels, 3, 4)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => ClassificationMetrics.Predictions([0f, 1f, 2f], 2))
            .Should().Throw<ArgumentException>().WithMessage("*3 values*multiple of 2*");
        FluentActions.Invoking(() => ClassificationMetrics.Accuracy([0L], [0L, 1L]))
            .Should().Throw<ArgumentException>().WithMessage("*1 predictions but 2 labels*");
    }
}
