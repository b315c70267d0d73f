namespace AdvCam.Plugins.Segmentation;

/// <summary>
/// Parameters a plugin passes on to a plugin it uses, written as one text parameter: <c>name=value</c> pairs separated
/// by <c>';'</c> (e.g. <c>scales=1;flip=true</c>; a value may hold commas, as scale lists do). White space around names
/// and values is dropped; an empty text is no parameter.
/// </summary>
public static class PassThroughParameters
{
    /// <summary>The pairs of <paramref name="text"/>, or null with <paramref name="problem"/> set when it is malformed.</summary>
    /// <param name="text">The text, e.g. <c>scales=1;flip=true</c>.</param>
    /// <param name="problem">Why the text was refused (null when it parsed).</param>
    public static IReadOnlyDictionary<string, string>? Parse(string text, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(text);
        problem = null;
        var pairs = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in text.Split(';'))
        {
            if (part.Trim().Length == 0) continue;
            var equals = part.IndexOf('=');
            if (equals < 0)
            {
                problem = $"is not a list of name=value pairs separated by ';': '{part.Trim()}' has no '='";
                return null;
            }
            var name = part[..equals].Trim();
            var value = part[(equals + 1)..].Trim();
            if (name.Length == 0)
            {
                problem = $"has a pair without a name: '{part.Trim()}'";
                return null;
            }
            if (!pairs.TryAdd(name, value))
            {
                problem = $"names parameter '{name}' twice";
                return null;
            }
        }
        return pairs;
    }
}
