using System.CommandLine;
using System.Globalization;
using AdvCam.Core.Models;
using AdvCam.Core.Plugins;
using AdvCam.Core.Running;

namespace AdvCam.Cli.Commands;

/// <summary>
/// <c>advcam run</c>: runs a suite file's plugins against its model and data, writes <c>results.json</c> and prints a
/// short table. Failed plugins are printed and leave the exit code 0 (the results say what failed); Ctrl+C stops at the
/// next batch, writes what finished and exits with 130.
/// </summary>
internal static class RunCommand
{
    internal static Command Create()
    {
        var suite = new Option<string>("--suite") { Description = "the suite file (JSON; see docs/suites.md)", Required = true };
        var output = new Option<string>("--out") { Description = $"folder for {SuiteResults.FileName} (created when missing)", DefaultValueFactory = _ => "." };
        var seed = new Option<long?>("--seed") { Description = "the run's seed (default: the suite's, else 0)" };
        var model = new Option<string?>("--model") { Description = "model file or folder, or fashion-mnist / fashion-scenes (default: the suite's)" };
        var testSubset = new Option<int?>("--test-subset") { Description = "use only the first N test items (default: the suite's, else all)" };
        var folders = PluginOptions.Folders();
        var config = PluginOptions.Config();
        var command = new Command("run", "Run a suite: the plugins against a model on its task's test data; writes results.json");
        foreach (var o in new Option[] { suite, output, seed, model, testSubset, folders, config }) command.Options.Add(o);
        command.SetAction(parse =>
        {
            var device = CommonOptions.Apply(parse);
            var spec = LoadSpec(parse.GetValue(suite)!);
            if (parse.GetValue(seed) is { } s) spec = spec with { Seed = s };
            if (parse.GetValue(testSubset) is { } n)
            {
                if (n < 1) throw new UserError($"--test-subset must be at least 1, got {n}");
                spec = spec with { TestSubset = n };
            }
            var outFolder = PrepareOutput(parse.GetValue(output)!);
            var searchPath = PluginOptions.SearchPath(parse, folders, config);
            var modelPath = ModelPath(spec, parse.GetValue(model));

            TrainedModel loaded;
            try
            {
                loaded = TrainedModel.Load(modelPath, device);
            }
            catch (Exception e) when (e is FileNotFoundException or InvalidDataException)
            {
                throw new UserError(e.Message);
            }
            using (loaded)
            {
                SuiteModel suiteModel;
                SuiteData data;
                try
                {
                    suiteModel = SuiteModel.From(loaded);
                    data = SuiteData.ForSpec(spec, suiteModel.Task);
                }
                catch (Exception e) when (e is ArgumentException or FileNotFoundException or DirectoryNotFoundException or InvalidDataException)
                {
                    throw new UserError(e.Message);
                }
                using var catalog = PluginLoader.Load(searchPath);
                SuiteRunner runner;
                try
                {
                    runner = new SuiteRunner(suiteModel, data, catalog, device);
                }
                catch (ArgumentException e)
                {
                    throw new UserError(e.Message);
                }
                var progress = new SuiteProgressLine(Console.Error, !Console.IsErrorRedirected);
                SuiteResults results;
                using (var interrupt = new InterruptSignal())
                {
                    try
                    {
                        results = runner.Run(spec, progress, interrupt.Token);
                    }
                    finally
                    {
                        progress.Finish();
                    }
                }
                var path = results.WriteTo(outFolder);
                var stdout = parse.InvocationConfiguration.Output;
                PrintTable(stdout, results);
                stdout.WriteLine($"results  {path}");
                if (results.Status != SuiteStatus.Cancelled) return 0;
                Console.Error.WriteLine($"interrupted; the plugins that finished are in {path}");
                return InterruptSignal.ExitCode;
            }
        });
        return command;
    }

    private static SuiteSpec LoadSpec(string path)
    {
        try
        {
            return SuiteSpec.Load(path);
        }
        catch (Exception e) when (e is FileNotFoundException or SuiteSpecException)
        {
            throw new UserError(e.Message);
        }
    }

    private static string ModelPath(SuiteSpec spec, string? commandLine)
    {
        try
        {
            if (commandLine is not null) return SuiteSpec.ResolveModel(commandLine, null);
            if (spec.Model is null)
                throw new UserError($"suite '{spec.SourceFile}' names no model ($.model) and no --model was given");
            return spec.ResolveModelPath();
        }
        catch (DirectoryNotFoundException e)
        {
            throw new UserError(e.Message);
        }
    }

    private static string PrepareOutput(string folder)
    {
        try
        {
            if (File.Exists(folder)) throw new UserError($"--out '{folder}' is a file, not a folder");
            Directory.CreateDirectory(folder);
            return Path.GetFullPath(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            throw new UserError($"--out '{folder}' cannot be created: {e.Message}");
        }
    }

    /// <summary>One line for the clean pass, one per plugin severity (or kind), then the plugin load failures.</summary>
    private static void PrintTable(TextWriter output, SuiteResults results)
    {
        output.WriteLine($"suite  {results.Suite.Name}  (model {results.Model.Path}, {results.Data.Items} {results.Data.Task} test items, seed {results.Environment.Seed})");
        var rows = new List<(string Plugin, string What, string Values)>
        {
            ("clean", "", results.Clean is null ? "not finished" : Values(results.Clean.Metrics.Select(m => (m.Metric, m.Value)))),
        };
        foreach (var plugin in results.Plugins)
        {
            foreach (var group in plugin.Entries.GroupBy(e => (e.Kind, e.Under, e.Severity?.Level, e.Severity?.Label)))
            {
                var what = group.Key.Level is { } level ? $"{level} {group.Key.Label}" : group.Key.Kind;
                if (group.Key.Under is { } under) what = $"under {under} {what}";
                rows.Add((plugin.Name, what, Values(group.Select(e => (e.Label is { } label ? $"{e.Metric}[{label}]" : e.Metric, e.Value)))));
            }
            switch (plugin.Status)
            {
                case PluginStatus.Failed:
                    rows.Add((plugin.Name, "FAILED", plugin.Error ?? ""));
                    break;
                case PluginStatus.Cancelled:
                    rows.Add((plugin.Name, "cancelled", plugin.Error ?? ""));
                    break;
                case PluginStatus.NotApplicable:
                    rows.Add((plugin.Name, "n/a", plugin.Note ?? ""));
                    break;
            }
        }
        var pluginWidth = rows.Max(r => r.Plugin.Length);
        var whatWidth = rows.Max(r => r.What.Length);
        foreach (var (plugin, what, values) in rows)
            output.WriteLine($"{plugin.PadRight(pluginWidth)}  {what.PadRight(whatWidth)}  {values}".TrimEnd());
        var failed = results.Plugins.Count(p => p.Status == PluginStatus.Failed);
        if (failed > 0) output.WriteLine(failed == 1 ? "1 plugin failed" : $"{failed} plugins failed");
        if (results.LoadFailures.Count > 0)
        {
            output.WriteLine(results.LoadFailures.Count == 1 ? "1 plugin load failure:" : $"{results.LoadFailures.Count} plugin load failures:");
            foreach (var f in results.LoadFailures) output.WriteLine($"  {f.File}{(f.TypeName is null ? "" : $" ({f.TypeName})")}: {f.Reason}");
        }
    }

    private static string Values(IEnumerable<(string Metric, double? Value)> values) =>
        string.Join("  ", values.Select(v => string.Create(CultureInfo.InvariantCulture, $"{v.Metric} {(v.Value is { } x ? x.ToString("F4", CultureInfo.InvariantCulture) : "n/a")}")));
}
