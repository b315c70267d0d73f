namespace AdvCam.Core.Plugins;

/// <summary>One folder of a <see cref="PluginSearchPath"/>.</summary>
/// <param name="Path">The folder's full path.</param>
/// <param name="Source">Where it came from.</param>
public sealed record PluginFolder(string Path, PluginFolderSource Source)
{
    /// <summary>
    /// Whether a missing folder is an error: a folder the user named (command line, environment, configuration) must
    /// exist, and its absence is reported as a failure; the built-in folder may be absent.
    /// </summary>
    public bool Required => Source != PluginFolderSource.BuiltIn;

    /// <inheritdoc/>
    public override string ToString() => $"{Path} ({Source})";
}
