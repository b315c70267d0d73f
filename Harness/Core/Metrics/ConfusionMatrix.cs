using AdvCam.Core.Data.Loading;
using AdvCam.Torch;

namespace AdvCam.Core.Metrics;

/// <summary>
/// A K×K confusion matrix of per-pixel labels, accumulated over a test set: entry [t, p] counts the pixels of true class
/// t predicted as class p. Pixels whose true label is <see cref="IgnoreIndex"/> are left out. Gives pixel accuracy,
/// per-class IoU and mIoU.
/// </summary>
/// <remarks>
/// IoU_c = TP / (TP + FP + FN) with TP = [c, c], FP = column c without TP (predicted c, truly another class),
/// FN = row c without TP (truly c, predicted another). <see cref="MeanIntersectionOverUnion"/> averages it over the
/// classes that occur in the ground truth or in the predictions (TP + FP + FN &gt; 0); a class absent from both has no
/// defined IoU and is left out of the mean, as in the usual segmentation benchmarks' implementations.
/// Label maps are added either as managed spans (<see cref="Add(ReadOnlySpan{long}, ReadOnlySpan{long})"/>) or as
/// tensors (<see cref="Add(Tensor, Tensor)"/>, counted by libtorch on the tensors' device); both count the same pixels.
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

    /// <summary>The true label that marks a pixel without a label (skipped by <c>Add</c>).</summary>
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
                throw BadTruth(t, i);
            if ((ulong)predicted[i] >= (ulong)Classes)
                throw BadPrediction(predicted[i], i);
        }
        for (var i = 0; i < truth.Length; i++)
        {
            var t = truth[i];
            if (t == IgnoreIndex) continue;
            counts[t * Classes + predicted[i]]++;
            Total++;
        }
    }

    /// <summary>
    /// Counts the pixels of label-map tensors of any shape (e.g. [B, H, W]) with libtorch on their device: the bincount
    /// of truth·K + predicted over the pixels whose true label is not <see cref="IgnoreIndex"/>, copied back as K² counts.
    /// Same rules and same result as the span overload, without copying the maps to managed memory; the tensors are
    /// only read. Both must have the same shape, device and an integer element type (uint8 masks are fine).
    /// </summary>
    /// <exception cref="ArgumentException">Shapes or devices differ, an element type is not an integer type, or a label is
    /// out of range (the message names the first such pixel, in row-major order; nothing is counted then).</exception>
    public void Add(Tensor truth, Tensor predicted)
    {
        ArgumentNullException.ThrowIfNull(truth);
        ArgumentNullException.ThrowIfNull(predicted);
        RequireLabels(truth, nameof(truth));
        RequireLabels(predicted, nameof(predicted));
        if (!truth.shape.AsSpan().SequenceEqual(predicted.shape))
            throw new ArgumentException($"true labels {truth.ShapeText} and predicted labels {predicted.ShapeText} differ in shape");
        if (truth.device != predicted.device)
            throw new ArgumentException($"true labels are on {truth.device} but predicted labels on {predicted.device}");

        long[] bins;
        using (torch.NewDisposeScope())
        {
            var t = truth.reshape(-1).to(ScalarType.Int64);
            var p = predicted.reshape(-1).to(ScalarType.Int64);
            var counted = t.ne(IgnoreIndex);
            var badTruth = counted & ((t < 0) | (t >= Classes));
            if (badTruth.any().item<bool>())
            {
                var i = FirstIndex(badTruth);
                throw BadTruth(t.select(0, i).item<long>(), i);
            }
            var badPrediction = (p < 0) | (p >= Classes);
            if (badPrediction.any().item<bool>())
            {
                var i = FirstIndex(badPrediction);
                throw BadPrediction(p.select(0, i).item<long>(), i);
            }
            bins = (t * Classes + p).masked_select(counted).bincount(counts.Length).cpu().ToArray<long>();
        }
        if (bins.Length != counts.Length)
            throw new InvalidOperationException($"bincount gave {bins.Length} bins, expected {counts.Length}");
        for (var i = 0; i < bins.Length; i++)
        {
            counts[i] += bins[i];
            Total += bins[i];
        }
    }

    /// <summary>Pixel accuracy: the share of counted pixels predicted as their true class (trace / <see cref="Total"/>); NaN when no pixel is counted.</summary>
    public double PixelAccuracy()
    {
        if (Total == 0) return double.NaN;
        long hits = 0;
        for (var c = 0; c < Classes; c++) hits += counts[c * Classes + c];
        return (double)hits / Total;
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
    /// <see cref="IntersectionOverUnion"/> of every class, index = class; NaN for a class that occurs neither in the ground
    /// truth nor in the predictions.
    /// </summary>
    public double[] PerClassIntersectionOverUnion()
    {
        var result = new double[Classes];
        for (var c = 0; c < Classes; c++) result[c] = IntersectionOverUnion(c);
        return result;
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

    private ArgumentException BadTruth(long label, long pixel) =>
        new($"true label {label} at pixel {pixel} is neither in [0, {Classes}) nor the ignore label {IgnoreIndex}");

    private ArgumentException BadPrediction(long label, long pixel) =>
        new($"predicted label {label} at pixel {pixel} is not in [0, {Classes})");

    private static void RequireLabels(Tensor labels, string name)
    {
        var type = labels.dtype;
        if (type.IsFloatingPoint() || type == ScalarType.Bool)
            throw new ArgumentException($"{name} must hold integer labels, got a {type} tensor {labels.ShapeText}", name);
    }

    /// <summary>The flat index of the first true element of a 1-D bool tensor that has one.</summary>
    private static long FirstIndex(Tensor mask) => mask.nonzero().select(0, 0).select(0, 0).item<long>();
}
