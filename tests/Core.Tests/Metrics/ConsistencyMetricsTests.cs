using AdvCam.Core.Metrics;

namespace AdvCam.Core.Tests.Metrics;

public class ConsistencyMetricsTests
{
    /// <summary>Rounding of a ratio of small integers computed in double.</summary>
    private const double RatioRounding = 1e-12;

    // Five items. Reference predictions 0 1 2 3 4; three perturbed versions:
    //   A: 0 1 2 0 4   (item 3 changed)
    //   B: 0 2 2 3 4   (item 1 changed)
    //   C: 0 1 2 3 4   (none changed)
    // Consistency(ref, A) = 4/5, fooling rate 1/5. Worst case over A, B, C: items 1 and 3 fooled -> 2/5; over C alone 0.
    private static readonly long[] Reference = [0, 1, 2, 3, 4];
    private static readonly long[] A = [0, 1, 2, 0, 4];
    private static readonly long[] B = [0, 2, 2, 3, 4];
    private static readonly long[] C = [0, 1, 2, 3, 4];

    [Test]
    public void Consistency_and_fooling_rate_of_predictions_match_the_hand_count()
    {
        ConsistencyMetrics.Consistency(Reference, A).Should().BeApproximately(4.0 / 5, RatioRounding);
        ConsistencyMetrics.FoolingRate(Reference, A).Should().BeApproximately(1.0 / 5, RatioRounding);
        ConsistencyMetrics.Consistency(Reference, C).Should().Be(1);
        ConsistencyMetrics.FoolingRate(Reference, C).Should().Be(0);
    }

    [Test]
    public void Worst_case_fooling_rate_counts_an_item_once_when_any_version_changes_it()
    {
        ConsistencyMetrics.WorstCaseFoolingRate(Reference, [A, B, C]).Should().BeApproximately(2.0 / 5, RatioRounding);
        ConsistencyMetrics.WorstCaseFoolingRate(Reference, [A, A]).Should().BeApproximately(1.0 / 5, RatioRounding);
        ConsistencyMetrics.WorstCaseFoolingRate(Reference, [C]).Should().Be(0);
    }

    [Test]
    public void The_logit_overloads_compare_argmaxes_with_ties_to_the_lower_class()
    {
        // Two classes, three items. Reference logits (1,0) (0,1) (2,2) -> 0, 1, 0 (tie -> 0).
        //   v1: (0.4,0.6) (0,1) (2,2) -> 1, 1, 0: item 0 changed -> consistency 2/3, fooling 1/3.
        //   v2: (1,0) (1,0) (3,3)     -> 0, 0, 0: item 1 changed.
        // Worst case over v1, v2: items 0 and 1 -> 2/3.
        float[] reference = [1f, 0f, 0f, 1f, 2f, 2f];
        float[] v1 = [0.4f, 0.6f, 0f, 1f, 2f, 2f];
        float[] v2 = [1f, 0f, 1f, 0f, 3f, 3f];
        ConsistencyMetrics.Consistency(reference, v1, 2).Should().BeApproximately(2.0 / 3, RatioRounding);
        ConsistencyMetrics.FoolingRate(reference, v1, 2).Should().BeApproximately(1.0 / 3, RatioRounding);
        ConsistencyMetrics.WorstCaseFoolingRate(reference, [v1, v2], 2).Should().BeApproximately(2.0 / 3, RatioRounding);
    }

    [Test]
    public void Empty_sets_give_NaN_and_bad_input_is_refused_naming_it()
    {
        ConsistencyMetrics.Consistency(ReadOnlySpan<long>.Empty, ReadOnlySpan<long>.Empty).Should().Be(double.NaN);
        ConsistencyMetrics.WorstCaseFoolingRate(ReadOnlySpan<long>.Empty, [Array.Empty<long>()]).Should().Be(double.NaN);
        FluentActions.Invoking(() => ConsistencyMetrics.Consistency(Reference, [0L, 1L]))
            .Should().Throw<ArgumentException>().WithMessage("*5 predictions in the first set but 2*");
        FluentActions.Invoking(() => ConsistencyMetrics.WorstCaseFoolingRate(Reference, []))
            .Should().Throw<ArgumentException>().WithMessage("*at least one perturbed version*");
        FluentActions.Invoking(() => ConsistencyMetrics.WorstCaseFoolingRate(Reference, [A, [0L, 1L]]))
            .Should().Throw<ArgumentException>().WithMessage("*perturbed version 1 has 2 predictions*");
        FluentActions.Invoking(() => ConsistencyMetrics.WorstCaseFoolingRate([1f, 0f], [[1f, 0f], [1f, 0f, 1f, 0f]], 2))
            .Should().Throw<ArgumentException>().WithMessage("*perturbed version 1 holds 4 logits, expected 2*");
        FluentActions.Invoking(() => ConsistencyMetrics.Consistency([1f, 0f], [1f, float.NaN], 2))
            .Should().Throw<ArgumentException>().WithMessage("*item 0, class 1 is NaN*");
    }
}
