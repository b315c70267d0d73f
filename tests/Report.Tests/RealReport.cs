using AdvCam.Core.Plugins;
using AdvCam.Report.Running;

namespace AdvCam.Report.Tests;

/// <summary>
/// One real report, made once per test run: the built-in plugins (plugins/ beside the tests) on the shipped models, on the
/// first <see cref="Items"/> test items of each suite (AdvCAM left out for time), written to <c>report/</c> in the test's
/// work folder (the screenshot goes beside it).
/// </summary>
internal static class RealReport
{
    /// <summary>Test items per suite: few, since AdvCAM (official defaults) costs seconds per scene.</summary>
    public const int Items = 4;

    private static readonly Lazy<(ReportOutcome Outcome, string Folder)> Made = new(() =>
    {
        var options = new ReportOptions
        {
            SearchPath = PluginSearchPath.Merge([PluginFolder], null),
            TestSubset = Items,
            BatchSize = 4,
            OverlayScenes = 1,
            // AdvCAM with its official defaults costs seconds per scene, many under the test run's low priority.
            ExcludedPlugins = ["advcam"],
        };
        var outcome = ReportRunner.Run(options);
        var folder = Path.Combine(TestContext.CurrentContext.WorkDirectory, "report");
        ReportWriter.Write(folder, outcome);
        return (outcome, folder);
    });

    /// <summary>The built-in plugins' folder beside the tests.</summary>
    public static string PluginFolder => Path.Combine(TestContext.CurrentContext.TestDirectory, "plugins");

    /// <summary>The report's results and overlays.</summary>
    public static ReportOutcome Outcome => Made.Value.Outcome;

    /// <summary>The folder holding results.json, index.html and summary.md.</summary>
    public static string Folder => Made.Value.Folder;
}
