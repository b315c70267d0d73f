namespace AdvCam.Core.Plugins;

/// <summary>Something the loader could not load; the rest of the plugins load regardless.</summary>
/// <param name="File">The assembly (or plugin folder) concerned, as a full path.</param>
/// <param name="TypeName">The plugin type's full name, when the failure concerns one type; null otherwise.</param>
/// <param name="Reason">What went wrong, for a person: which dependency is missing, which versions disagree, what a
/// constructor threw.</param>
public sealed record PluginFailure(string File, string? TypeName, string Reason)
{
    /// <inheritdoc/>
    public override string ToString() => TypeName is null ? $"{File}: {Reason}" : $"{File} ({TypeName}): {Reason}";
}
