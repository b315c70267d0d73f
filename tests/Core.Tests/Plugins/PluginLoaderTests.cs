using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Loader;
using AdvCam.Abstractions;
using AdvCam.Core.Plugins;
using Microsoft.CodeAnalysis;

namespace AdvCam.Core.Tests.Plugins;

/// <summary>
/// The plugin loader against the sample third-party plugin (built by the test project, copied to plugins/SamplePlugin
/// beside the tests) and against assemblies compiled here, each broken in one way.
/// </summary>
public class PluginLoaderTests
{
    private string root = "";
    private string sampleFolder = "";
    private string badImageFolder = "";
    private string futureFolder = "";
    private string throwingFolder = "";
    private string missingDependencyFolder = "";
    private string withDependencyFolder = "";
    private string twinsFolder = "";
    private string oddFolder = "";
    private string nativeFolder = "";

    [OneTimeSetUp]
    public void BuildPluginFolders()
    {
        sampleFolder = Path.Combine(TestContext.CurrentContext.TestDirectory, "plugins");
        File.Exists(Path.Combine(sampleFolder, "SamplePlugin", "AdvCam.Samples.SamplePlugin.dll")).Should().BeTrue(
            "the test project's build copies samples/SamplePlugin's output to plugins/SamplePlugin (target CopySamplePlugin)");

        root = Path.Combine(Path.GetTempPath(), "advcam-plugin-tests-" + Guid.NewGuid().ToString("N"));

        badImageFolder = Path.Combine(root, "bad");
        Directory.CreateDirectory(badImageFolder);
        File.WriteAllText(Path.Combine(badImageFolder, "x.dll"), "this is a text file, not an assembly\n");

        // A plugin built against an AdvCam.Abstractions 2.0.0.0 that this host does not have.
        var contractsV2 = MetadataReference.CreateFromImage(TestAssemblies.Compile(
            "AdvCam.Abstractions",
            [],
            """
            [assembly: System.Reflection.AssemblyVersion("2.0.0.0")]
            namespace AdvCam.Abstractions { public interface IPlugin { string Name { get; } } }
            """));
        futureFolder = Path.Combine(root, "future");
        TestAssemblies.CompileTo(Path.Combine(futureFolder, "Future.dll"), [contractsV2],
            "public sealed class FuturePlugin : AdvCam.Abstractions.IPlugin { public string Name => \"future\"; }");

        // One plugin whose constructor throws, one beside it in the same assembly that is fine.
        throwingFolder = Path.Combine(root, "throwing");
        TestAssemblies.CompileTo(Path.Combine(throwingFolder, "Throwing.dll"), TestAssemblies.Host,
            TestAssemblies.Perturbation("ThrowingPlugin", "throwing", "throw new System.InvalidOperationException(\"no licence for the frobnicator\");"),
            TestAssemblies.Perturbation("FinePlugin", "fine-neighbour"));

        // A plugin that needs Helper.dll: once without it beside, once with it.
        var helperPath = Path.Combine(root, "helper", "Helper.dll");
        var helper = TestAssemblies.CompileTo(helperPath, [],
            "namespace Helper { public interface IMarker { } public static class Marker { public static string Text => \"described by Helper\"; } }");
        const string needy = """
            using System.Collections.Generic;
            using AdvCam.Abstractions;
            using AdvCam.Torch;

            public sealed class NeedyPlugin : PluginBase, IImagePerturbation, Helper.IMarker
            {
                public NeedyPlugin() : base("needy", Helper.Marker.Text) { }
                public IReadOnlyList<Severity> Severities(int imageSize) => new[] { new Severity(1, "one") };
                public Tensor Apply(Tensor images, Severity severity, long seed) => images.clone();
            }
            """;
        missingDependencyFolder = Path.Combine(root, "missing");
        TestAssemblies.CompileTo(Path.Combine(missingDependencyFolder, "Needy", "Needy.dll"), [.. TestAssemblies.Host, helper], needy);
        withDependencyFolder = Path.Combine(root, "with-dependency");
        TestAssemblies.CompileTo(Path.Combine(withDependencyFolder, "Needy", "Needy.dll"), [.. TestAssemblies.Host, helper], needy);
        File.Copy(helperPath, Path.Combine(withDependencyFolder, "Needy", "Helper.dll"));

        // Two assemblies whose plugins share a name.
        twinsFolder = Path.Combine(root, "twins");
        TestAssemblies.CompileTo(Path.Combine(twinsFolder, "A", "Twins.A.dll"), TestAssemblies.Host, TestAssemblies.Perturbation("TwinA", "twin"));
        TestAssemblies.CompileTo(Path.Combine(twinsFolder, "B", "Twins.B.dll"), TestAssemblies.Host, TestAssemblies.Perturbation("TwinB", "Twin"));

        // Types the loader must skip or refuse, and an assembly that is no plugin at all.
        oddFolder = Path.Combine(root, "odd");
        TestAssemblies.CompileTo(Path.Combine(oddFolder, "Odd.dll"), TestAssemblies.Host,
            TestAssemblies.Perturbation("GoodPlugin", "good"),
            """
            using AdvCam.Abstractions;
            public sealed class NeedsArgument : PluginBase { public NeedsArgument(int x) : base("needs-argument", "") { } }
            public sealed class Kindless : PluginBase { public Kindless() : base("kindless", "implements no kind") { } }
            public abstract class AbstractPlugin : PluginBase { protected AbstractPlugin() : base("abstract", "") { } }
            internal sealed class InternalPlugin : PluginBase { public InternalPlugin() : base("internal", "") { } }
            """);
        TestAssemblies.CompileTo(Path.Combine(oddFolder, "Plain.dll"), [], "public static class Plain { }");

        // A plugin that calls a native library which its .deps.json places in a subfolder, where only the resolver
        // (through the context's LoadUnmanagedDll) finds it, not the runtime's default probing: a copy of zlib under
        // another name.
        nativeFolder = Path.Combine(root, "native");
        var zlib = new[] { "/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/lib/aarch64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib64", "/usr/lib" }
            .Select(d => Path.Combine(d, "libz.so.1")).FirstOrDefault(File.Exists);
        zlib.Should().NotBeNull("zlib (Debian's essential zlib1g, which libtorch needs too) is the native library of this test");
        TestAssemblies.CompileTo(Path.Combine(nativeFolder, "NativeUser", "NativeUser.dll"), TestAssemblies.Host, """
            using System;
            using System.Collections.Generic;
            using System.Runtime.InteropServices;
            using AdvCam.Abstractions;
            using AdvCam.Torch;

            public sealed class NativeUser : PluginBase, IImagePerturbation
            {
                [DllImport("advcamtestz", EntryPoint = "zlibVersion")]
                private static extern IntPtr ZlibVersion();

                public NativeUser() : base("native-user", "zlib " + Marshal.PtrToStringAnsi(ZlibVersion())) { }
                public IReadOnlyList<Severity> Severities(int imageSize) => new[] { new Severity(1, "one") };
                public Tensor Apply(Tensor images, Severity severity, long seed) => images.clone();
            }
            """);
        // The layout of a NuGet package's native asset: runtimes/<rid>/native/, listed under runtimeTargets.
        var rid = "linux-" + RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant();
        var nativeAsset = $"runtimes/{rid}/native/libadvcamtestz.so";
        Directory.CreateDirectory(Path.Combine(nativeFolder, "NativeUser", "runtimes", rid, "native"));
        File.Copy(zlib!, Path.Combine(nativeFolder, "NativeUser", nativeAsset));
        File.WriteAllText(Path.Combine(nativeFolder, "NativeUser", "NativeUser.deps.json"), $$"""
            {
              "runtimeTarget": { "name": ".NETCoreApp,Version=v10.0", "signature": "" },
              "targets": {
                ".NETCoreApp,Version=v10.0": {
                  "NativeUser/1.0.0": { "dependencies": { "TestZ": "1.0.0" }, "runtime": { "NativeUser.dll": {} } },
                  "TestZ/1.0.0": { "runtimeTargets": { "{{nativeAsset}}": { "rid": "{{rid}}", "assetType": "native" } } }
                }
              },
              "libraries": {
                "NativeUser/1.0.0": { "type": "project", "serviceable": false, "sha512": "" },
                "TestZ/1.0.0": { "type": "package", "serviceable": false, "sha512": "" }
              }
            }
            """);
    }

    [OneTimeTearDown]
    public void DeleteFolders()
    {
        if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
    }

    [Test]
    public void Sample_plugin_is_found_in_a_folder_shares_the_host_contracts_and_inverts_images()
    {
        using var catalog = PluginLoader.Load(sampleFolder);

        catalog.Failures.Should().BeEmpty();
        var loaded = catalog.Plugins.Should().ContainSingle().Subject;
        loaded.Name.Should().Be("sample-invert");
        loaded.Kinds.Should().Be(PluginKinds.ImagePerturbation);
        loaded.Parameters.Should().BeEmpty();
        loaded.TypeName.Should().Be("AdvCam.Samples.SamplePlugin.InvertPerturbation");
        loaded.SourceFile.Should().Be(Path.Combine(sampleFolder, "SamplePlugin", "AdvCam.Samples.SamplePlugin.dll"));

        // The plugin's own assembly is isolated; the contracts and the engine are the host's.
        var pluginContext = AssemblyLoadContext.GetLoadContext(loaded.Plugin.GetType().Assembly)!;
        pluginContext.Should().NotBeSameAs(AssemblyLoadContext.Default);
        pluginContext.IsCollectible.Should().BeTrue();
        (loaded.Plugin is IImagePerturbation).Should().BeTrue("the plugin's IImagePerturbation is the host's type");
        loaded.Plugin.GetType().GetInterfaces().Should().Contain(typeof(IImagePerturbation));
        pluginContext.Assemblies.Select(a => a.GetName().Name).Should().NotContain(["AdvCam.Abstractions", "AdvCam.Torch"]);
        Directory.EnumerateFiles(Path.Combine(sampleFolder, "SamplePlugin")).Select(Path.GetFileName).Should()
            .NotContain(["AdvCam.Abstractions.dll", "AdvCam.Torch.dll", "libadvcam_torch.so"], "the host provides them");

        var perturbation = (IImagePerturbation)loaded.Plugin;
        var severity = perturbation.Severities(4).Should().ContainSingle().Subject;
        using var scope = torch.NewDisposeScope();
        var values = new[] { 0f, 0.25f, 0.5f, 1f, 0.1f, 0.9f, 0.3f, 0.7f };
        var images = torch.tensor(values, [1, 2, 2, 2]);
        var inverted = perturbation.Apply(images, severity, seed: 7);
        inverted.shape.Should().Equal(1, 2, 2, 2);
        inverted.ToArray<float>().Should().Equal(values.Select(v => 1f - v));
        images.ToArray<float>().Should().Equal(values, "the input is not modified");

        var wrongShape = () => perturbation.Apply(torch.zeros(2, 2), severity, 0);
        wrongShape.Should().Throw<ArgumentException>().WithMessage("*[N, C, H, W]*[2, 2]*");
    }

    [Test]
    public void Text_file_named_dll_is_a_failed_entry()
    {
        using var catalog = PluginLoader.Load(badImageFolder);

        catalog.Plugins.Should().BeEmpty();
        var failure = catalog.Failures.Should().ContainSingle().Subject;
        failure.File.Should().Be(Path.Combine(badImageFolder, "x.dll"));
        failure.TypeName.Should().BeNull();
        failure.Reason.Should().Contain("not a .NET assembly");
    }

    [Test]
    public void Plugin_built_against_another_major_contract_version_is_refused_naming_both_versions()
    {
        using var catalog = PluginLoader.Load(futureFolder);

        catalog.Plugins.Should().BeEmpty();
        var failure = catalog.Failures.Should().ContainSingle().Subject;
        failure.File.Should().Be(Path.Combine(futureFolder, "Future.dll"));
        failure.Reason.Should().Contain("built against AdvCam.Abstractions 2.0.0.0").And.Contain($"this host has AdvCam.Abstractions {typeof(AdvCam.Abstractions.IPlugin).Assembly.GetName().Version}");
    }

    [TestCase("1.0.0.0", "1.0.0.0", true)]
    [TestCase("1.0.0.0", "1.3.0.0", true)]
    [TestCase("1.2.0.0", "1.3.0.0", true)]
    [TestCase("1.4.0.0", "1.3.0.0", false)]
    [TestCase("2.0.0.0", "1.3.0.0", false)]
    [TestCase("0.9.0.0", "1.0.0.0", false)]
    public void Contract_versions_are_compatible_within_a_major_version_up_to_the_hosts_minor(string built, string host, bool compatible)
    {
        var reason = PluginAssemblyInspector.CheckContractVersion(Version.Parse(built), Version.Parse(host));
        if (compatible) reason.Should().BeNull();
        else reason.Should().Contain(built).And.Contain(host);
    }

    [Test]
    public void Constructor_that_throws_is_a_failed_entry_and_its_neighbour_still_loads()
    {
        using var catalog = PluginLoader.Load(throwingFolder);

        catalog.Plugins.Select(p => p.Name).Should().Equal("fine-neighbour");
        var failure = catalog.Failures.Should().ContainSingle().Subject;
        failure.File.Should().Be(Path.Combine(throwingFolder, "Throwing.dll"));
        failure.TypeName.Should().Be("ThrowingPlugin");
        failure.Reason.Should().Be("its constructor failed: InvalidOperationException: no licence for the frobnicator");
    }

    [Test]
    public void Missing_dependency_is_a_failed_entry_naming_it()
    {
        using var catalog = PluginLoader.Load(missingDependencyFolder);

        catalog.Plugins.Should().BeEmpty();
        var failure = catalog.Failures.Should().ContainSingle().Subject;
        failure.File.Should().Be(Path.Combine(missingDependencyFolder, "Needy", "Needy.dll"));
        failure.Reason.Should().Contain("missing dependency 'Helper, Version=0.0.0.0");
    }

    [Test]
    public void Dependency_beside_the_plugin_loads_into_the_plugins_own_context()
    {
        using var catalog = PluginLoader.Load(withDependencyFolder);

        catalog.Failures.Should().BeEmpty();
        var loaded = catalog.Plugins.Should().ContainSingle().Subject;
        loaded.Plugin.Description.Should().Be("described by Helper", "the constructor ran code of the dependency");
        var context = AssemblyLoadContext.GetLoadContext(loaded.Plugin.GetType().Assembly)!;
        context.Assemblies.Select(a => a.GetName().Name).Should().BeEquivalentTo("Needy", "Helper");
        AssemblyLoadContext.Default.Assemblies.Select(a => a.GetName().Name).Should().NotContain("Helper");
    }

    [Test]
    public void Native_dependency_listed_in_the_plugins_deps_json_is_found()
    {
        using var catalog = PluginLoader.Load(nativeFolder);

        catalog.Failures.Should().BeEmpty();
        var loaded = catalog.Plugins.Should().ContainSingle().Subject;
        loaded.Plugin.Description.Should().MatchRegex(@"^zlib \d+\.\d+", "the constructor called into the native library");
    }

    [Test]
    public void Second_plugin_with_a_taken_name_fails_naming_both_files()
    {
        using var catalog = PluginLoader.Load(twinsFolder);

        var first = Path.Combine(twinsFolder, "A", "Twins.A.dll");
        var second = Path.Combine(twinsFolder, "B", "Twins.B.dll");
        var loaded = catalog.Plugins.Should().ContainSingle().Subject;
        loaded.Name.Should().Be("twin");
        loaded.SourceFile.Should().Be(first);
        var failure = catalog.Failures.Should().ContainSingle().Subject;
        failure.File.Should().Be(second);
        failure.TypeName.Should().Be("TwinB");
        failure.Reason.Should().Contain("'Twin'").And.Contain(first).And.Contain(second);
    }

    [Test]
    public void Types_without_a_usable_constructor_or_kind_fail_and_non_plugins_are_skipped()
    {
        using var catalog = PluginLoader.Load(oddFolder);

        catalog.Plugins.Select(p => p.Name).Should().Equal("good");
        catalog.Failures.Select(f => (Path.GetFileName(f.File), f.TypeName)).Should().BeEquivalentTo(new[]
        {
            ("Odd.dll", "Kindless"),
            ("Odd.dll", "NeedsArgument"),
        });
        catalog.Failures.Single(f => f.TypeName == "Kindless").Reason.Should().Contain("none of the plugin kinds");
        catalog.Failures.Single(f => f.TypeName == "NeedsArgument").Reason.Should().Contain("no public parameterless constructor");
    }

    [Test]
    public void Broken_plugins_leave_the_others_loaded()
    {
        using var catalog = PluginLoader.Load(badImageFolder, sampleFolder, futureFolder, throwingFolder, missingDependencyFolder);

        catalog.Plugins.Select(p => p.Name).Should().Equal("sample-invert", "fine-neighbour");
        catalog.Failures.Select(f => Path.GetFileName(f.File)).Should().Equal("x.dll", "Future.dll", "Throwing.dll", "Needy.dll");
        catalog.Get("SAMPLE-invert").Name.Should().Be("sample-invert");
        var unknown = () => catalog.Get("nope");
        unknown.Should().Throw<ArgumentException>().WithMessage("*no plugin 'nope'*loaded: sample-invert, fine-neighbour*4 failed*");
    }

    [Test]
    public void Missing_folder_named_by_the_user_is_a_failure_but_a_missing_built_in_folder_is_not()
    {
        var missing = Path.Combine(root, "does-not-exist");
        var builtIn = Path.Combine(root, "no-built-in-either");
        using var catalog = PluginLoader.Load(PluginSearchPath.Merge([missing], null, builtIn: [builtIn]));

        catalog.Plugins.Should().BeEmpty();
        var failure = catalog.Failures.Should().ContainSingle().Subject;
        failure.File.Should().Be(missing);
        failure.Reason.Should().Contain("does not exist").And.Contain("CommandLine");
    }

    [Test]
    public void Unloaded_catalog_lets_the_plugin_context_be_collected()
    {
        var (catalog, context, assembly) = LoadAndRun(sampleFolder);
        Collect(context);
        context.IsAlive.Should().BeTrue("the catalog still holds the plugin");

        catalog.Unload();
        catalog.IsUnloaded.Should().BeTrue();
        catalog.Plugins.Should().BeEmpty();
        Collect(context);
        Collect(assembly);

        context.IsAlive.Should().BeFalse("nothing refers to the plugin any more, so its collectible context unloads");
        assembly.IsAlive.Should().BeFalse("the plugin's assembly goes with its context");
        GC.KeepAlive(catalog);
    }

    private static void Collect(WeakReference weak)
    {
        for (var i = 0; i < 20 && weak.IsAlive; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
    }

    /// <summary>Loads and runs the sample plugin; hands back the catalog and only weak references to its context and assembly.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (PluginCatalog Catalog, WeakReference Context, WeakReference Assembly) LoadAndRun(string folder)
    {
        var catalog = PluginLoader.Load(folder);
        var plugin = (IImagePerturbation)catalog.Get("sample-invert").Plugin;
        using (var scope = torch.NewDisposeScope())
        {
            var result = plugin.Apply(torch.full([1, 1, 2, 2], 0.25), plugin.Severities(2)[0], 0);
            if (result.ToArray<float>().Any(v => v != 0.75f)) throw new InvalidOperationException("the sample plugin did not invert");
        }
        var assembly = plugin.GetType().Assembly;
        return (catalog, new WeakReference(AssemblyLoadContext.GetLoadContext(assembly)), new WeakReference(assembly));
    }
}
