using AdvCam.Core.Data.Loading;

namespace AdvCam.Core.Training;

/// <summary>
/// A K×K confusion matrix of per-pixel labels, accumulated over a test set: entry [t, p] counts the pixels of true class
/// t predicted as class p. Pixels whose true label is <see cref="IgnoreIndex"/> are left out. Gives per-class IoU and mIoU.
/// </summary>
/// <remarks>
/// IoU_c = TP / (TP + FP + FN) with TP = [c, c], FP = column c without TP (predicted c, truly another class),
/// FN = row c without TP (truly c, predicted another). <see cref="MeanIntersectionOverUnion"/> averages it over the
/// classes that occur in the ground truth or in the predictions (TP + FP + FN &gt; 0); a class absent from both has no
/// defined IoU and is left out of the mean, as in the usual segmentation benchmarks' implementations.
/// </remarks>
public sealed class ConfusionMatrix
{
    private readonly long[] counts;

    /// <summary>An empty matrix of <paramref name="classes"/> classes; true labels equal to <paramref name="ignoreIndex"/> are skipped.</summary>
    public ConfusionMatrix(int classes, long ignoreIndex = Batch.IgnoreIndex)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(classes);
        Classes = classes;
        IgnoreIndex = ignoreIndex;
        counts = new long[checked(classes * classes)];
    }

    /// <summary>Number of classes K.</summary>
    public int Classes { get; }

    /// <summary>The true label that marks a pixel without a label (skipped by <see cref="Add"/>).</summary>
    public long IgnoreIndex { get; }

    /// <summary>Pixels counted so far (ignored ones excluded).</summary>
    public long Total { get; private set; }

    /// <summary>Pixels of true class <paramref name="truth"/> predicted as <paramref name="predicted"/>.</summary>
    public long this[int truth, int predicted]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(truth);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(truth, Classes);
            ArgumentOutOfRangeException.ThrowIfNegative(predicted);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(predicted, Classes);
            return counts[truth * Classes + predicted];
        }
    }

    /// <summary>
    /// Counts the pixels of one or more label maps, flattened in the same order: true labels <paramref name="truth"/>
    /// (in [0, K) or <see cref="IgnoreIndex"/>) against predicted labels <paramref name="predicted"/> (in [0, K)).
    /// </summary>
    /// <exception cref="ArgumentException">The lengths differ, or a label is out of range (nothing is counted then).</exception>
    public void Add(ReadOnlySpan<long> truth, ReadOnlySpan<long> predicted)
    {
        if (truth.Length != predicted.Length)
            throw new ArgumentException($"{truth.Length} true labels but {predicted.Length} predicted labels");
        for (var i = 0; i < truth.Length; i++)
        {
            var t = truth[i];
            if (t != IgnoreIndex && (ulong)t >= (ulong)Classes)
                throw new ArgumentException($"true label {t} at pixel {i} is neither in [0, {Classes}) nor the ignore label {IgnoreIndex}");
            if ((ulong)predicted[i] >= (ulong)Classes)
                throw new ArgumentException($"predicted label {predicted[i]} at pixel {i} is not in [0, {Classes})");
        }
        for (var i = 0; i < truth.Length; i++)
        {
            var t = truth[i];
            if (t == IgnoreIndex) continue;
            counts[t * Classes + predicted[i]]++;
            Total++;
        }
    }

    /// <summary>IoU of class <paramref name="c"/>: TP / (TP + FP + FN); NaN when the class occurs neither in the ground truth nor in the predictions.</summary>
    public double IntersectionOverUnion(int c)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(c);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(c, Classes);
        long row = 0, column = 0;
        for (var k = 0; k < Classes; k++)
        {
            row += counts[c * Classes + k];
            column += counts[k * Classes + c];
        }
        var tp = counts[c * Classes + c];
        var union = row + column - tp; // TP + FN + FP
        return union == 0 ? double.NaN : (double)tp / union;
    }

    /// <summary>
    /// mIoU: <see cref="IntersectionOverUnion"/> averaged over the classes that occur in the ground truth or in the
    /// predictions (classes absent from both are left out). NaN when no pixel was counted.
    /// </summary>
    public double MeanIntersectionOverUnion()
    {
        var sum = 0.0;
        var counted = 0;
        for (var c = 0; c < Classes; c++)
        {
            var iou = IntersectionOverUnion(c);
            if (double.IsNaN(iou)) continue;
            sum += iou;
            counted++;
        }
        return counted == 0 ? double.NaN : sum / counted;
    }
}
