using System.Reflection;
using AdvCam.Abstractions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace AdvCam.Core.Tests.Plugins;

/// <summary>
/// Compiles small assemblies at test time with Roslyn: plugins that are broken in one particular way, a stand-in
/// AdvCam.Abstractions of another version, a dependency to leave out. In memory and fast (no `dotnet build`).
/// </summary>
internal static class TestAssemblies
{
    /// <summary>A minimal image perturbation plugin <c>{0}</c> named <c>{1}</c>, with an optional constructor body <c>{2}</c>.</summary>
    public const string PerturbationTemplate = """
        using System.Collections.Generic;
        using AdvCam.Abstractions;
        using AdvCam.Torch;

        public sealed class {0} : PluginBase, IImagePerturbation
        {
            public {0}() : base("{1}", "test plugin {1}") { {2} }
            public IReadOnlyList<Severity> Severities(int imageSize) => new[] { new Severity(1, "one", ("amount", 1.0)) };
            public Tensor Apply(Tensor images, Severity severity, long seed) => images * 0.5;
        }
        """;

    private static readonly Lazy<MetadataReference[]> Framework = new(() =>
    {
        var directory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        return Directory.EnumerateFiles(directory, "*.dll")
            .Where(IsManaged)
            .Select(f => (MetadataReference)MetadataReference.CreateFromFile(f))
            .ToArray();
    });

    /// <summary>The host's contracts and engine, to compile plugins against.</summary>
    public static MetadataReference[] Host { get; } =
    [
        MetadataReference.CreateFromFile(typeof(IPlugin).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(Tensor).Assembly.Location),
    ];

    /// <summary>The source of a plugin class (see <see cref="PerturbationTemplate"/>).</summary>
    public static string Perturbation(string className, string pluginName, string constructorBody = "") =>
        PerturbationTemplate.Replace("{0}", className).Replace("{1}", pluginName).Replace("{2}", constructorBody);

    /// <summary>Compiles <paramref name="sources"/> into an assembly named <paramref name="assemblyName"/>.</summary>
    /// <returns>The image bytes.</returns>
    /// <exception cref="InvalidOperationException">The sources do not compile; the message lists the errors.</exception>
    public static byte[] Compile(string assemblyName, IEnumerable<MetadataReference> references, params string[] sources)
    {
        var compilation = CSharpCompilation.Create(
            assemblyName,
            sources.Select(s => CSharpSyntaxTree.ParseText(s)),
            Framework.Value.Concat(references),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Disable));
        using var stream = new MemoryStream();
        var result = compilation.Emit(stream);
        if (!result.Success)
            throw new InvalidOperationException(
                $"test assembly {assemblyName} does not compile:\n" +
                string.Join("\n", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        return stream.ToArray();
    }

    /// <summary>Compiles into <paramref name="path"/> (creating its folder) and returns a reference to the result.</summary>
    public static MetadataReference CompileTo(string path, IEnumerable<MetadataReference> references, params string[] sources)
    {
        var image = Compile(Path.GetFileNameWithoutExtension(path), references, sources);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, image);
        return MetadataReference.CreateFromImage(image);
    }

    private static bool IsManaged(string file)
    {
        try
        {
            AssemblyName.GetAssemblyName(file);
            return true;
        }
        catch (BadImageFormatException)
        {
            return false;
        }
    }
}
