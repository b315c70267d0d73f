using AdvCam.Core.Models;
using AdvCam.Core.Plugins;
using AdvCam.Core.Running;
using AdvCam.Core.Training;

namespace AdvCam.Core.Regression;

/// <summary>
/// A suite with its thresholds, ready to plan and run: the threshold file, the suite file it names, the baseline (when
/// recorded), the model, the plugin search path and the device. <see cref="Plan"/> lists the cases without running
/// anything; <see cref="Run"/> runs the suite with the <see cref="SuiteRunner"/>; <see cref="Check"/> and
/// <see cref="CheckRun"/> judge the results.
/// </summary>
public sealed class RegressionSuite
{
    private RegressionSuite(SuiteThresholds thresholds, SuiteSpec spec, SuiteBaseline? baseline, string modelPath, PluginSearchPath searchPath,
        RegressionOptions options)
    {
        Thresholds = thresholds;
        Spec = spec;
        Baseline = baseline;
        ModelPath = modelPath;
        SearchPath = searchPath;
        Options = options;
    }

    /// <summary>The thresholds.</summary>
    public SuiteThresholds Thresholds { get; }

    /// <summary>The suite (with the options' overrides applied).</summary>
    public SuiteSpec Spec { get; }

    /// <summary>The baseline, or null when the threshold file names none or it has not been recorded yet.</summary>
    public SuiteBaseline? Baseline { get; }

    /// <summary>The model file or folder the suite runs.</summary>
    public string ModelPath { get; }

    /// <summary>Where plugins are loaded from.</summary>
    public PluginSearchPath SearchPath { get; }

    /// <summary>The options it was loaded with.</summary>
    public RegressionOptions Options { get; }

    /// <summary>Reads <paramref name="thresholdsFile"/>, the suite file it names and its baseline (when the file exists).</summary>
    /// <param name="thresholdsFile">The threshold file.</param>
    /// <param name="options">How to run; null for the defaults (CPU, the host's plugin search path).</param>
    /// <exception cref="FileNotFoundException">The threshold or suite file is missing.</exception>
    /// <exception cref="SuiteThresholdsException">The threshold or baseline file is invalid.</exception>
    /// <exception cref="SuiteSpecException">The suite file is invalid.</exception>
    /// <exception cref="ArgumentException">A plugin folder is not a valid path, or the suite names no model and no
    /// <see cref="RegressionOptions.Model"/> is given.</exception>
    /// <exception cref="DirectoryNotFoundException">The suite names a shipped model and the shipped models folder is missing.</exception>
    public static RegressionSuite Load(string thresholdsFile, RegressionOptions? options = null)
    {
        options ??= new RegressionOptions();
        var thresholds = SuiteThresholds.Load(thresholdsFile);
        var spec = SuiteSpec.Load(thresholds.Suite);
        if (options.TestSubset is { } n)
        {
            if (n < 1) throw new ArgumentException($"the test subset must be at least 1, not {n}", nameof(options));
            spec = spec with { TestSubset = n };
        }
        string modelPath;
        if (options.Model is not null) modelPath = SuiteSpec.ResolveModel(options.Model, null);
        else if (spec.Model is not null) modelPath = spec.ResolveModelPath();
        else throw new ArgumentException($"suite '{spec.SourceFile}' names no model ($.model), and none was given");
        var baseline = thresholds.Baseline is { } b && File.Exists(b) ? SuiteBaseline.Load(b) : null;
        var searchPath = options.SearchPath ?? PluginSearchPath.Merge(options.PluginFolders,
            Environment.GetEnvironmentVariable(PluginSearchPath.EnvironmentVariable),
            thresholds.PluginFolders.Concat(options.ConfigFolders ?? []), null, [PluginSearchPath.BuiltInFolder]);
        return new RegressionSuite(thresholds, spec, baseline, modelPath, searchPath, options);
    }

    /// <summary>The suite's cases, from the plugins found (loaded and unloaded here), the model's task and its data; nothing
    /// runs.</summary>
    /// <exception cref="FileNotFoundException">The model or the data is missing.</exception>
    /// <exception cref="InvalidDataException">The model file is invalid.</exception>
    /// <exception cref="ArgumentException">The model is not a classifier of a suite task.</exception>
    public IReadOnlyList<RegressionCase> Plan()
    {
        using var loaded = TrainedModel.Load(ModelPath);
        var model = SuiteModel.From(loaded);
        var data = Data(model.Task);
        using var catalog = PluginLoader.Load(SearchPath);
        return PlanWith(catalog, data);
    }

    /// <summary>Runs the suite once: loads the model on the device, the data and the plugins, and returns the results
    /// with the cases planned from the same plugins.</summary>
    /// <param name="progress">Told after every batch; may be null.</param>
    /// <param name="cancellation">Stops the run before the next batch (what finished is kept).</param>
    /// <exception cref="FileNotFoundException">The model or the data is missing.</exception>
    /// <exception cref="InvalidDataException">The model file is invalid.</exception>
    /// <exception cref="ArgumentException">The model is not a classifier of a suite task.</exception>
    public (IReadOnlyList<RegressionCase> Cases, SuiteResults Results) Run(IProgress<SuiteProgress>? progress = null, CancellationToken cancellation = default)
    {
        var device = Options.Device.EnsureAvailable();
        using var loaded = TrainedModel.Load(ModelPath, device);
        var model = SuiteModel.From(loaded);
        var data = Data(model.Task);
        using var catalog = PluginLoader.Load(SearchPath);
        var cases = PlanWith(catalog, data);
        var results = new SuiteRunner(model, data, catalog, device).Run(Spec, progress, cancellation);
        return (cases, results);
    }

    /// <summary>The verdict on one case (<see cref="CaseCheck.Evaluate"/> with this suite's thresholds and baseline).</summary>
    /// <param name="c">The case.</param>
    /// <param name="results">The run's results.</param>
    /// <param name="resultsPath">Where the results file is, for the message; null to leave it out.</param>
    public CaseVerdict Check(RegressionCase c, SuiteResults results, string? resultsPath) =>
        CaseCheck.Evaluate(c, results, Thresholds, Baseline, resultsPath);

    /// <summary>
    /// Whether the run as a whole is sound: it completed, every plugin assembly found loaded, and every floor, ceiling and
    /// tolerance pattern matches a case (a misspelt pattern would otherwise check nothing). Null when it is; else the
    /// problems, one per line.
    /// </summary>
    /// <param name="cases">The planned cases.</param>
    /// <param name="results">The run's results.</param>
    public string? CheckRun(IReadOnlyList<RegressionCase> cases, SuiteResults results)
    {
        ArgumentNullException.ThrowIfNull(cases);
        ArgumentNullException.ThrowIfNull(results);
        var problems = new List<string>();
        if (results.Status == SuiteStatus.Cancelled) problems.Add("the run was cancelled");
        foreach (var f in results.LoadFailures)
            problems.Add($"plugin load failure: {f.File}{(f.TypeName is null ? "" : $" ({f.TypeName})")}: {f.Reason}");
        foreach (var rule in Thresholds.Unused(cases))
            problems.Add($"threshold {rule.JsonPath} of '{Thresholds.File}' matches no case of the suite (misspelt, or the plugin is no longer in it)");
        return problems.Count == 0 ? null : string.Join(Environment.NewLine, problems);
    }

    /// <summary>The suite's data, as <c>advcam run</c> reads it (<see cref="SuiteData.ForSpec"/>).</summary>
    private SuiteData Data(string task) => SuiteData.ForSpec(Spec, task);

    private IReadOnlyList<RegressionCase> PlanWith(PluginCatalog catalog, SuiteData data)
    {
        using var probe = data.Source.GetBatch([0]);
        var imageSize = checked((int)probe.Images.size(2));
        var metric = data.Objective == ObjectiveKind.SingleLabel ? SuiteMetrics.Top1 : SuiteMetrics.MeanAveragePrecision;
        return RegressionPlanner.Plan(Spec, catalog, metric, data.HasMasks, imageSize);
    }
}
