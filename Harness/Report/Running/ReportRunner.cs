using System.Diagnostics;
using AdvCam.Abstractions;
using AdvCam.Core.Models;
using AdvCam.Core.Plugins;
using AdvCam.Core.Running;
using AdvCam.Report.Checks;
using AdvCam.Report.Comparison;

namespace AdvCam.Report.Running;

/// <summary>
/// Runs a report: loads the plugins once, finds the shipped fine-tuned models (<see cref="FineTunedModel.FindIn"/>), plans the
/// suites (<see cref="ReportPlanner"/>), runs each with the <see cref="SuiteRunner"/> on its model's test subset, draws the
/// attribution overlays, and compares each fine-tuned model with its original (<see cref="ModelComparison"/>).
/// </summary>
/// <remarks>
/// Sizes: <see cref="ReportOptions.TestSubset"/> when given (capped by the split), else the whole split with
/// <see cref="ReportOptions.Full"/>, else <see cref="ReportSizes.For"/> the model's task. On cancellation the running suite
/// keeps what finished and the later suites are not run.
/// </remarks>
public static class ReportRunner
{
    /// <summary>Runs the report.</summary>
    /// <param name="options">What to run.</param>
    /// <param name="log">Told which suite runs, on which model and how many items; may be null.</param>
    /// <param name="progress">Told the suite's name and its runner's progress after every batch; may be null.</param>
    /// <param name="cancellation">Stops the run before the next batch.</param>
    /// <exception cref="FileNotFoundException">A model or the data is missing.</exception>
    /// <exception cref="DirectoryNotFoundException">The shipped models folder is missing.</exception>
    /// <exception cref="InvalidDataException">A model file is invalid.</exception>
    /// <exception cref="ArgumentException">A model is not a classifier of a suite task, a size is out of range, or a threshold
    /// file given is for a model the report does not run.</exception>
    /// <exception cref="Core.Regression.SuiteThresholdsException">A threshold or baseline file is invalid.</exception>
    /// <exception cref="SuiteSpecException">The suite file a threshold file names is invalid.</exception>
    public static ReportOutcome Run(ReportOptions options, TextWriter? log = null, IProgress<(string Suite, SuiteProgress Progress)>? progress = null,
        CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.TestSubset is < 1) throw new ArgumentException($"the test subset must be at least 1, not {options.TestSubset}", nameof(options));
        var start = DateTime.UtcNow;
        var watch = Stopwatch.StartNew();
        using var catalog = PluginLoader.Load(options.SearchPath);
        var suites = new List<SuiteResults>();
        var overlays = new List<AttributionOverlay>();
        var checks = new List<ThresholdCheck>();
        var excluded = new HashSet<string>(options.ExcludedPlugins, StringComparer.OrdinalIgnoreCase);
        var fineTuned = options.Model is null && options.FineTuned ? FineTunedModel.FindIn(ShippedModels.Directory(), ShippedModels.FashionMnist, log) : [];
        var plans = ReportPlanner.Plan(catalog.Plugins.Where(p => !excluded.Contains(p.Name)).ToArray(), options.Model, fineTuned);
        var paths = plans.Select(p => SuiteSpec.ResolveModel(p.Model, null)).ToArray();
        var thresholds = ThresholdAssignment.Assign(options.Thresholds, options.ThresholdsBesideModels, paths, log);
        for (var planIndex = 0; planIndex < plans.Count; planIndex++)
        {
            var plan = plans[planIndex];
            var path = paths[planIndex];
            using var loaded = TrainedModel.Load(path, options.Device);
            var model = SuiteModel.From(loaded);
            var total = SuiteData.ForTask(model.Task, null, options.BatchSize).Count;
            int? subset = options.TestSubset ?? (options.Full ? null : ReportSizes.For(model.Task));
            if (subset >= total) subset = null;
            var data = SuiteData.ForTask(model.Task, subset, options.BatchSize);
            log?.WriteLine($"suite {plan.Name}: model {path} ({model.Task}{(plan.Recipe is null ? "" : $", fine-tuned by {plan.Recipe}")}), {data.Count} of {total} " +
                           $"test items{SizeReason(options, subset)}, {plan.Plugins.Count} plugin runs");
            var runner = new SuiteRunner(model, data, catalog, options.Device);
            var spec = new SuiteSpec
            {
                Name = plan.Name,
                Description = plan.BaseSuite is null
                    ? $"advcam report: every plugin found, on {plan.Model}"
                    : $"advcam report: the image and model perturbations of suite {plan.BaseSuite}, on {plan.Model} (fine-tuned by {plan.Recipe})",
                Model = plan.Model,
                TestSubset = subset,
                BatchSize = options.BatchSize,
                Seed = options.Seed,
                Plugins = plan.Plugins,
            };
            var suiteProgress = progress is null ? null : new Relay(plan.Name, progress);
            var results = runner.Run(spec, suiteProgress, cancellation);
            suites.Add(results);
            if (results.Status == SuiteStatus.Cancelled) break;
            if (data.HasMasks && options.OverlayScenes > 0) overlays.AddRange(Overlays(results, catalog, runner, data, options, log));
            foreach (var suite in thresholds[planIndex])
            {
                var check = ThresholdEvaluator.Evaluate(suite, results, catalog);
                checks.Add(check);
                log?.WriteLine($"thresholds {check.ThresholdsFile} on suite {plan.Name}: {check.Passed} passed, {check.Failed} failed, " +
                               $"{check.Inconclusive} inconclusive, {check.NotMeasured} not measured");
            }
        }
        var comparisons = Comparisons(plans, suites);
        var report = ReportResults.Create(suites, start, options.Full && options.TestSubset is null, watch.Elapsed.TotalSeconds, checks, comparisons);
        return new ReportOutcome(report, overlays);
    }

    /// <summary>Each original model with the fine-tuned versions measured beside it, among the suites that ran (a cancelled
    /// report compares what finished).</summary>
    private static IReadOnlyList<ModelComparison> Comparisons(IReadOnlyList<ReportSuitePlan> plans, IReadOnlyList<SuiteResults> suites)
    {
        var list = new List<ModelComparison>();
        foreach (var group in plans.Where(p => p.BaseSuite is not null).GroupBy(p => p.BaseSuite!))
        {
            var original = suites.FirstOrDefault(s => s.Suite.Name == group.Key);
            var fineTuned = group.Select(p => (Suite: suites.FirstOrDefault(s => s.Suite.Name == p.Name), p.Recipe)).Where(x => x.Suite is not null)
                .Select(x => (x.Suite!, x.Recipe)).ToArray();
            if (original is not null && fineTuned.Length > 0) list.Add(ModelComparison.Create(original, fineTuned));
        }
        return list;
    }

    private static string SizeReason(ReportOptions options, int? subset) =>
        options.TestSubset is not null ? " (--test-subset)" : subset is null ? (options.Full ? " (--full)" : "") : " (default subset; --full runs the whole split)";

    private static IEnumerable<AttributionOverlay> Overlays(SuiteResults results, PluginCatalog catalog, SuiteRunner runner, SuiteData data, ReportOptions options,
        TextWriter? log)
    {
        var list = new List<AttributionOverlay>();
        foreach (var plugin in results.Plugins.Where(p => p.Status == PluginStatus.Passed && p.Kinds.Contains(PluginKindNames.Attribution)))
        {
            if (catalog.Find(plugin.Name)?.Plugin is not IAttribution attribution) continue;
            try
            {
                attribution.Configure(plugin.Parameters);
                list.AddRange(OverlayRenderer.Render(plugin.Name, attribution, runner.Classifier, data, options.OverlayScenes, options.Device));
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // The plugin passed its suite; an overlay that cannot be drawn is left out rather than failing the report.
                log?.WriteLine($"no overlay for '{plugin.Name}': {e.Message}");
            }
        }
        return list;
    }

    private sealed class Relay(string suite, IProgress<(string, SuiteProgress)> target) : IProgress<SuiteProgress>
    {
        public void Report(SuiteProgress value) => target.Report((suite, value));
    }
}
