using System.Globalization;

namespace AdvCam.Abstractions;

/// <summary>
/// Parsing and canonical string forms of parameter values (invariant culture), shared by <see cref="PluginParameter"/>
/// and <see cref="PluginBase"/> so a default and an override are read alike.
/// </summary>
public static class PluginValues
{
    /// <summary>
    /// Checks <paramref name="text"/> against <paramref name="kind"/> and gives its canonical form: integers and reals
    /// as .NET's invariant round-trip text, booleans as <c>"true"</c>/<c>"false"</c>, text unchanged.
    /// </summary>
    /// <param name="kind">The kind of value expected.</param>
    /// <param name="text">The value as given.</param>
    /// <param name="normalized">The canonical form, when the value is accepted.</param>
    /// <param name="problem">Why the value is refused (e.g. "is not a whole number"), when it is.</param>
    /// <returns>Whether the value is accepted.</returns>
    public static bool TryNormalize(PluginValueKind kind, string text, out string normalized, out string problem)
    {
        ArgumentNullException.ThrowIfNull(text);
        normalized = text;
        problem = "";
        switch (kind)
        {
            case PluginValueKind.Text:
                return true;
            case PluginValueKind.Integer:
                if (long.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole))
                {
                    normalized = whole.ToString(CultureInfo.InvariantCulture);
                    return true;
                }
                problem = "is not a whole number (64-bit, invariant culture, e.g. \"3\")";
                return false;
            case PluginValueKind.Real:
                if (double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var real) && double.IsFinite(real))
                {
                    normalized = real.ToString("R", CultureInfo.InvariantCulture);
                    return true;
                }
                problem = "is not a finite real number (invariant culture, e.g. \"0.5\")";
                return false;
            case PluginValueKind.Boolean:
                if (bool.TryParse(text.Trim(), out var flag))
                {
                    normalized = flag ? "true" : "false";
                    return true;
                }
                problem = "is not \"true\" or \"false\"";
                return false;
            default:
                problem = $"cannot be checked: {(int)kind} is not a {nameof(PluginValueKind)}";
                return false;
        }
    }
}
