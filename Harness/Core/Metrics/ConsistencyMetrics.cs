namespace AdvCam.Core.Metrics;

/// <summary>
/// Agreement of a classifier's top-1 predictions between a reference set (usually the clean images) and perturbed
/// versions of the same items: consistency, fooling rate and the worst case of the fooling rate over several versions.
/// </summary>
/// <remarks>
/// <para>Every item counts, whether or not its reference prediction is correct (filter the items first for a fooling rate
/// over the correctly classified ones). Predictions are labels; logits are row-major [N, K] and are turned into
/// predictions by <see cref="ClassificationMetrics.Predictions"/> (argmax, the lowest class on ties). An empty set gives
/// NaN.</para>
/// <para>The worst case is what the one-pixel-shift paper (Shifman &amp; Weiss, ECCV 2024) reports over the 8 one-pixel
/// directions: an item is fooled when <i>any</i> of its perturbed versions changes its prediction.</para>
/// </remarks>
public static class ConsistencyMetrics
{
    /// <summary>Consistency: the share of items whose prediction in <paramref name="a"/> equals the one in <paramref name="b"/>. NaN when empty.</summary>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public static double Consistency(ReadOnlySpan<long> a, ReadOnlySpan<long> b)
    {
        if (a.Length != b.Length)
            throw new ArgumentException($"{a.Length} predictions in the first set but {b.Length} in the second", nameof(b));
        if (a.Length == 0) return double.NaN;
        var same = 0;
        for (var i = 0; i < a.Length; i++)
            if (a[i] == b[i]) same++;
        return (double)same / a.Length;
    }

    /// <summary>Consistency of the top-1 predictions of two sets of logits of the same items.</summary>
    /// <exception cref="ArgumentException">The shapes disagree or a logit is NaN.</exception>
    public static double Consistency(ReadOnlySpan<float> a, ReadOnlySpan<float> b, int classes)
    {
        RequireSameLength(a, b, "the second set");
        return Consistency(ClassificationMetrics.Predictions(a, classes), ClassificationMetrics.Predictions(b, classes));
    }

    /// <summary>Fooling rate: the share of items whose <paramref name="perturbed"/> prediction differs from the <paramref name="reference"/> one (1 − consistency). NaN when empty.</summary>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public static double FoolingRate(ReadOnlySpan<long> reference, ReadOnlySpan<long> perturbed) =>
        1 - Consistency(reference, perturbed);

    /// <summary>Fooling rate of the top-1 predictions of two sets of logits of the same items.</summary>
    /// <exception cref="ArgumentException">The shapes disagree or a logit is NaN.</exception>
    public static double FoolingRate(ReadOnlySpan<float> reference, ReadOnlySpan<float> perturbed, int classes) =>
        1 - Consistency(reference, perturbed, classes);

    /// <summary>
    /// Worst-case fooling rate over several perturbed versions of the items: the share of items for which at least one
    /// version's prediction differs from the <paramref name="reference"/> one. With one version it is
    /// <see cref="FoolingRate(ReadOnlySpan{long}, ReadOnlySpan{long})"/>. NaN when there is no item.
    /// </summary>
    /// <exception cref="ArgumentException">No version is given, or a version's length differs from the reference's (the
    /// message names the version).</exception>
    public static double WorstCaseFoolingRate(ReadOnlySpan<long> reference, IReadOnlyList<long[]> perturbed)
    {
        ArgumentNullException.ThrowIfNull(perturbed);
        if (perturbed.Count == 0) throw new ArgumentException("give at least one perturbed version", nameof(perturbed));
        for (var v = 0; v < perturbed.Count; v++)
        {
            if (perturbed[v] is null) throw new ArgumentException($"perturbed version {v} is null", nameof(perturbed));
            if (perturbed[v].Length != reference.Length)
                throw new ArgumentException($"perturbed version {v} has {perturbed[v].Length} predictions, the reference {reference.Length}", nameof(perturbed));
        }
        if (reference.Length == 0) return double.NaN;
        var fooled = 0;
        for (var i = 0; i < reference.Length; i++)
        {
            for (var v = 0; v < perturbed.Count; v++)
            {
                if (perturbed[v][i] == reference[i]) continue;
                fooled++;
                break;
            }
        }
        return (double)fooled / reference.Length;
    }

    /// <summary>Worst-case fooling rate of the top-1 predictions of several perturbed sets of logits against the reference logits.</summary>
    /// <exception cref="ArgumentException">No version is given, the shapes disagree (the message names the version) or a logit is NaN.</exception>
    public static double WorstCaseFoolingRate(ReadOnlySpan<float> reference, IReadOnlyList<float[]> perturbed, int classes)
    {
        ArgumentNullException.ThrowIfNull(perturbed);
        var versions = new long[perturbed.Count][];
        for (var v = 0; v < perturbed.Count; v++)
        {
            if (perturbed[v] is null) throw new ArgumentException($"perturbed version {v} is null", nameof(perturbed));
            RequireSameLength(reference, perturbed[v], $"perturbed version {v}");
            versions[v] = ClassificationMetrics.Predictions(perturbed[v], classes);
        }
        return WorstCaseFoolingRate(ClassificationMetrics.Predictions(reference, classes), versions);
    }

    private static void RequireSameLength(ReadOnlySpan<float> reference, ReadOnlySpan<float> other, string name)
    {
        if (reference.Length != other.Length)
            throw new ArgumentException($"{name} holds {other.Length} logits, expected {reference.Length}");
    }
}
