using AdvCam.Abstractions;

namespace AdvCam.Core.Running;

/// <summary>A <see cref="Severity"/> as the results record it.</summary>
/// <param name="Level">Its level (1 = the mildest).</param>
/// <param name="Label">Its label.</param>
/// <param name="Values">The named numbers that define it, in the plugin's order.</param>
public sealed record SeverityInfo(int Level, string Label, IReadOnlyDictionary<string, double> Values)
{
    /// <summary>The record of <paramref name="severity"/>.</summary>
    /// <param name="severity">The severity.</param>
    public static SeverityInfo From(Severity severity)
    {
        ArgumentNullException.ThrowIfNull(severity);
        var values = new Dictionary<string, double>();
        foreach (var (name, value) in severity.Values) values[name] = value;
        return new SeverityInfo(severity.Level, severity.Label, values);
    }
}
