using System.Globalization;

namespace AdvCam.Abstractions;

/// <summary>
/// One strength at which a perturbation is applied: its level in the perturbation's list (1 = mildest), a label for
/// reports (e.g. <c>"sigma=1.5"</c>), and the named numbers that define it (e.g. <c>sigma = 1.5</c>), so a report shows
/// exactly what "severity 3" was.
/// </summary>
/// <remarks>Two severities are equal when level, label and every named value are equal.</remarks>
public sealed class Severity : IEquatable<Severity>
{
    private readonly KeyValuePair<string, double>[] values;

    /// <summary>Defines a severity.</summary>
    /// <param name="level">Its place in the perturbation's list: 1 for the mildest, increasing with strength.</param>
    /// <param name="label">A short label for reports: not empty.</param>
    /// <param name="values">The named numbers that define it (distinct, non-empty names; finite values), in the order
    /// reports list them.</param>
    /// <exception cref="ArgumentException">The level is below 1, the label is empty, or a value is not usable; the
    /// message names it.</exception>
    public Severity(int level, string label, IEnumerable<KeyValuePair<string, double>> values)
    {
        ArgumentNullException.ThrowIfNull(label);
        ArgumentNullException.ThrowIfNull(values);
        if (level < 1) throw new ArgumentException($"severity level {level} is below 1 (levels count from 1, the mildest)", nameof(level));
        if (string.IsNullOrWhiteSpace(label)) throw new ArgumentException($"severity {level} has an empty label", nameof(label));
        this.values = values.ToArray();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, value) in this.values)
        {
            if (string.IsNullOrEmpty(name)) throw new ArgumentException($"severity '{label}' has a value with an empty name", nameof(values));
            if (!seen.Add(name)) throw new ArgumentException($"severity '{label}' names value '{name}' twice", nameof(values));
            if (!double.IsFinite(value)) throw new ArgumentException($"severity '{label}': value '{name}' is {value.ToString(CultureInfo.InvariantCulture)}, not a finite number", nameof(values));
        }
        Level = level;
        Label = label;
    }

    /// <summary>Defines a severity from <c>(name, value)</c> pairs.</summary>
    /// <param name="level">Its place in the perturbation's list: 1 for the mildest.</param>
    /// <param name="label">A short label for reports.</param>
    /// <param name="values">The named numbers that define it.</param>
    public Severity(int level, string label, params (string Name, double Value)[] values)
        : this(level, label, (values ?? throw new ArgumentNullException(nameof(values))).Select(v => KeyValuePair.Create(v.Name, v.Value)))
    {
    }

    /// <summary>Its place in the perturbation's list: 1 for the mildest, increasing with strength.</summary>
    public int Level { get; }

    /// <summary>A short label for reports.</summary>
    public string Label { get; }

    /// <summary>The named numbers that define it, in declaration order.</summary>
    public IReadOnlyList<KeyValuePair<string, double>> Values => values;

    /// <summary>The value named <paramref name="name"/>.</summary>
    /// <param name="name">The value's name.</param>
    /// <exception cref="ArgumentException">This severity has no such value; the message lists those it has.</exception>
    public double this[string name]
    {
        get
        {
            foreach (var (key, value) in values)
                if (key == name) return value;
            throw new ArgumentException(
                $"severity '{Label}' has no value '{name}'; it has {(values.Length == 0 ? "none" : string.Join(", ", values.Select(v => v.Key)))}",
                nameof(name));
        }
    }

    /// <inheritdoc/>
    public bool Equals(Severity? other) =>
        other is not null && Level == other.Level && Label == other.Label &&
        values.Length == other.values.Length &&
        values.Zip(other.values).All(p => p.First.Key == p.Second.Key && p.First.Value.Equals(p.Second.Value));

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as Severity);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Level, Label, values.Length);

    /// <summary>Level, label and values, e.g. <c>"3 strong (sigma=1.5)"</c>.</summary>
    public override string ToString() =>
        values.Length == 0
            ? $"{Level} {Label}"
            : $"{Level} {Label} ({string.Join(", ", values.Select(v => v.Key + "=" + v.Value.ToString("R", CultureInfo.InvariantCulture)))})";
}
