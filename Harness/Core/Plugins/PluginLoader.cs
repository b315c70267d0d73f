using System.Reflection;
using AdvCam.Abstractions;

namespace AdvCam.Core.Plugins;

/// <summary>
/// Loads plugins from the folders of a <see cref="PluginSearchPath"/>, each plugin assembly into its own collectible
/// load context (DESIGN.md §4), and reports every broken one as a <see cref="PluginFailure"/> instead of failing the run.
/// </summary>
/// <remarks>
/// <para>Discovery: in each folder, every <c>*.dll</c> directly in it and in its immediate subfolders (the usual layout
/// is one subfolder per plugin, holding the plugin, its dependencies and its <c>.deps.json</c>), in ordinal order of
/// path. A file is a plugin assembly when it references AdvCam.Abstractions; other assemblies (dependencies) are left
/// to be loaded on demand, and copies of AdvCam.Abstractions or AdvCam.Torch are ignored (the host's are used).</para>
/// <para>A plugin assembly built against another major contract version (AdvCam.Abstractions' assembly version), or
/// a newer minor one, is refused before any of its code loads. In an accepted assembly, every concrete public type that
/// implements <see cref="IPlugin"/> is created with its public parameterless constructor.</para>
/// <para>Failures (one entry each, the other plugins load regardless): a file that is not a .NET assembly, a
/// refused contract version, a missing dependency, a type without a public parameterless constructor, a constructor
/// or property that throws, a type implementing none of the plugin kinds, an unusable name, and a name already taken
/// by an earlier plugin (the failure names both files). A required folder that does not exist is a failure too.</para>
/// </remarks>
public static class PluginLoader
{
    /// <summary>Loads every plugin of every folder of <paramref name="searchPath"/>, in order.</summary>
    /// <param name="searchPath">The folders.</param>
    /// <returns>The loaded plugins and the failures; unload it when done with the plugins.</returns>
    public static PluginCatalog Load(PluginSearchPath searchPath)
    {
        ArgumentNullException.ThrowIfNull(searchPath);
        var plugins = new List<LoadedPlugin>();
        var failures = new List<PluginFailure>();
        var contexts = new List<PluginLoadContext>();
        var byName = new Dictionary<string, LoadedPlugin>(StringComparer.OrdinalIgnoreCase);
        var seenFiles = new HashSet<string>(StringComparer.Ordinal);
        foreach (var folder in searchPath.Folders)
        {
            if (!Directory.Exists(folder.Path))
            {
                if (folder.Required)
                    failures.Add(new PluginFailure(folder.Path, null, $"plugin folder does not exist (named by the {folder.Source})"));
                continue;
            }
            foreach (var file in Candidates(folder.Path))
            {
                if (!seenFiles.Add(file)) continue;
                LoadAssembly(file, plugins, failures, contexts, byName);
            }
        }
        return new PluginCatalog(searchPath, plugins, failures, contexts);
    }

    /// <summary>Loads every plugin of the given folders (all required), in order.</summary>
    /// <param name="folders">The folders.</param>
    public static PluginCatalog Load(params string[] folders) =>
        Load(new PluginSearchPath(folders.Select(f => new PluginFolder(f, PluginFolderSource.CommandLine))));

    /// <summary>The plugin kinds <paramref name="plugin"/> implements.</summary>
    /// <param name="plugin">The plugin.</param>
    public static PluginKinds KindsOf(IPlugin plugin)
    {
        ArgumentNullException.ThrowIfNull(plugin);
        var kinds = PluginKinds.None;
        if (plugin is IImagePerturbation) kinds |= PluginKinds.ImagePerturbation;
        if (plugin is IModelPerturbation) kinds |= PluginKinds.ModelPerturbation;
        if (plugin is IAttribution) kinds |= PluginKinds.Attribution;
        if (plugin is ISegmenter) kinds |= PluginKinds.Segmenter;
        if (plugin is IInferenceDefense) kinds |= PluginKinds.InferenceDefense;
        if (plugin is IFineTuningRecipe) kinds |= PluginKinds.FineTuningRecipe;
        return kinds;
    }

    private static IEnumerable<string> Candidates(string folder)
    {
        IEnumerable<string> files;
        try
        {
            files = Directory.EnumerateFiles(folder, "*.dll", SearchOption.TopDirectoryOnly)
                .Concat(Directory.EnumerateDirectories(folder)
                    .SelectMany(sub => Directory.EnumerateFiles(sub, "*.dll", SearchOption.TopDirectoryOnly)))
                .Select(Path.GetFullPath)
                .ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
        return files.Order(StringComparer.Ordinal);
    }

    private static void LoadAssembly(
        string file,
        List<LoadedPlugin> plugins,
        List<PluginFailure> failures,
        List<PluginLoadContext> contexts,
        Dictionary<string, LoadedPlugin> byName)
    {
        var (verdict, reason) = PluginAssemblyInspector.Inspect(file);
        if (verdict == PluginAssemblyInspector.Verdict.NotPlugin) return;
        if (verdict == PluginAssemblyInspector.Verdict.Refused)
        {
            failures.Add(new PluginFailure(file, null, reason!));
            return;
        }

        PluginLoadContext context;
        try
        {
            context = new PluginLoadContext(file);
        }
        catch (Exception e)
        {
            failures.Add(new PluginFailure(file, null, $"its dependency manifest (.deps.json) cannot be used: {e.Message}"));
            return;
        }

        var loadedHere = 0;
        try
        {
            var assembly = context.LoadFromAssemblyPath(file);
            foreach (var type in PluginTypes(assembly, file, failures))
            {
                var plugin = Create(type, file, failures, byName);
                if (plugin is null) continue;
                plugins.Add(plugin);
                byName.Add(plugin.Name, plugin);
                loadedHere++;
            }
        }
        catch (Exception e)
        {
            failures.Add(new PluginFailure(file, null, Describe(e, file)));
        }

        if (loadedHere > 0) contexts.Add(context);
        else context.Unload(); // nothing of it is in use: let it go now
    }

    private static IEnumerable<Type> PluginTypes(Assembly assembly, string file, List<PluginFailure> failures)
    {
        Type?[] types;
        try
        {
            types = assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            types = e.Types;
            var reported = new HashSet<string>(StringComparer.Ordinal);
            foreach (var error in e.LoaderExceptions)
            {
                if (error is null) continue;
                var typeName = (error as TypeLoadException)?.TypeName;
                var reason = Describe(error, file);
                if (reported.Add(typeName + "\n" + reason))
                    failures.Add(new PluginFailure(file, string.IsNullOrEmpty(typeName) ? null : typeName, "types cannot be loaded: " + reason));
            }
        }
        return types
            .OfType<Type>()
            .Where(t => t.IsClass && !t.IsAbstract && t.IsVisible && typeof(IPlugin).IsAssignableFrom(t))
            .OrderBy(t => t.FullName, StringComparer.Ordinal);
    }

    private static LoadedPlugin? Create(Type type, string file, List<PluginFailure> failures, Dictionary<string, LoadedPlugin> byName)
    {
        var typeName = type.FullName ?? type.Name;
        PluginFailure Fail(string reason)
        {
            var failure = new PluginFailure(file, typeName, reason);
            failures.Add(failure);
            return failure;
        }

        if (type.ContainsGenericParameters)
        {
            Fail("is an open generic type; a plugin type must be closed");
            return null;
        }
        if (type.GetConstructor(Type.EmptyTypes) is not { IsPublic: true })
        {
            Fail("has no public parameterless constructor, which the loader creates plugins with");
            return null;
        }

        IPlugin instance;
        string name;
        IReadOnlyList<PluginParameter> parameters;
        try
        {
            instance = (IPlugin)Activator.CreateInstance(type)!;
        }
        catch (Exception e)
        {
            Fail("its constructor failed: " + Describe(e, file));
            return null;
        }
        try
        {
            name = instance.Name;
            _ = instance.Description ?? throw new InvalidOperationException("Description is null");
            parameters = (instance.Parameters ?? throw new InvalidOperationException("Parameters is null")).ToArray();
            if (parameters.Any(p => p is null)) throw new InvalidOperationException("Parameters holds a null entry");
        }
        catch (Exception e)
        {
            Fail("reading its name, description or parameters failed: " + Describe(e, file));
            return null;
        }
        if (string.IsNullOrEmpty(name) || name.Any(char.IsWhiteSpace))
        {
            Fail($"its name '{name}' is not usable: a plugin name must be non-empty, without white space");
            return null;
        }
        var kinds = KindsOf(instance);
        if (kinds == PluginKinds.None)
        {
            Fail($"plugin '{name}' implements IPlugin but none of the plugin kinds (IImagePerturbation, IModelPerturbation, " +
                 "IAttribution, ISegmenter, IInferenceDefense)");
            return null;
        }
        if (byName.TryGetValue(name, out var taken))
        {
            Fail($"plugin name '{name}' is already taken by {taken.TypeName} from {taken.SourceFile}; this one ({typeName} " +
                 $"from {file}) is not loaded: rename one of them");
            return null;
        }
        return new LoadedPlugin(instance, name, kinds, parameters, file, typeName);
    }

    /// <summary>A person's description of a load error, the missing-file case spelled out.</summary>
    private static string Describe(Exception error, string file)
    {
        while (error is TargetInvocationException { InnerException: { } inner }) error = inner;
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (e is FileNotFoundException missing)
                return $"missing dependency '{missing.FileName}': it is neither beside the plugin (in {Path.GetDirectoryName(file)}, " +
                       "or listed in its .deps.json) nor part of the host";
        }
        return $"{error.GetType().Name}: {error.Message}";
    }
}
