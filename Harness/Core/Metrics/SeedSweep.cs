using AdvCam.Abstractions;
using AdvCam.Core.Data.Loading;
using AdvCam.Torch;

namespace AdvCam.Core.Metrics;

/// <summary>
/// Seed quality of attribution maps over a sweep of background thresholds and at a fixed one (DESIGN.md §6), accumulated
/// batch by batch: for every threshold t, the seed label maps (<see cref="SeedLabelMap"/>: argmax over
/// <c>[t, map_c for the classes present]</c>, background winning ties) are counted against the ground-truth masks in
/// one (K+1)×(K+1) <see cref="ConfusionMatrix"/> per threshold.
/// </summary>
/// <remarks>
/// <para>mIoU is over background and the K classes, averaging only the labels that occur in the ground truth or in the
/// seeds of the whole evaluation (a class absent from both has no IoU and is left out of the mean, as the usual
/// segmentation benchmarks do); pixels labelled <see cref="ConfusionMatrix.IgnoreIndex"/> (255) are not counted.</para>
/// <para><see cref="Best"/> is the sweep threshold of the highest mIoU, the lowest such threshold on a tie; the fixed
/// threshold does not compete unless it is also in the sweep. A threshold that is both in the sweep and the fixed one
/// is counted once.</para>
/// </remarks>
public sealed class SeedSweep
{
    /// <summary>The default fixed threshold (the suite runner's).</summary>
    public const double DefaultFixedThreshold = 0.25;

    private readonly Dictionary<double, ConfusionMatrix> matrices = [];

    /// <summary>An empty evaluation of <paramref name="classes"/> classes.</summary>
    /// <param name="classes">The number of classes K (maps have K channels; masks hold 0..K and the ignore label).</param>
    /// <param name="sweep">The thresholds to sweep, each finite and distinct (default <see cref="DefaultSweep"/>).</param>
    /// <param name="fixedThreshold">The fixed threshold (default <see cref="DefaultFixedThreshold"/>).</param>
    /// <param name="ignoreIndex">The mask label of pixels without ground truth.</param>
    /// <exception cref="ArgumentException">No class, an empty sweep, a repeated or non-finite threshold.</exception>
    public SeedSweep(int classes, IReadOnlyList<double>? sweep = null, double fixedThreshold = DefaultFixedThreshold, long ignoreIndex = Batch.IgnoreIndex)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(classes);
        sweep ??= DefaultSweep;
        if (sweep.Count == 0) throw new ArgumentException("the threshold sweep is empty", nameof(sweep));
        if (!double.IsFinite(fixedThreshold)) throw new ArgumentException($"the fixed threshold must be finite, got {fixedThreshold}", nameof(fixedThreshold));
        foreach (var t in sweep)
        {
            if (!double.IsFinite(t)) throw new ArgumentException($"sweep threshold {t} is not finite", nameof(sweep));
            if (!matrices.TryAdd(t, new ConfusionMatrix(classes + 1, ignoreIndex)))
                throw new ArgumentException($"sweep threshold {t} is listed twice", nameof(sweep));
        }
        matrices.TryAdd(fixedThreshold, new ConfusionMatrix(classes + 1, ignoreIndex));
        Classes = classes;
        Sweep = sweep.ToArray();
        FixedThreshold = fixedThreshold;
    }

    /// <summary>0.05, 0.10, ..., 0.95 (i / 20 for i = 1..19).</summary>
    public static IReadOnlyList<double> DefaultSweep { get; } = Enumerable.Range(1, 19).Select(i => i / 20.0).ToArray();

    /// <summary>The number of classes K.</summary>
    public int Classes { get; }

    /// <summary>The swept thresholds, in the order given.</summary>
    public IReadOnlyList<double> Sweep { get; }

    /// <summary>The fixed threshold.</summary>
    public double FixedThreshold { get; }

    /// <summary>
    /// Counts one batch: maps [N, K, H, W] (floats in [0, 1]), the classes present [N, K] (bool or 0/1) and the masks
    /// [N, H, W] (integers: 0 background, c + 1 class c, or the ignore label). The masks may be on another device than
    /// the maps; the tensors are only read.
    /// </summary>
    /// <exception cref="ArgumentException">The shapes disagree, or a mask label is out of range (nothing of the batch is
    /// counted then).</exception>
    public void Add(Tensor maps, Tensor present, Tensor masks)
    {
        ArgumentNullException.ThrowIfNull(maps);
        ArgumentNullException.ThrowIfNull(present);
        ArgumentNullException.ThrowIfNull(masks);
        if (maps.dim() != 4 || maps.size(1) != Classes)
            throw new ArgumentException($"maps must be [N, {Classes}, H, W], got {maps.ShapeText}", nameof(maps));
        if (masks.dim() != 3 || masks.size(0) != maps.size(0) || masks.size(1) != maps.size(2) || masks.size(2) != maps.size(3))
            throw new ArgumentException($"masks must be [{maps.size(0)}, {maps.size(2)}, {maps.size(3)}] for maps {maps.ShapeText}, got {masks.ShapeText}", nameof(masks));
        using var scope = torch.NewDisposeScope();
        var detached = maps.detach();
        var truth = masks.to(maps.device);
        // Seed labels are always in range, so only the masks can be refused, and the first Add refuses them before
        // counting anything: a refused batch leaves every matrix as it was.
        foreach (var (t, matrix) in matrices) matrix.Add(truth, SeedLabelMap.Compute(detached, present, t));
    }

    /// <summary>The seed quality at the fixed threshold.</summary>
    public SeedQuality Fixed => At(FixedThreshold);

    /// <summary>The seed quality at every swept threshold, in the sweep's order.</summary>
    public IReadOnlyList<SeedQuality> Results => Sweep.Select(At).ToArray();

    /// <summary>
    /// The swept threshold with the highest mIoU (the lowest one on a tie) and its quality; when no threshold has a
    /// defined mIoU (nothing counted), the first swept threshold's (undefined) quality.
    /// </summary>
    public SeedQuality Best
    {
        get
        {
            SeedQuality? best = null;
            foreach (var quality in Results)
            {
                if (double.IsNaN(quality.MeanIoU)) continue;
                if (best is null || quality.MeanIoU > best.MeanIoU || (quality.MeanIoU == best.MeanIoU && quality.Threshold < best.Threshold))
                    best = quality;
            }
            return best ?? At(Sweep[0]);
        }
    }

    /// <summary>The confusion matrix of threshold <paramref name="threshold"/> (a swept or the fixed one): seeds against masks.</summary>
    /// <exception cref="ArgumentException">The threshold is neither swept nor the fixed one.</exception>
    public ConfusionMatrix Confusion(double threshold) =>
        matrices.TryGetValue(threshold, out var matrix)
            ? matrix
            : throw new ArgumentException($"threshold {threshold} is neither in the sweep nor the fixed one ({FixedThreshold})", nameof(threshold));

    private SeedQuality At(double threshold) => SeedQuality.From(threshold, Confusion(threshold));
}
