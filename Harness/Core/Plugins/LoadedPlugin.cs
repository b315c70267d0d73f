using AdvCam.Abstractions;

namespace AdvCam.Core.Plugins;

/// <summary>A plugin the loader created: the instance, what it is, and where it came from.</summary>
/// <param name="Plugin">The instance (its type is the host's <see cref="IPlugin"/>: cast it to its kinds' contracts).</param>
/// <param name="Name">Its name, as the plugin reported it when loaded.</param>
/// <param name="Kinds">The plugin kinds it implements.</param>
/// <param name="Parameters">Its parameters with defaults, as reported when loaded.</param>
/// <param name="SourceFile">The full path of the assembly it was loaded from.</param>
/// <param name="TypeName">Its type's full name.</param>
public sealed record LoadedPlugin(
    IPlugin Plugin,
    string Name,
    PluginKinds Kinds,
    IReadOnlyList<PluginParameter> Parameters,
    string SourceFile,
    string TypeName)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Name} ({Kinds}; {TypeName} in {SourceFile})";
}
