using AdvCam.Core.Data.Loading;

namespace AdvCam.Core.Training;

/// <summary>Evaluation metrics of classifiers and segmenters, computed on the CPU from logits or labels gathered over a whole test set.</summary>
public static class Metrics
{
    /// <summary>
    /// Top-1 accuracy: the share of items whose highest logit is their label. <paramref name="logits"/> is row-major
    /// [N, <paramref name="classes"/>]; ties go to the lowest class index (as <c>argmax</c>). Returns NaN when N is 0.
    /// </summary>
    public static double Top1Accuracy(ReadOnlySpan<float> logits, ReadOnlySpan<long> labels, int classes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(classes);
        if (logits.Length != labels.Length * classes)
            throw new ArgumentException($"logits hold {logits.Length} values, expected {labels.Length} x {classes}");
        if (labels.Length == 0) return double.NaN;
        var correct = 0;
        for (var i = 0; i < labels.Length; i++)
        {
            var row = logits.Slice(i * classes, classes);
            var best = 0;
            for (var c = 1; c < classes; c++)
                if (row[c] > row[best]) best = c;
            if (best == labels[i]) correct++;
        }
        return (double)correct / labels.Length;
    }

    /// <summary>
    /// Average precision of one class: the items ranked by <paramref name="scores"/>, highest first, and
    /// AP = (1/P) Σ over the positive items of precision at their rank (positives at or above it / rank), P the number
    /// of positives (scikit-learn's <c>average_precision_score</c> without ties). Equal scores are ranked by item
    /// index (a stable sort), so the result is deterministic. Returns NaN when there is no positive.
    /// </summary>
    /// <example>Scores 0.9, 0.8, 0.7, 0.6 with positives 1, 0, 1, 0: the positives sit at ranks 1 and 3, so
    /// AP = (1/1 + 2/3) / 2 = 5/6.</example>
    public static double AveragePrecision(ReadOnlySpan<float> scores, ReadOnlySpan<bool> positive)
    {
        if (scores.Length != positive.Length)
            throw new ArgumentException($"{scores.Length} scores but {positive.Length} labels");
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
    /// Mean average precision of a multi-label classifier: <see cref="AveragePrecision"/> of each class over the test set
    /// (column c of the row-major [N, <paramref name="classes"/>] <paramref name="scores"/> against column c of the
    /// multi-hot <paramref name="targets"/>, positive when &gt; 0.5), averaged over the classes that have at least one
    /// positive (a class without one has no defined AP). Returns NaN when no class has a positive.
    /// </summary>
    public static double MeanAveragePrecision(ReadOnlySpan<float> scores, ReadOnlySpan<float> targets, int classes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(classes);
        if (scores.Length != targets.Length || scores.Length % classes != 0)
            throw new ArgumentException($"scores ({scores.Length}) and targets ({targets.Length}) must both be N x {classes}");
        var n = scores.Length / classes;
        var column = new float[n];
        var labels = new bool[n];
        var sum = 0.0;
        var counted = 0;
        for (var c = 0; c < classes; c++)
        {
            for (var i = 0; i < n; i++)
            {
                column[i] = scores[i * classes + c];
                labels[i] = targets[i * classes + c] > 0.5f;
            }
            var ap = AveragePrecision(column, labels);
            if (double.IsNaN(ap)) continue;
            sum += ap;
            counted++;
        }
        return counted == 0 ? double.NaN : sum / counted;
    }

    /// <summary>
    /// Mean intersection over union of per-pixel labels (flattened label maps): a <see cref="ConfusionMatrix"/> of
    /// <paramref name="truth"/> against <paramref name="predicted"/>, pixels whose true label is
    /// <paramref name="ignoreIndex"/> left out; IoU_c = TP / (TP + FP + FN), averaged over the classes that occur in the
    /// ground truth or in the predictions. Returns NaN when no pixel is counted.
    /// </summary>
    /// <exception cref="ArgumentException">The lengths differ or a label is out of range.</exception>
    public static double MeanIntersectionOverUnion(ReadOnlySpan<long> truth, ReadOnlySpan<long> predicted, int classes,
        long ignoreIndex = Batch.IgnoreIndex)
    {
        var confusion = new ConfusionMatrix(classes, ignoreIndex);
        confusion.Add(truth, predicted);
        return confusion.MeanIntersectionOverUnion();
    }
}
