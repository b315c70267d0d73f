using System.CommandLine;
using AdvCam.Core.Regression;
using AdvCam.Core.Running;

namespace AdvCam.Cli.Commands;

/// <summary>
/// <c>advcam baseline</c>: runs the suite a threshold file names and writes its baseline file (every case's value, keyed
/// by case name), which the NUnit suites (<c>AdvCam.Suites</c>) compare against within the tolerance. Prints every case
/// with its value and its floor or ceiling. A run with a failed plugin or a cancelled run writes no baseline.
/// </summary>
internal static class BaselineCommand
{
    internal static Command Create()
    {
        var thresholds = new Option<string>("--thresholds") { Description = "the threshold file (JSON; see docs/suites.md): names the suite and the baseline file", Required = true };
        var baseline = new Option<string?>("--baseline") { Description = "write the baseline here instead of the threshold file's \"baseline\"" };
        var output = new Option<string?>("--out") { Description = $"also write the run's {SuiteResults.FileName} into this folder" };
        var folders = PluginOptions.Folders();
        var config = PluginOptions.Config();
        var command = new Command("baseline", "Run a threshold file's suite and record its baseline (the values the suite's cases are compared with)");
        foreach (var o in new Option[] { thresholds, baseline, output, folders, config }) command.Options.Add(o);
        command.SetAction(parse =>
        {
            var device = CommonOptions.Apply(parse);
            var searchPath = PluginOptions.SearchPath(parse, folders, config);
            RegressionSuite suite;
            try
            {
                // The command line's plugin folders, ADVCAM_PLUGINS, --config's and the threshold file's folders, the built-in folder.
                var commandLine = searchPath.Folders.Where(f => f.Source == Core.Plugins.PluginFolderSource.CommandLine).Select(f => f.Path).ToArray();
                var configured = searchPath.Folders.Where(f => f.Source == Core.Plugins.PluginFolderSource.ConfigFile).Select(f => f.Path).ToArray();
                suite = RegressionSuite.Load(parse.GetValue(thresholds)!, new RegressionOptions { Device = device, PluginFolders = commandLine, ConfigFolders = configured });
            }
            catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or SuiteThresholdsException or SuiteSpecException or ArgumentException)
            {
                throw new UserError(e.Message);
            }
            var target = parse.GetValue(baseline) is { } b ? Path.GetFullPath(b) : suite.Thresholds.Baseline
                ?? throw new UserError($"threshold file '{suite.Thresholds.File}' names no baseline file ($.baseline); give --baseline FILE");
            var progress = new SuiteProgressLine(Console.Error, !Console.IsErrorRedirected);
            IReadOnlyList<RegressionCase> cases;
            SuiteResults results;
            using (var interrupt = new InterruptSignal())
            {
                try
                {
                    (cases, results) = suite.Run(progress, interrupt.Token);
                }
                catch (Exception e) when (e is FileNotFoundException or InvalidDataException or ArgumentException)
                {
                    throw new UserError(e.Message);
                }
                finally
                {
                    progress.Finish();
                }
            }
            var stdout = parse.InvocationConfiguration.Output;
            if (parse.GetValue(output) is { } folder) stdout.WriteLine($"results   {results.WriteTo(folder)}");
            if (results.Status == SuiteStatus.Cancelled)
            {
                Console.Error.WriteLine("interrupted; no baseline written");
                return InterruptSignal.ExitCode;
            }
            var failed = results.Plugins.Where(p => p.Status == PluginStatus.Failed).ToArray();
            if (failed.Length > 0)
            {
                foreach (var p in failed) Console.Error.WriteLine($"advcam: plugin '{p.Name}' failed: {p.Error}");
                Console.Error.WriteLine("advcam: no baseline written (a baseline records a run in which every plugin passed)");
                return 1;
            }
            var recorded = SuiteBaseline.From(results, cases);
            var nameWidth = cases.Max(c => c.Name.Length);
            foreach (var c in cases)
            {
                var limit = suite.Thresholds.LimitFor(c);
                var value = recorded.Values.TryGetValue(c.Name, out var v) ? v is { } x ? CaseCheck.F(x) : "null" : "-";
                var bound = limit is null ? "" : c.Direction == MetricDirection.HigherIsBetter
                    ? $"floor {CaseCheck.F(limit.Value)}{(v < limit.Value ? "  BELOW THE FLOOR" : "")}"
                    : $"ceiling {CaseCheck.F(limit.Value)}{(v > limit.Value ? "  ABOVE THE CEILING" : "")}";
                stdout.WriteLine($"{c.Name.PadRight(nameWidth)}  {value,-8}  {bound}".TrimEnd());
            }
            stdout.WriteLine($"baseline  {recorded.WriteTo(target)}  ({recorded.Values.Count} values, suite {results.Suite.Name}, {results.Data.Items} items, {results.Seconds:F1} s)");
            return 0;
        });
        return command;
    }
}
