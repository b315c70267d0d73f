using System.CommandLine;
using AdvCam.Core.Plugins;
using AdvCam.Core.Running;

namespace AdvCam.Cli.Commands;

/// <summary>
/// <c>advcam plugins</c>: lists the plugins found on the search path (name, kinds, description, parameters with
/// defaults, source file), then what could not be loaded and why.
/// </summary>
internal static class PluginsCommand
{
    internal static Command Create()
    {
        var folders = PluginOptions.Folders();
        var config = PluginOptions.Config();
        var command = new Command("plugins", "List the plugins found (built-in, --plugins, ADVCAM_PLUGINS, --config) and the ones that failed to load");
        command.Options.Add(folders);
        command.Options.Add(config);
        command.SetAction(parse =>
        {
            var searchPath = PluginOptions.SearchPath(parse, folders, config);
            var output = parse.InvocationConfiguration.Output;
            using var catalog = PluginLoader.Load(searchPath);
            output.WriteLine("searched:");
            if (searchPath.Folders.Count == 0) output.WriteLine("  (no folder)");
            foreach (var folder in searchPath.Folders)
                output.WriteLine($"  {folder.Path}  ({Describe(folder.Source)}{(Directory.Exists(folder.Path) ? "" : ", missing")})");
            output.WriteLine();
            output.WriteLine(catalog.Plugins.Count == 1 ? "1 plugin:" : $"{catalog.Plugins.Count} plugins:");
            foreach (var plugin in catalog.Plugins) Write(output, plugin);
            if (catalog.Failures.Count > 0)
            {
                output.WriteLine();
                output.WriteLine(catalog.Failures.Count == 1 ? "1 failure:" : $"{catalog.Failures.Count} failures:");
                foreach (var failure in catalog.Failures)
                {
                    output.WriteLine($"  {failure.File}{(failure.TypeName is null ? "" : $" ({failure.TypeName})")}");
                    output.WriteLine($"    {failure.Reason}");
                }
            }
            return 0;
        });
        return command;
    }

    private static void Write(TextWriter output, LoadedPlugin plugin)
    {
        output.WriteLine();
        output.WriteLine($"  {plugin.Name}  [{string.Join(", ", PluginKindNames.Of(plugin.Kinds))}]");
        string description;
        try
        {
            description = plugin.Plugin.Description;
        }
        catch (Exception e)
        {
            description = $"(its description cannot be read: {e.GetType().Name}: {e.Message})";
        }
        output.WriteLine($"    {description}");
        if (plugin.Parameters.Count == 0) output.WriteLine("    parameters: none");
        else
        {
            output.WriteLine("    parameters:");
            var width = plugin.Parameters.Max(p => p.Name.Length);
            foreach (var p in plugin.Parameters)
                output.WriteLine($"      {p.Name.PadRight(width)}  {p.Kind.ToString().ToLowerInvariant()}, default {p.DefaultValue}: {p.Description}");
        }
        output.WriteLine($"    source: {plugin.SourceFile} ({plugin.TypeName})");
    }

    private static string Describe(PluginFolderSource source) => source switch
    {
        PluginFolderSource.CommandLine => "--plugins",
        PluginFolderSource.Environment => PluginSearchPath.EnvironmentVariable,
        PluginFolderSource.ConfigFile => "--config",
        _ => "built-in",
    };
}
