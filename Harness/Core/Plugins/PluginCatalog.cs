using System.Runtime.Loader;

namespace AdvCam.Core.Plugins;

/// <summary>
/// What <see cref="PluginLoader"/> found: the loaded plugins and the failures. The plugins live in collectible load
/// contexts; <see cref="Unload"/> (or <see cref="Dispose"/>) drops them and lets the runtime unload their assemblies
/// once nothing refers to a plugin object any more.
/// </summary>
public sealed class PluginCatalog : IDisposable
{
    private readonly List<AssemblyLoadContext> contexts;
    private List<LoadedPlugin> plugins;

    internal PluginCatalog(PluginSearchPath searchPath, List<LoadedPlugin> plugins, List<PluginFailure> failures, IEnumerable<AssemblyLoadContext> contexts)
    {
        SearchPath = searchPath;
        this.plugins = plugins;
        Failures = failures;
        this.contexts = contexts.ToList();
    }

    /// <summary>The folders searched, in order.</summary>
    public PluginSearchPath SearchPath { get; }

    /// <summary>The loaded plugins, in load order (search-path order, then file, then type name); empty once unloaded.</summary>
    public IReadOnlyList<LoadedPlugin> Plugins => plugins;

    /// <summary>What could not be loaded, in the order it was met.</summary>
    public IReadOnlyList<PluginFailure> Failures { get; }

    /// <summary>Whether <see cref="Unload"/> has run.</summary>
    public bool IsUnloaded { get; private set; }

    /// <summary>The plugin named <paramref name="name"/> (ignoring case), or null.</summary>
    /// <param name="name">The plugin's name.</param>
    public LoadedPlugin? Find(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return plugins.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The plugin named <paramref name="name"/> (ignoring case).</summary>
    /// <param name="name">The plugin's name.</param>
    /// <exception cref="ArgumentException">No plugin has that name; the message lists the loaded ones, and the
    /// failures when there are any.</exception>
    public LoadedPlugin Get(string name)
    {
        var found = Find(name);
        if (found is not null) return found;
        var loaded = plugins.Count == 0 ? "none" : string.Join(", ", plugins.Select(p => p.Name));
        var failed = Failures.Count == 0 ? "" : $"; {Failures.Count} failed to load: " + string.Join("; ", Failures);
        var searched = SearchPath.Folders.Count == 0 ? "no folders" : SearchPath.ToString();
        throw new ArgumentException(
            IsUnloaded
                ? $"no plugin '{name}': the plugin catalog has been unloaded"
                : $"no plugin '{name}' among those loaded from {searched} (loaded: {loaded}){failed}",
            nameof(name));
    }

    /// <summary>
    /// Drops the plugins and starts unloading their load contexts. The assemblies go once nothing refers to a plugin
    /// object or type any more (the caller must drop its own references). Idempotent.
    /// </summary>
    public void Unload()
    {
        if (IsUnloaded) return;
        IsUnloaded = true;
        plugins = [];
        foreach (var context in contexts) context.Unload();
        contexts.Clear();
    }

    /// <summary>Same as <see cref="Unload"/>.</summary>
    public void Dispose() => Unload();
}
