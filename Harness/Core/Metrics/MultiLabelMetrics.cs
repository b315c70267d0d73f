namespace AdvCam.Core.Metrics;

/// <summary>
/// Metrics of a multi-label classifier over a test set: average precision per class and mAP from scores, F1 at a
/// threshold per class, macro and micro.
/// </summary>
/// <remarks>
/// Scores are row-major [N, K] (K = classes; logits or probabilities, any monotone score for AP) and must not be NaN;
/// targets are the multi-hot labels, same shape, an entry positive when &gt; 0.5. A class with no defined value (AP: no
/// positive; F1: neither a positive nor a predicted positive) gives NaN and is left out of the means, as a class absent
/// from the ground truth and the predictions is left out of mIoU (<see cref="ConfusionMatrix"/>).
/// </remarks>
public static class MultiLabelMetrics
{
    /// <summary>
    /// Average precision of one class: the items ranked by <paramref name="scores"/>, highest first, and
    /// AP = (1/P) Σ over the positive items of precision at their rank (positives at or above it / rank), P the number
    /// of positives (scikit-learn's <c>average_precision_score</c> without ties). Equal scores are ranked by item
    /// index (a stable sort), so the result is deterministic. Returns NaN when there is no positive.
    /// </summary>
    /// <example>Scores 0.9, 0.8, 0.7, 0.6 with positives 1, 0, 1, 0: the positives sit at ranks 1 and 3, so
    /// AP = (1/1 + 2/3) / 2 = 5/6.</example>
    /// <exception cref="ArgumentException">The lengths differ or a score is NaN.</exception>
    public static double AveragePrecision(ReadOnlySpan<float> scores, ReadOnlySpan<bool> positive)
    {
        if (scores.Length != positive.Length)
            throw new ArgumentException($"{scores.Length} scores but {positive.Length} labels", nameof(scores));
        for (var i = 0; i < scores.Length; i++)
            if (float.IsNaN(scores[i]))
                throw new ArgumentException($"the score of item {i} is NaN", nameof(scores));
        var order = new int[scores.Length];
        for (var i = 0; i < order.Length; i++) order[i] = i;
        var keys = scores.ToArray();
        // Stable descending order: by score, then by index.
        Array.Sort(order, (a, b) => keys[b].CompareTo(keys[a]) is var c && c != 0 ? c : a.CompareTo(b));
        var hits = 0;
        var sum = 0.0;
        for (var rank = 0; rank < order.Length; rank++)
        {
            if (!positive[order[rank]]) continue;
            hits++;
            sum += (double)hits / (rank + 1);
        }
        return hits == 0 ? double.NaN : sum / hits;
    }

    /// <summary>
    /// <see cref="AveragePrecision"/> of each class: column c of <paramref name="scores"/> against column c of
    /// <paramref name="targets"/>; NaN for a class without a positive.
    /// </summary>
    /// <exception cref="ArgumentException">The shapes disagree or a score is NaN.</exception>
    public static double[] PerClassAveragePrecision(ReadOnlySpan<float> scores, ReadOnlySpan<float> targets, int classes)
    {
        var n = Items(scores, targets, classes);
        var column = new float[n];
        var labels = new bool[n];
        var result = new double[classes];
        for (var c = 0; c < classes; c++)
        {
            for (var i = 0; i < n; i++)
            {
                column[i] = scores[i * classes + c];
                labels[i] = targets[i * classes + c] > 0.5f;
            }
            try
            {
                result[c] = AveragePrecision(column, labels);
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException($"class {c}: {e.Message}", nameof(scores), e);
            }
        }
        return result;
    }

    /// <summary>
    /// Mean average precision: <see cref="PerClassAveragePrecision"/> averaged over the classes that have at least one
    /// positive. NaN when no class has one.
    /// </summary>
    /// <exception cref="ArgumentException">The shapes disagree or a score is NaN.</exception>
    public static double MeanAveragePrecision(ReadOnlySpan<float> scores, ReadOnlySpan<float> targets, int classes) =>
        MeanOfDefined(PerClassAveragePrecision(scores, targets, classes));

    /// <summary>
    /// F1 of each class with an item predicted positive when its score is strictly above <paramref name="threshold"/>
    /// (0 for logits, 0.5 for probabilities): F1_c = 2 TP / (2 TP + FP + FN); NaN for a class that is neither a target nor
    /// predicted for any item (TP + FP + FN = 0).
    /// </summary>
    /// <exception cref="ArgumentException">The shapes disagree, a score is NaN or the threshold is NaN.</exception>
    public static double[] PerClassF1(ReadOnlySpan<float> scores, ReadOnlySpan<float> targets, int classes, float threshold)
    {
        var (tp, fp, fn) = Counts(scores, targets, classes, threshold);
        var result = new double[classes];
        for (var c = 0; c < classes; c++) result[c] = F1(tp[c], fp[c], fn[c]);
        return result;
    }

    /// <summary>Macro F1: <see cref="PerClassF1"/> averaged over the classes where it is defined; NaN when none is.</summary>
    /// <exception cref="ArgumentException">The shapes disagree, a score is NaN or the threshold is NaN.</exception>
    public static double MacroF1(ReadOnlySpan<float> scores, ReadOnlySpan<float> targets, int classes, float threshold) =>
        MeanOfDefined(PerClassF1(scores, targets, classes, threshold));

    /// <summary>
    /// Micro F1: the counts pooled over all classes, 2 ΣTP / (2 ΣTP + ΣFP + ΣFN) (a prediction is positive when its score is
    /// strictly above <paramref name="threshold"/>); NaN when there is no target and no predicted positive at all.
    /// </summary>
    /// <exception cref="ArgumentException">The shapes disagree, a score is NaN or the threshold is NaN.</exception>
    public static double MicroF1(ReadOnlySpan<float> scores, ReadOnlySpan<float> targets, int classes, float threshold)
    {
        var (tp, fp, fn) = Counts(scores, targets, classes, threshold);
        return F1(tp.Sum(), fp.Sum(), fn.Sum());
    }

    private static double F1(long tp, long fp, long fn)
    {
        var denominator = 2 * tp + fp + fn;
        return denominator == 0 ? double.NaN : 2.0 * tp / denominator;
    }

    private static (long[] Tp, long[] Fp, long[] Fn) Counts(ReadOnlySpan<float> scores, ReadOnlySpan<float> targets, int classes, float threshold)
    {
        if (float.IsNaN(threshold)) throw new ArgumentException("the threshold is NaN", nameof(threshold));
        var n = Items(scores, targets, classes);
        long[] tp = new long[classes], fp = new long[classes], fn = new long[classes];
        for (var i = 0; i < n; i++)
            for (var c = 0; c < classes; c++)
            {
                var score = scores[i * classes + c];
                if (float.IsNaN(score))
                    throw new ArgumentException($"the score of item {i}, class {c} is NaN", nameof(scores));
                var predicted = score > threshold;
                var actual = targets[i * classes + c] > 0.5f;
                if (predicted && actual) tp[c]++;
                else if (predicted) fp[c]++;
                else if (actual) fn[c]++;
            }
        return (tp, fp, fn);
    }

    /// <summary>The number of items N, after checking that both spans are N x <paramref name="classes"/>.</summary>
    private static int Items(ReadOnlySpan<float> scores, ReadOnlySpan<float> targets, int classes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(classes);
        if (scores.Length != targets.Length || scores.Length % classes != 0)
            throw new ArgumentException($"scores ({scores.Length} values) and targets ({targets.Length} values) must both be N x {classes} classes", nameof(scores));
        return scores.Length / classes;
    }

    private static double MeanOfDefined(double[] values)
    {
        var sum = 0.0;
        var counted = 0;
        foreach (var v in values)
        {
            if (double.IsNaN(v)) continue;
            sum += v;
            counted++;
        }
        return counted == 0 ? double.NaN : sum / counted;
    }
}
