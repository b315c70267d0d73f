using System.Reflection;
using AdvCam.Abstractions;
using AdvCam.Torch;

namespace AdvCam.Core.Plugins;

/// <summary>
/// The assemblies every plugin shares with the host instead of loading its own copy: the contracts
/// (AdvCam.Abstractions), the engine (AdvCam.Torch) and the .NET framework (every assembly of the shared frameworks
/// the host runs on). Sharing them is what makes a plugin's <see cref="IPlugin"/> and <see cref="Tensor"/> the
/// host's types.
/// </summary>
internal static class SharedAssemblies
{
    /// <summary>The simple name of the contracts assembly.</summary>
    public static readonly string ContractsName = typeof(IPlugin).Assembly.GetName().Name!;

    /// <summary>The simple name of the engine assembly.</summary>
    public static readonly string EngineName = typeof(Tensor).Assembly.GetName().Name!;

    private static readonly Lazy<HashSet<string>> FrameworkNames = new(ListFramework);

    /// <summary>The contract version the host implements: AdvCam.Abstractions' assembly version.</summary>
    public static Version ContractVersion => typeof(IPlugin).Assembly.GetName().Version!;

    /// <summary>Whether <paramref name="name"/> is one of AdvCam's shared assemblies (not the framework).</summary>
    public static bool IsAdvCam(string? name) =>
        string.Equals(name, ContractsName, StringComparison.OrdinalIgnoreCase) ||
        string.Equals(name, EngineName, StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether the assembly is shared with the host (AdvCam's shared assemblies or the framework).</summary>
    public static bool IsShared(AssemblyName name) =>
        IsAdvCam(name.Name) || (name.Name is { } simple && FrameworkNames.Value.Contains(simple));

    /// <summary>
    /// The simple names of the framework's assemblies: the trusted platform assemblies that live in the shared
    /// framework folders (…/shared/&lt;framework&gt;/&lt;version&gt;/), or, for a self-contained host, beside
    /// System.Private.CoreLib.
    /// </summary>
    private static HashSet<string> ListFramework()
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var coreLibDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location);
        if (string.IsNullOrEmpty(coreLibDirectory)) return names;
        // Framework-dependent: …/shared/Microsoft.NETCore.App/10.0.x/System.Private.CoreLib.dll: every framework
        // under …/shared/ counts (ASP.NET Core and others as well).
        var versionDirectory = new DirectoryInfo(coreLibDirectory);
        var sharedRoot = versionDirectory.Parent?.Parent;
        var root = sharedRoot is not null && versionDirectory.Parent!.Name == "Microsoft.NETCore.App"
            ? sharedRoot.FullName
            : versionDirectory.FullName;
        root = Path.TrimEndingDirectorySeparator(root) + Path.DirectorySeparatorChar;
        var trusted = AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? "";
        foreach (var path in trusted.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            if (path.StartsWith(root, StringComparison.Ordinal))
                names.Add(Path.GetFileNameWithoutExtension(path));
        return names;
    }
}
