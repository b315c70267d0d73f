using AdvCam.Core.Metrics;
using AdvCam.Core.Training;

namespace AdvCam.Core.Running;

/// <summary>
/// The model on the clean test data, kept for the whole run: every item's logits, top-1 prediction and targets, and the
/// metric that perturbed logits are scored with (top-1 accuracy, or mAP for multi-label data).
/// </summary>
internal sealed class CleanReference
{
    /// <summary>Builds the reference from the clean logits [N, K] (row-major) and the targets.</summary>
    /// <param name="objective">Single- or multi-label.</param>
    /// <param name="classes">K.</param>
    /// <param name="logits">The clean logits.</param>
    /// <param name="labels">Single-label: the N labels; null otherwise.</param>
    /// <param name="multiHot">Multi-label: the N × K multi-hot targets; null otherwise.</param>
    public CleanReference(ObjectiveKind objective, int classes, float[] logits, long[]? labels, float[]? multiHot)
    {
        Objective = objective;
        Classes = classes;
        Logits = logits;
        Labels = labels;
        MultiHot = multiHot;
        Items = logits.Length / classes;
        Predictions = ClassificationMetrics.Predictions(logits, classes);
        AdversaryLabels = objective == ObjectiveKind.SingleLabel ? labels! : PresentWithHighestLogit(logits, multiHot!, classes);
    }

    /// <summary>Single- or multi-label.</summary>
    public ObjectiveKind Objective { get; }

    /// <summary>Number of classes K.</summary>
    public int Classes { get; }

    /// <summary>Number of items N.</summary>
    public int Items { get; }

    /// <summary>The clean logits, row-major [N, K].</summary>
    public float[] Logits { get; }

    /// <summary>The clean top-1 predictions (argmax, the lowest class on ties).</summary>
    public long[] Predictions { get; }

    /// <summary>Single-label targets, or null.</summary>
    public long[]? Labels { get; }

    /// <summary>Multi-label targets, row-major [N, K], or null.</summary>
    public float[]? MultiHot { get; }

    /// <summary>
    /// The class index per item that a model perturbation's labels argument gets: the label (single-label), or, for
    /// multi-label data, the present class with the highest clean logit (the clean top-1 when no class is present).
    /// </summary>
    public long[] AdversaryLabels { get; }

    /// <summary>The name of <see cref="Score"/>'s metric: <see cref="SuiteMetrics.Top1"/> or <see cref="SuiteMetrics.MeanAveragePrecision"/>.</summary>
    public string MetricName => Objective == ObjectiveKind.SingleLabel ? SuiteMetrics.Top1 : SuiteMetrics.MeanAveragePrecision;

    /// <summary>The metric of logits [N, K] of the same items: top-1 accuracy or mAP.</summary>
    public double Score(float[] logits) => Objective == ObjectiveKind.SingleLabel
        ? ClassificationMetrics.Top1Accuracy(logits, Labels, Classes)
        : MultiLabelMetrics.MeanAveragePrecision(logits, MultiHot, Classes);

    /// <summary>Consistency of the top-1 predictions of <paramref name="logits"/> with the clean ones.</summary>
    public double Consistency(float[] logits) =>
        ConsistencyMetrics.Consistency(Predictions, ClassificationMetrics.Predictions(logits, Classes));

    private static long[] PresentWithHighestLogit(float[] logits, float[] multiHot, int classes)
    {
        var result = new long[logits.Length / classes];
        for (var i = 0; i < result.Length; i++)
        {
            var best = -1;
            for (var c = 0; c < classes; c++)
            {
                if (multiHot[i * classes + c] <= 0.5f) continue;
                if (best < 0 || logits[i * classes + c] > logits[i * classes + best]) best = c;
            }
            if (best < 0)
            {
                best = 0;
                for (var c = 1; c < classes; c++)
                    if (logits[i * classes + c] > logits[i * classes + best]) best = c;
            }
            result[i] = best;
        }
        return result;
    }
}
