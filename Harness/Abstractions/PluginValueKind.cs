namespace AdvCam.Abstractions;

/// <summary>The kind of value a <see cref="PluginParameter"/> takes, and so how its string form is parsed.</summary>
public enum PluginValueKind
{
    /// <summary>Free text.</summary>
    Text,

    /// <summary>A whole number (64-bit), invariant culture, e.g. <c>"-3"</c>.</summary>
    Integer,

    /// <summary>A finite real number (double), invariant culture, e.g. <c>"0.25"</c> or <c>"1e-3"</c>.</summary>
    Real,

    /// <summary><c>"true"</c> or <c>"false"</c> (any case).</summary>
    Boolean,
}
