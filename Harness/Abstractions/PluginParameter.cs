namespace AdvCam.Abstractions;

/// <summary>One parameter a plugin takes: its name, what it means, its default and the kind of value it takes.</summary>
public sealed record PluginParameter
{
    /// <summary>Declares a parameter.</summary>
    /// <param name="name">The name users set it by: not empty, no white space, no <c>'='</c>.</param>
    /// <param name="description">What it means, with its unit where it has one.</param>
    /// <param name="defaultValue">The default as an invariant-culture string that parses as <paramref name="kind"/>.</param>
    /// <param name="kind">The kind of value.</param>
    /// <exception cref="ArgumentException">The name is not usable, or the default does not parse as the kind.</exception>
    public PluginParameter(string name, string description, string defaultValue, PluginValueKind kind)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(description);
        ArgumentNullException.ThrowIfNull(defaultValue);
        if (name.Length == 0 || name.Any(c => char.IsWhiteSpace(c) || c == '='))
            throw new ArgumentException($"parameter name '{name}' is not usable: it must be non-empty, without white space or '='", nameof(name));
        if (!Enum.IsDefined(kind))
            throw new ArgumentException($"parameter '{name}': value kind {(int)kind} is not a {nameof(PluginValueKind)}", nameof(kind));
        Name = name;
        Description = description;
        Kind = kind;
        if (!PluginValues.TryNormalize(kind, defaultValue, out var normalized, out var problem))
            throw new ArgumentException($"parameter '{name}': default value '{defaultValue}' {problem}", nameof(defaultValue));
        DefaultValue = normalized;
    }

    /// <summary>The name users set it by.</summary>
    public string Name { get; }

    /// <summary>What it means.</summary>
    public string Description { get; }

    /// <summary>The default, as an invariant-culture string in the canonical form of <see cref="Kind"/>.</summary>
    public string DefaultValue { get; }

    /// <summary>The kind of value it takes.</summary>
    public PluginValueKind Kind { get; }
}
