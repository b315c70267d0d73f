namespace AdvCam.Core.Plugins;

/// <summary>Where a plugin folder of a <see cref="PluginSearchPath"/> came from, in the order they are searched.</summary>
public enum PluginFolderSource
{
    /// <summary>Named on the command line (<c>--plugins DIR</c>).</summary>
    CommandLine,

    /// <summary>Listed in the <c>ADVCAM_PLUGINS</c> environment variable.</summary>
    Environment,

    /// <summary>Listed in the configuration file.</summary>
    ConfigFile,

    /// <summary>The host's own <c>plugins</c> folder beside its assemblies, where the built-in plugins are.</summary>
    BuiltIn,
}
