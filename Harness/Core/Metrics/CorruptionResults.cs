using System.Collections.ObjectModel;
using System.Globalization;

namespace AdvCam.Core.Metrics;

/// <summary>
/// The top-1 errors (1 − accuracy) of one model on the clean test set and on each corruption at each severity: the input
/// of <see cref="CorruptionMetrics"/>, made once for the model under test and once for the baseline model.
/// </summary>
/// <remarks>
/// Corruption names are compared ordinally (case-sensitive). Entry s of a corruption's array is severity s + 1 (ImageNet-C
/// numbers its severities 1 to 5). The arrays are copied, so later changes to the caller's arrays do not show here.
/// </remarks>
public sealed class CorruptionResults
{
    private readonly Dictionary<string, IReadOnlyList<double>> errors;

    /// <summary>Results from errors: <paramref name="cleanError"/> on the clean test set and, per corruption name, the error at each severity.</summary>
    /// <exception cref="ArgumentException">No corruption is given, a name is empty, a corruption has no severity, or an
    /// error is not a number in [0, 1] (the message names the corruption and severity).</exception>
    public CorruptionResults(double cleanError, IReadOnlyDictionary<string, double[]> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        RequireError(cleanError, "the clean error");
        if (errors.Count == 0) throw new ArgumentException("give the errors of at least one corruption", nameof(errors));
        this.errors = new Dictionary<string, IReadOnlyList<double>>(errors.Count, StringComparer.Ordinal);
        var names = new List<string>(errors.Count);
        foreach (var (name, values) in errors)
        {
            if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("a corruption name is empty", nameof(errors));
            if (values is null || values.Length == 0)
                throw new ArgumentException($"corruption '{name}' has no severity", nameof(errors));
            for (var s = 0; s < values.Length; s++)
                RequireError(values[s], $"the error of '{name}' at severity {s + 1}");
            this.errors.Add(name, new ReadOnlyCollection<double>((double[])values.Clone()));
            names.Add(name);
        }
        CleanError = cleanError;
        Corruptions = names.AsReadOnly();
    }

    /// <summary>
    /// Results from accuracies (each error is 1 − accuracy): <paramref name="cleanAccuracy"/> on the clean test set and,
    /// per corruption name, the accuracy at each severity.
    /// </summary>
    /// <exception cref="ArgumentException">As the constructor, for an accuracy not in [0, 1].</exception>
    public static CorruptionResults FromAccuracies(double cleanAccuracy, IReadOnlyDictionary<string, double[]> accuracies)
    {
        ArgumentNullException.ThrowIfNull(accuracies);
        return new CorruptionResults(1 - RequireAccuracy(cleanAccuracy, "the clean accuracy"),
            accuracies.ToDictionary(kv => kv.Key,
                kv => kv.Value?.Select((a, s) => 1 - RequireAccuracy(a, $"the accuracy of '{kv.Key}' at severity {s + 1}")).ToArray()!,
                StringComparer.Ordinal));
    }

    /// <summary>Top-1 error on the clean test set.</summary>
    public double CleanError { get; }

    /// <summary>The corruption names, in the order they were given.</summary>
    public IReadOnlyList<string> Corruptions { get; }

    /// <summary>The errors of <paramref name="corruption"/> by severity (entry s is severity s + 1).</summary>
    /// <exception cref="KeyNotFoundException">There are no results for <paramref name="corruption"/> (the message lists those there are).</exception>
    public IReadOnlyList<double> this[string corruption] =>
        TryGet(corruption, out var values)
            ? values
            : throw new KeyNotFoundException($"no results for corruption '{corruption}' (there are: {string.Join(", ", Corruptions)})");

    /// <summary>The errors of <paramref name="corruption"/> by severity, when there are results for it.</summary>
    public bool TryGet(string corruption, out IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(corruption);
        if (errors.TryGetValue(corruption, out var found))
        {
            values = found;
            return true;
        }
        values = [];
        return false;
    }

    private static void RequireError(double value, string what)
    {
        if (!(value >= 0 && value <= 1))
            throw new ArgumentException($"{what} is {value.ToString(CultureInfo.InvariantCulture)}, not an error in [0, 1]");
    }

    private static double RequireAccuracy(double value, string what)
    {
        if (!(value >= 0 && value <= 1))
            throw new ArgumentException($"{what} is {value.ToString(CultureInfo.InvariantCulture)}, not an accuracy in [0, 1]");
        return value;
    }
}
