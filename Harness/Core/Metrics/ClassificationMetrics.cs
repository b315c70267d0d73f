namespace AdvCam.Core.Metrics;

/// <summary>
/// Accuracy of a single-label classifier, from logits gathered over a test set (row-major [N, K], K = classes) or from
/// predicted labels.
/// </summary>
/// <remarks>
/// <para><b>Ties.</b> Classes are ranked by logit, highest first, and equal logits by class index, lowest first (a stable
/// sort, as <c>argmax</c> returns the first maximum). An item is correct at k when its label is among the first k of that
/// ranking: its rank r = #{c : l_c &gt; l_y} + #{c &lt; y : l_c = l_y} (0-based) is below k. So a label tied with a
/// lower class for the last place inside the top k is outside it, and top-1 is exactly "argmax == label".</para>
/// <para>Logits must not be NaN (the message names the item and class); labels must be in [0, K). An empty set gives NaN.</para>
/// </remarks>
public static class ClassificationMetrics
{
    /// <summary>The top-1 prediction of each item: the index of its highest logit, the lowest index on ties.</summary>
    /// <exception cref="ArgumentException">The length is not a multiple of <paramref name="classes"/>, or a logit is NaN.</exception>
    public static long[] Predictions(ReadOnlySpan<float> logits, int classes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(classes);
        if (logits.Length % classes != 0)
            throw new ArgumentException($"logits hold {logits.Length} values, not a multiple of {classes} classes", nameof(logits));
        RequireNoNaN(logits, classes, nameof(logits));
        var result = new long[logits.Length / classes];
        for (var i = 0; i < result.Length; i++)
        {
            var row = logits.Slice(i * classes, classes);
            var best = 0;
            for (var c = 1; c < classes; c++)
                if (row[c] > row[best]) best = c;
            result[i] = best;
        }
        return result;
    }

    /// <summary>Accuracy of predicted labels: the share of items whose <paramref name="predicted"/> label equals its <paramref name="labels"/> entry. NaN when empty.</summary>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public static double Accuracy(ReadOnlySpan<long> predicted, ReadOnlySpan<long> labels)
    {
        if (predicted.Length != labels.Length)
            throw new ArgumentException($"{predicted.Length} predictions but {labels.Length} labels", nameof(predicted));
        if (labels.Length == 0) return double.NaN;
        var correct = 0;
        for (var i = 0; i < labels.Length; i++)
            if (predicted[i] == labels[i]) correct++;
        return (double)correct / labels.Length;
    }

    /// <summary>Top-1 accuracy: the share of items whose highest logit (lowest class on ties) is their label. NaN when N is 0.</summary>
    /// <exception cref="ArgumentException">The shapes disagree, a logit is NaN or a label is out of range.</exception>
    public static double Top1Accuracy(ReadOnlySpan<float> logits, ReadOnlySpan<long> labels, int classes) =>
        TopKAccuracy(logits, labels, classes, 1);

    /// <summary>
    /// Top-k accuracy: the share of items whose label is among their <paramref name="k"/> highest logits (ties ranked by
    /// class index, see the class remarks). NaN when N is 0.
    /// </summary>
    /// <exception cref="ArgumentException">The shapes disagree, a logit is NaN or a label is out of range.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="k"/> is not in [1, <paramref name="classes"/>].</exception>
    public static double TopKAccuracy(ReadOnlySpan<float> logits, ReadOnlySpan<long> labels, int classes, int k)
    {
        Validate(logits, labels, classes, k);
        if (labels.Length == 0) return double.NaN;
        var correct = 0;
        for (var i = 0; i < labels.Length; i++)
            if (InTopK(logits.Slice(i * classes, classes), (int)labels[i], k)) correct++;
        return (double)correct / labels.Length;
    }

    /// <summary>
    /// Per-class accuracy (the recall of each class): entry c is the top-<paramref name="k"/> accuracy over the items
    /// labelled c, NaN for a class with no item.
    /// </summary>
    /// <exception cref="ArgumentException">The shapes disagree, a logit is NaN or a label is out of range.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="k"/> is not in [1, <paramref name="classes"/>].</exception>
    public static double[] PerClassAccuracy(ReadOnlySpan<float> logits, ReadOnlySpan<long> labels, int classes, int k = 1)
    {
        Validate(logits, labels, classes, k);
        var items = new int[classes];
        var correct = new int[classes];
        for (var i = 0; i < labels.Length; i++)
        {
            var y = (int)labels[i];
            items[y]++;
            if (InTopK(logits.Slice(i * classes, classes), y, k)) correct[y]++;
        }
        var result = new double[classes];
        for (var c = 0; c < classes; c++) result[c] = items[c] == 0 ? double.NaN : (double)correct[c] / items[c];
        return result;
    }

    /// <summary>Whether <paramref name="label"/> ranks among the first <paramref name="k"/> of <paramref name="row"/> (ties to the lower index).</summary>
    private static bool InTopK(ReadOnlySpan<float> row, int label, int k)
    {
        var score = row[label];
        var rank = 0;
        for (var c = 0; c < row.Length; c++)
            if (row[c] > score || (c < label && row[c] == score)) rank++;
        return rank < k;
    }

    private static void Validate(ReadOnlySpan<float> logits, ReadOnlySpan<long> labels, int classes, int k)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(classes);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(k, classes);
        if (logits.Length != (long)labels.Length * classes)
            throw new ArgumentException($"logits hold {logits.Length} values, expected {labels.Length} items x {classes} classes", nameof(logits));
        for (var i = 0; i < labels.Length; i++)
            if ((ulong)labels[i] >= (ulong)classes)
                throw new ArgumentException($"label {labels[i]} of item {i} is not in [0, {classes})", nameof(labels));
        RequireNoNaN(logits, classes, nameof(logits));
    }

    private static void RequireNoNaN(ReadOnlySpan<float> logits, int classes, string name)
    {
        for (var j = 0; j < logits.Length; j++)
            if (float.IsNaN(logits[j]))
                throw new ArgumentException($"{name}: the score of item {j / classes}, class {j % classes} is NaN", name);
    }
}
