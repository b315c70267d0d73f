using System.CommandLine;
using AdvCam.Core.Regression;
using AdvCam.Core.Running;
using AdvCam.Report;
using AdvCam.Report.Running;

namespace AdvCam.Cli.Commands;

/// <summary>
/// <c>advcam report</c>: runs every plugin found on the shipped models (or <c>--model</c>) with the suite runner, and the image
/// and model perturbations on the shipped fine-tuned versions of <c>fashion-mnist</c> (unless <c>--no-finetuned</c>), on test
/// subsets sized for a few minutes on a CPU (<c>--full</c>: the whole splits), and writes <c>results.json</c>,
/// <c>index.html</c> (self-contained, offline) and <c>summary.md</c> into <c>--out</c>. Ctrl+C stops at the next batch,
/// writes what finished and exits with 130.
/// </summary>
internal static class ReportCommand
{
    internal static Command Create()
    {
        var output = new Option<string>("--out") { Description = "folder for results.json, index.html and summary.md (created when missing)", DefaultValueFactory = _ => "report" };
        var model = new Option<string?>("--model")
        {
            Description = "model file or folder, or fashion-mnist / fashion-scenes: run every plugin on it (default: perturbations on fashion-mnist and " +
                          "its shipped fine-tuned versions, attributions on fashion-scenes)",
        };
        var testSubset = new Option<int?>("--test-subset")
        {
            Description = $"use only the first N test items of each suite (default: {ReportSizes.FashionMnist} Fashion-MNIST images, {ReportSizes.FashionScenes} FashionScenes scenes)",
        };
        var full = new Option<bool>("--full") { Description = "run on the whole test splits (10,000 images, 1,000 scenes)" };
        var seed = new Option<long>("--seed") { Description = "the suites' seed (default 0)" };
        var thresholds = new Option<string[]>("--thresholds")
        {
            Description = "a threshold file (docs/suites.md) to judge on the report's measurements, pass/fail per case (repeatable; default: thresholds.json beside each model)",
            Arity = ArgumentArity.OneOrMore,
        };
        var noThresholds = new Option<bool>("--no-thresholds") { Description = "do not judge the thresholds.json beside the models" };
        var noFineTuned = new Option<bool>("--no-finetuned")
        {
            Description = "do not measure the shipped fine-tuned versions of fashion-mnist beside it (default: each, under the image and model perturbations)",
        };
        var folders = PluginOptions.Folders();
        var config = PluginOptions.Config();
        var command = new Command("report", "Run every plugin on the shipped models (or --model) and write an HTML report, results.json and summary.md");
        foreach (var o in new Option[] { output, model, testSubset, full, seed, thresholds, noThresholds, noFineTuned, folders, config }) command.Options.Add(o);
        command.SetAction(parse =>
        {
            var device = CommonOptions.Apply(parse);
            if (parse.GetValue(testSubset) is < 1) throw new UserError($"--test-subset must be at least 1, got {parse.GetValue(testSubset)}");
            var outFolder = PrepareOutput(parse.GetValue(output)!);
            var options = new ReportOptions
            {
                Model = parse.GetValue(model),
                TestSubset = parse.GetValue(testSubset),
                Full = parse.GetValue(full),
                Seed = parse.GetValue(seed),
                Thresholds = parse.GetValue(thresholds) ?? [],
                ThresholdsBesideModels = !parse.GetValue(noThresholds),
                FineTuned = !parse.GetValue(noFineTuned),
                SearchPath = PluginOptions.SearchPath(parse, folders, config),
                Device = device,
            };
            var stdout = parse.InvocationConfiguration.Output;
            var progress = new ProgressLine(Console.Error, !Console.IsErrorRedirected);
            ReportOutcome outcome;
            using (var interrupt = new InterruptSignal())
            {
                try
                {
                    outcome = ReportRunner.Run(options, new LineRelay(stdout, progress), progress, interrupt.Token);
                }
                catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or InvalidDataException or ArgumentException
                                               or SuiteThresholdsException or SuiteSpecException)
                {
                    throw new UserError(e.Message);
                }
                finally
                {
                    progress.Finish();
                }
            }
            var (results, html, summary) = ReportWriter.Write(outFolder, outcome);
            foreach (var s in outcome.Results.Suites)
            {
                var failed = s.Plugins.Count(p => p.Status == PluginStatus.Failed);
                stdout.WriteLine($"suite {s.Suite.Name}: {s.Plugins.Count(p => p.Status == PluginStatus.Passed)} of {s.Plugins.Count} plugin runs passed" +
                    $"{(failed > 0 ? $", {failed} failed" : "")}, {s.Seconds:F1} s");
            }
            foreach (var c in outcome.Results.Checks ?? [])
                stdout.WriteLine($"thresholds {c.ThresholdsFile}: {c.Passed} passed, {c.Failed} failed, {c.Inconclusive} inconclusive, " +
                                 $"{c.NotMeasured} not measured (on suite {c.ReportSuite}, {c.ReportItems} items)");
            var loadFailures = outcome.Results.Suites.SelectMany(s => s.LoadFailures).Distinct().Count();
            if (loadFailures > 0) stdout.WriteLine($"{loadFailures} plugin load failure(s): see the report");
            stdout.WriteLine($"report   {html}");
            stdout.WriteLine($"summary  {summary}");
            stdout.WriteLine($"results  {results}");
            stdout.WriteLine($"time     {outcome.Results.Seconds:F1} s");
            if (!outcome.Cancelled) return 0;
            Console.Error.WriteLine($"interrupted; what finished is in {outFolder}");
            return InterruptSignal.ExitCode;
        });
        return command;
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

    /// <summary>Writes the runner's log lines to stdout, after ending an open progress line.</summary>
    private sealed class LineRelay(TextWriter target, ProgressLine progress) : TextWriter
    {
        public override System.Text.Encoding Encoding => target.Encoding;

        public override void WriteLine(string? value)
        {
            progress.Finish();
            target.WriteLine(value);
        }

        public override void Write(char value) => target.Write(value);
    }

    /// <summary>The suite, plugin and batch on stderr: one line rewritten in place on a terminal (at most 10 times a second),
    /// else one line as each pass starts.</summary>
    private sealed class ProgressLine(TextWriter writer, bool interactive) : IProgress<(string Suite, SuiteProgress Progress)>
    {
        private readonly SuiteProgressLine line = new(writer, interactive);

        public void Report((string Suite, SuiteProgress Progress) value) => line.Report(value.Progress, $"{value.Suite}: ");

        public void Finish() => line.Finish();
    }
}
