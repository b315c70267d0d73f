using System.Reflection;
using System.Runtime.Loader;

namespace AdvCam.Core.Plugins;

/// <summary>
/// The collectible load context of one plugin assembly: its private dependencies (managed and native) resolve from the
/// plugin's folder through its <c>.deps.json</c> (or, without one, from the files beside it); the shared assemblies
/// fall through to the host, so a plugin's <c>IPlugin</c> and <c>Tensor</c> are the host's.
/// </summary>
internal sealed class PluginLoadContext : AssemblyLoadContext
{
    private readonly AssemblyDependencyResolver resolver;

    /// <summary>Creates the context of the plugin assembly at <paramref name="pluginPath"/>.</summary>
    /// <exception cref="InvalidOperationException">The plugin's <c>.deps.json</c> cannot be read.</exception>
    public PluginLoadContext(string pluginPath)
        : base("AdvCam plugin " + Path.GetFileName(pluginPath), isCollectible: true)
    {
        resolver = new AssemblyDependencyResolver(pluginPath);
    }

    /// <inheritdoc/>
    protected override Assembly? Load(AssemblyName assemblyName)
    {
        // Shared assemblies: null lets the default context (the host's copy) answer.
        if (SharedAssemblies.IsShared(assemblyName)) return null;
        var path = resolver.ResolveAssemblyToPath(assemblyName);
        return path is null ? null : LoadFromAssemblyPath(path);
    }

    /// <inheritdoc/>
    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
    {
        var path = resolver.ResolveUnmanagedDllToPath(unmanagedDllName);
        return path is null ? IntPtr.Zero : LoadUnmanagedDllFromPath(path);
    }
}
