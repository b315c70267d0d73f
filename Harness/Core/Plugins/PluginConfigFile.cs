using System.Text.Json;

namespace AdvCam.Core.Plugins;

/// <summary>
/// The plugin folders a configuration file lists: a JSON object with a <c>"plugin_folders"</c> list of paths, relative
/// to the file's folder (the third source of a <see cref="PluginSearchPath"/>). Example:
/// <code>{ "plugin_folders": ["plugins", "/opt/advcam/plugins"] }</code>
/// Comments and trailing commas are allowed; any other key is refused, so a misspelt one does not go unnoticed.
/// </summary>
public static class PluginConfigFile
{
    /// <summary>The key of the folder list.</summary>
    public const string FoldersKey = "plugin_folders";

    /// <summary>Reads the folders listed in the configuration file at <paramref name="path"/>, as written (resolve them
    /// against <see cref="Path.GetDirectoryName(string)"/> of the file, as <see cref="PluginSearchPath.ForHost"/> does).</summary>
    /// <param name="path">The configuration file.</param>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    /// <exception cref="InvalidDataException">The file is not a valid configuration; the message names the file and the
    /// JSON path of the bad entry.</exception>
    public static IReadOnlyList<string> ReadFolders(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"configuration file '{path}' does not exist", path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidDataException($"configuration file '{path}' cannot be read: {e.Message}", e);
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw Bad(path, string.IsNullOrEmpty(e.Path) ? "$" : e.Path, $"not valid JSON ({e.Message})", e);
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw Bad(path, "$", $"expected an object with a \"{FoldersKey}\" list, got {root.ValueKind.ToString().ToLowerInvariant()}");
            var folders = new List<string>();
            var seen = false;
            foreach (var property in root.EnumerateObject())
            {
                var at = "$." + property.Name;
                if (property.Name != FoldersKey) throw Bad(path, at, $"unknown key '{property.Name}' (known: {FoldersKey})");
                if (seen) throw Bad(path, at, $"'{FoldersKey}' is given twice");
                seen = true;
                if (property.Value.ValueKind != JsonValueKind.Array)
                    throw Bad(path, at, $"expected a list of folder paths, got {property.Value.ValueKind.ToString().ToLowerInvariant()}");
                var index = 0;
                foreach (var entry in property.Value.EnumerateArray())
                {
                    var entryPath = $"{at}[{index++}]";
                    if (entry.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(entry.GetString()))
                        throw Bad(path, entryPath, "expected a non-empty folder path (a string)");
                    folders.Add(entry.GetString()!);
                }
            }
            return folders;
        }
    }

    private static InvalidDataException Bad(string file, string jsonPath, string problem, Exception? inner = null) =>
        new($"configuration file '{file}': {jsonPath}: {problem}", inner);
}
