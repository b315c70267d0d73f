using System.Globalization;

namespace AdvCam.Core.Metrics;

/// <summary>
/// Corruption error (CE) and mean corruption error (mCE) as ImageNet-C defines them (Hendrycks &amp; Dietterich, ICLR 2019),
/// from the <see cref="CorruptionResults"/> of the model under test f and of a baseline model (AlexNet in the paper).
/// </summary>
/// <remarks>
/// With E_{s,c} the top-1 error at severity s of corruption c and E_clean the clean error:
/// <list type="bullet">
/// <item>CE_c^f = Σ_s E_{s,c}^f / Σ_s E_{s,c}^baseline; mCE = the mean of CE_c over the model's corruptions;</item>
/// <item>relative CE_c^f = Σ_s (E_{s,c}^f − E_clean^f) / Σ_s (E_{s,c}^baseline − E_clean^baseline); relative mCE = its mean.</item>
/// </list>
/// Values are ratios (1 = as bad as the baseline); the paper prints them ×100 as percentages. The baseline must have every
/// corruption of the model, with the same number of severities (extra baseline corruptions are ignored).
/// </remarks>
public static class CorruptionMetrics
{
    /// <summary>CE_c: the model's errors on <paramref name="corruption"/> summed over the severities, over the baseline's.</summary>
    /// <exception cref="ArgumentException">Either side lacks the corruption, the severity counts differ, or the baseline's
    /// errors on it sum to 0.</exception>
    public static double CorruptionError(CorruptionResults model, CorruptionResults baseline, string corruption)
    {
        var (f, b) = Pair(model, baseline, corruption);
        double numerator = 0, denominator = 0;
        for (var s = 0; s < f.Count; s++)
        {
            numerator += f[s];
            denominator += b[s];
        }
        if (denominator == 0)
            throw new ArgumentException($"the CE of '{corruption}' is undefined: the baseline's errors on it sum to 0", nameof(baseline));
        return numerator / denominator;
    }

    /// <summary>
    /// Relative CE_c: the model's errors on <paramref name="corruption"/> minus its clean error, summed over the severities,
    /// over the same sum of the baseline.
    /// </summary>
    /// <exception cref="ArgumentException">Either side lacks the corruption, the severity counts differ, or the baseline's
    /// denominator is 0 (its errors on the corruption sum to its clean error times the number of severities).</exception>
    public static double RelativeCorruptionError(CorruptionResults model, CorruptionResults baseline, string corruption)
    {
        var (f, b) = Pair(model, baseline, corruption);
        double numerator = 0, denominator = 0;
        for (var s = 0; s < f.Count; s++)
        {
            numerator += f[s] - model.CleanError;
            denominator += b[s] - baseline.CleanError;
        }
        if (denominator == 0)
            throw new ArgumentException(
                $"the relative CE of '{corruption}' is undefined: the baseline's errors on it minus its clean error " +
                $"({baseline.CleanError.ToString(CultureInfo.InvariantCulture)}) sum to 0 over the {b.Count} severities", nameof(baseline));
        return numerator / denominator;
    }

    /// <summary>mCE: <see cref="CorruptionError"/> averaged over the model's corruptions.</summary>
    /// <exception cref="ArgumentException">As <see cref="CorruptionError"/>, for any of the model's corruptions.</exception>
    public static double MeanCorruptionError(CorruptionResults model, CorruptionResults baseline) =>
        Mean(model, baseline, CorruptionError);

    /// <summary>Relative mCE: <see cref="RelativeCorruptionError"/> averaged over the model's corruptions.</summary>
    /// <exception cref="ArgumentException">As <see cref="RelativeCorruptionError"/>, for any of the model's corruptions.</exception>
    public static double RelativeMeanCorruptionError(CorruptionResults model, CorruptionResults baseline) =>
        Mean(model, baseline, RelativeCorruptionError);

    private static double Mean(CorruptionResults model, CorruptionResults baseline,
        Func<CorruptionResults, CorruptionResults, string, double> error)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(baseline);
        var sum = 0.0;
        foreach (var corruption in model.Corruptions) sum += error(model, baseline, corruption);
        return sum / model.Corruptions.Count;
    }

    private static (IReadOnlyList<double> Model, IReadOnlyList<double> Baseline) Pair(
        CorruptionResults model, CorruptionResults baseline, string corruption)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(corruption);
        if (!model.TryGet(corruption, out var f))
            throw new ArgumentException($"the model has no results for corruption '{corruption}' (it has: {string.Join(", ", model.Corruptions)})", nameof(corruption));
        if (!baseline.TryGet(corruption, out var b))
            throw new ArgumentException($"the baseline has no results for corruption '{corruption}' (it has: {string.Join(", ", baseline.Corruptions)})", nameof(baseline));
        if (f.Count != b.Count)
            throw new ArgumentException($"corruption '{corruption}' has {f.Count} severities for the model but {b.Count} for the baseline", nameof(baseline));
        return (f, b);
    }
}
