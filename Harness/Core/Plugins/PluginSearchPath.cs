namespace AdvCam.Core.Plugins;

/// <summary>
/// The folders plugins are loaded from, merged from every place a user can name them, in this order:
/// <list type="number">
/// <item>the command line (<c>--plugins DIR</c>, repeatable), relative to the current directory;</item>
/// <item>the <c>ADVCAM_PLUGINS</c> environment variable, a list separated by the platform's path separator
/// (<c>':'</c> on Linux, <c>';'</c> on Windows), relative to the current directory;</item>
/// <item>the configuration file's list, relative to the configuration file's folder;</item>
/// <item>the built-in folder, <c>plugins</c> beside the host's assemblies (<see cref="BuiltInFolder"/>).</item>
/// </list>
/// </summary>
/// <remarks>
/// The order is the precedence: the more specific to this run a source is, the earlier it comes. A plugin name is
/// taken by the first plugin found with it; a later plugin with the same name is reported as a failure naming both
/// files. A folder named twice is searched once, at its first place.
/// </remarks>
public sealed class PluginSearchPath
{
    /// <summary>The environment variable listing plugin folders: <c>ADVCAM_PLUGINS</c>.</summary>
    public const string EnvironmentVariable = "ADVCAM_PLUGINS";

    /// <summary>Builds a search path from folders in search order; a folder listed again (same full path) is dropped.</summary>
    /// <param name="folders">The folders, with full paths.</param>
    public PluginSearchPath(IEnumerable<PluginFolder> folders)
    {
        ArgumentNullException.ThrowIfNull(folders);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var list = new List<PluginFolder>();
        foreach (var folder in folders)
        {
            ArgumentNullException.ThrowIfNull(folder, nameof(folders));
            var full = Normalize(folder.Path);
            if (seen.Add(full)) list.Add(folder with { Path = full });
        }
        Folders = list;
    }

    /// <summary>The host's built-in plugin folder: <c>plugins</c> beside its assemblies.</summary>
    public static string BuiltInFolder => Path.Combine(AppContext.BaseDirectory, "plugins");

    /// <summary>The folders, in search order.</summary>
    public IReadOnlyList<PluginFolder> Folders { get; }

    /// <summary>Merges the sources in the documented order (see the class remarks).</summary>
    /// <param name="commandLine">Folders from the command line, or null.</param>
    /// <param name="environment">The value of <see cref="EnvironmentVariable"/> (a path-separator list), or null.</param>
    /// <param name="configFile">Folders listed in the configuration file, or null.</param>
    /// <param name="configFileDirectory">The configuration file's folder, which its relative paths are resolved
    /// against; null resolves them against the current directory.</param>
    /// <param name="builtIn">The built-in folders (usually <see cref="BuiltInFolder"/>), or null for none.</param>
    /// <exception cref="ArgumentException">A folder name is empty or not a valid path; the message names it and its source.</exception>
    public static PluginSearchPath Merge(
        IEnumerable<string>? commandLine,
        string? environment,
        IEnumerable<string>? configFile = null,
        string? configFileDirectory = null,
        IEnumerable<string>? builtIn = null)
    {
        var current = Directory.GetCurrentDirectory();
        var configBase = configFileDirectory is null ? current : Path.GetFullPath(configFileDirectory);
        var folders = new List<PluginFolder>();
        Add(folders, commandLine ?? [], PluginFolderSource.CommandLine, current);
        Add(folders, SplitList(environment), PluginFolderSource.Environment, current);
        Add(folders, configFile ?? [], PluginFolderSource.ConfigFile, configBase);
        Add(folders, builtIn ?? [], PluginFolderSource.BuiltIn, current);
        return new PluginSearchPath(folders);
    }

    /// <summary>
    /// The search path a host uses: <paramref name="commandLine"/>, then the process's <c>ADVCAM_PLUGINS</c>, then
    /// <paramref name="configFile"/>, then <see cref="BuiltInFolder"/>.
    /// </summary>
    /// <param name="commandLine">Folders from the command line, or null.</param>
    /// <param name="configFile">Folders listed in the configuration file, or null.</param>
    /// <param name="configFileDirectory">The configuration file's folder, or null.</param>
    public static PluginSearchPath ForHost(
        IEnumerable<string>? commandLine,
        IEnumerable<string>? configFile = null,
        string? configFileDirectory = null) =>
        Merge(commandLine, System.Environment.GetEnvironmentVariable(EnvironmentVariable), configFile, configFileDirectory, [BuiltInFolder]);

    /// <summary>Splits a path-separator list (as <c>ADVCAM_PLUGINS</c> holds) into its non-empty, trimmed entries.</summary>
    /// <param name="list">The list, or null.</param>
    public static IReadOnlyList<string> SplitList(string? list) =>
        string.IsNullOrWhiteSpace(list)
            ? []
            : list.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <inheritdoc/>
    public override string ToString() => string.Join(Path.PathSeparator, Folders.Select(f => f.Path));

    private static void Add(List<PluginFolder> folders, IEnumerable<string> paths, PluginFolderSource source, string baseDirectory)
    {
        foreach (var path in paths)
        {
            if (string.IsNullOrWhiteSpace(path))
                throw new ArgumentException($"a plugin folder from the {Describe(source)} is empty");
            string full;
            try
            {
                full = Path.GetFullPath(path.Trim(), baseDirectory);
            }
            catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
            {
                throw new ArgumentException($"plugin folder '{path}' from the {Describe(source)} is not a valid path: {e.Message}", e);
            }
            folders.Add(new PluginFolder(full, source));
        }
    }

    private static string Normalize(string path) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));

    private static string Describe(PluginFolderSource source) => source switch
    {
        PluginFolderSource.CommandLine => "command line (--plugins)",
        PluginFolderSource.Environment => $"environment variable {EnvironmentVariable}",
        PluginFolderSource.ConfigFile => "configuration file",
        _ => "built-in plugin folders",
    };
}
