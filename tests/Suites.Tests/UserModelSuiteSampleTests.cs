using System.Diagnostics;
using System.Xml.Linq;
using AdvCam.Core.Regression;

namespace AdvCam.Suites.Tests;

/// <summary>
/// <c>samples/UserModelSuite</c>, a user's own NUnit robustness suite (their model, suite, thresholds and baseline, a project
/// reference to AdvCam.Suites), built and run with <c>dotnet test</c> as a user runs it: it must pass, with one result per
/// generated case. The sample is not in AdvCam.sln; this test is what runs it.
/// </summary>
[NonParallelizable]
public sealed class UserModelSuiteSampleTests
{
    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "AdvCam.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException($"no AdvCam.sln above {AppContext.BaseDirectory}");
    }

    [Test]
    public void The_user_model_sample_builds_and_passes_with_dotnet_test_one_result_per_generated_case()
    {
        var root = RepositoryRoot();
        var sample = Path.Combine(root, "samples", "UserModelSuite");
        using var results = new TempFolder();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = sample,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[]
                 {
                     "test", "UserModelSuite.csproj", "--nologo", "--disable-build-servers", "--results-directory", results.Path,
                     "--logger", "trx;LogFileName=sample.trx", "--logger", "console;verbosity=normal",
                 })
            start.ArgumentList.Add(argument);
        // The inner dotnet must not inherit this test host's MSBuild and test-platform settings, nor a plugin folder: the
        // sample gets the built-in plugins from its own build (plugins/ beside its assembly).
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase) ||
                                                            k.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase) ||
                                                            k.StartsWith("TESTINGPLATFORM", StringComparison.OrdinalIgnoreCase) ||
                                                            k == Core.Plugins.PluginSearchPath.EnvironmentVariable).ToArray())
            start.Environment.Remove(key);

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        var output = stdout + stderr.Result;
        TestContext.Out.WriteLine(output);
        process.ExitCode.Should().Be(0, $"the sample's suite passes:{Environment.NewLine}{output}");

        // The cases the sample's threshold file generates, planned here from the same files and the same built-in plugins.
        var planned = RegressionSuite.Load(Path.Combine(sample, "robustness", "thresholds.json"), new RegressionOptions
        {
            SearchPath = new Core.Plugins.PluginSearchPath([new Core.Plugins.PluginFolder(Path.Combine(AppContext.BaseDirectory, "plugins"),
                Core.Plugins.PluginFolderSource.BuiltIn)]),
        }).Plan().Select(c => c.Name).ToArray();
        planned.Should().Contain(["clean/top1", "gaussian-blur/s1/top1", "gaussian-blur/s5/top1", "pixel-shift/s3/consistency", "pixel-shift/worst_fooling_rate"]);

        var trx = XDocument.Load(Path.Combine(results.Path, "sample.trx"));
        XNamespace ns = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";
        var outcomes = trx.Descendants(ns + "UnitTestResult").ToDictionary(r => (string)r.Attribute("testName")!, r => (string)r.Attribute("outcome")!);
        outcomes.Keys.Should().BeEquivalentTo(planned.Prepend(RobustnessCase.RunCaseName));
        outcomes.Should().OnlyContain(o => o.Value == "Passed", "every case meets its thresholds and baseline");
        foreach (var name in planned) output.Should().Contain($"Passed {name}");
        // The run case attaches the suite's files.
        trx.Descendants(ns + "ResultFile").Select(f => Path.GetFileName((string)f.Attribute("path")!)).Should().Contain(["results.json", "index.html", "checks.md"]);
    }
}
