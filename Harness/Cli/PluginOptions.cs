using System.CommandLine;
using AdvCam.Core.Plugins;

namespace AdvCam.Cli;

/// <summary>
/// The options that say where plugins are loaded from: <c>--plugins DIR</c> (repeatable) and <c>--config FILE</c> (a JSON
/// file with a <c>"plugin_folders"</c> list), merged with <c>ADVCAM_PLUGINS</c> and the built-in folder in
/// <see cref="PluginSearchPath"/>'s order.
/// </summary>
internal static class PluginOptions
{
    internal static Option<string[]> Folders() => new("--plugins")
    {
        Description = $"a folder to load plugins from (repeatable); searched before {PluginSearchPath.EnvironmentVariable}, the --config file's folders and the built-in plugins",
        Arity = ArgumentArity.OneOrMore,
    };

    internal static Option<string?> Config() => new("--config")
    {
        Description = $"a JSON configuration file; its \"{PluginConfigFile.FoldersKey}\" list (relative to the file) adds plugin folders",
    };

    /// <summary>The search path from the parsed options, the environment and the built-in folder.</summary>
    /// <exception cref="UserError">The configuration file is missing or invalid, or a folder is not a valid path.</exception>
    internal static PluginSearchPath SearchPath(ParseResult parse, Option<string[]> folders, Option<string?> config)
    {
        var configPath = parse.GetValue(config);
        IReadOnlyList<string>? configured = null;
        string? configDirectory = null;
        if (configPath is not null)
        {
            try
            {
                configured = PluginConfigFile.ReadFolders(configPath);
            }
            catch (Exception e) when (e is FileNotFoundException or InvalidDataException)
            {
                throw new UserError(e.Message);
            }
            configDirectory = Path.GetDirectoryName(Path.GetFullPath(configPath));
        }
        try
        {
            return PluginSearchPath.ForHost(parse.GetValue(folders), configured, configDirectory);
        }
        catch (ArgumentException e)
        {
            throw new UserError(e.Message);
        }
    }
}
