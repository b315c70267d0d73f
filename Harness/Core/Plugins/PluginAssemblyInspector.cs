using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace AdvCam.Core.Plugins;

/// <summary>
/// Reads an assembly's metadata without loading it, to tell a plugin assembly (one that references
/// AdvCam.Abstractions) from its dependencies and to refuse one built against an incompatible contract version before
/// any of its code loads.
/// </summary>
internal static class PluginAssemblyInspector
{
    /// <summary>What the metadata says about a file.</summary>
    internal enum Verdict
    {
        /// <summary>A plugin assembly built against a compatible contract version: load it.</summary>
        Plugin,

        /// <summary>Not a plugin assembly (a dependency, or a copy of a shared assembly): skip it silently.</summary>
        NotPlugin,

        /// <summary>Refused: see the reason.</summary>
        Refused,
    }

    /// <summary>Inspects the file at <paramref name="path"/>.</summary>
    /// <returns>The verdict, and for <see cref="Verdict.Refused"/> the reason.</returns>
    public static (Verdict Verdict, string? Reason) Inspect(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            using var pe = new PEReader(stream);
            if (!pe.HasMetadata)
                return (Verdict.Refused, "not a .NET assembly (a native library or other file named .dll: it has no .NET metadata)");
            var reader = pe.GetMetadataReader();
            if (!reader.IsAssembly)
                return (Verdict.Refused, "not a .NET assembly (a module without an assembly manifest)");
            var self = reader.GetString(reader.GetAssemblyDefinition().Name);
            if (SharedAssemblies.IsAdvCam(self))
                return (Verdict.NotPlugin, null); // a stray copy of a shared assembly: the host's own is used
            foreach (var handle in reader.AssemblyReferences)
            {
                var reference = reader.GetAssemblyReference(handle);
                if (!string.Equals(reader.GetString(reference.Name), SharedAssemblies.ContractsName, StringComparison.OrdinalIgnoreCase))
                    continue;
                var reason = CheckContractVersion(reference.Version, SharedAssemblies.ContractVersion);
                return reason is null ? (Verdict.Plugin, null) : (Verdict.Refused, reason);
            }
            return (Verdict.NotPlugin, null);
        }
        catch (BadImageFormatException e)
        {
            return (Verdict.Refused, $"not a .NET assembly (bad image: {e.Message})");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (Verdict.Refused, $"cannot be read: {e.Message}");
        }
    }

    /// <summary>
    /// Null when a plugin built against contract version <paramref name="built"/> runs on a host with
    /// <paramref name="host"/>; otherwise why not. Compatible: same major version, and a minor version no newer than
    /// the host's (a newer minor version may use members this host lacks).
    /// </summary>
    public static string? CheckContractVersion(Version built, Version host)
    {
        if (built.Major != host.Major)
            return $"built against AdvCam.Abstractions {built} (contract {built.Major}.{built.Minor}), but this host has " +
                   $"AdvCam.Abstractions {host} (contract {host.Major}.{host.Minor}); a plugin must be built against the host's " +
                   $"major contract version {host.Major}";
        if (built.Minor > host.Minor)
            return $"built against AdvCam.Abstractions {built} (contract {built.Major}.{built.Minor}), newer than this host's " +
                   $"AdvCam.Abstractions {host} (contract {host.Major}.{host.Minor}); update the host or rebuild the plugin " +
                   $"against contract {host.Major}.{host.Minor}";
        return null;
    }
}
