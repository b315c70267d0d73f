using System.Diagnostics;
using AdvCam.Core.Plugins;
using AdvCam.Core.Training;
using AdvCam.Torch;

namespace AdvCam.Core.Running;

/// <summary>
/// Runs a suite: a classifier, its task's test data and the plugins of a <see cref="PluginCatalog"/>, as a
/// <see cref="SuiteSpec"/> selects and configures them, into <see cref="SuiteResults"/>.
/// </summary>
/// <remarks>
/// <para><b>Images.</b> Plugins see images in [0, 1] and a model that takes them (<see cref="NormalizedClassifier"/>:
/// the task's normalisation happens inside the model, in the autograd graph).</para>
/// <para><b>Clean pass</b>, once: the model's logits on every test item; top-1 accuracy (single-label) or mAP
/// (multi-label) is the clean metric, and the clean top-1 predictions are the reference for consistency.</para>
/// <para><b>Per plugin kind</b> (a plugin with several kinds runs each, in this order):
/// <list type="bullet">
/// <item><see cref="Abstractions.IImagePerturbation"/>, per severity: the metric on the perturbed images, the consistency
/// of the top-1 predictions with the clean ones, and the fooling rate (1 − consistency). For multi-label data the
/// prediction compared is the top-1 class (argmax of the logits), as for single-label data.</item>
/// <item><see cref="Abstractions.IModelPerturbation"/>, per severity: the metric of the perturbed logits. Its labels
/// argument is the item's label, or for multi-label data the present class with the highest clean logit (the clean top-1
/// when none is present).</item>
/// <item><see cref="Abstractions.IInferenceDefense"/>: the metric of the defended logits.</item>
/// <item><see cref="Abstractions.IAttribution"/>, on data with masks: seed quality (<see cref="Metrics.SeedSweep"/>,
/// <see cref="Abstractions.SeedLabelMap"/>, the classes explained being the image's true labels) over background and the K classes:
/// at the fixed background threshold <see cref="SeedThreshold"/> the mIoU, the noise ratio and the IoU per label; then
/// the best threshold of the sweep <see cref="Metrics.SeedSweep.DefaultSweep"/>, its mIoU, noise ratio and IoU per
/// label.</item>
/// <item><see cref="Abstractions.ISegmenter"/>, on data with masks: mIoU of its label maps (given the true labels as
/// the classes present).</item>
/// </list>
/// On data without masks, attribution and segmentation are recorded as not applicable.</para>
/// <para><b>Hosted plugins</b> (<see cref="Abstractions.IHostedPlugin"/>, contract 1.2): after a plugin is configured
/// and before it runs, it is attached to the run's <see cref="CatalogPluginHost"/>, which hands it the other loaded
/// plugins it names and the segmentation models it loads (kept until the run ends). An exception from the attachment
/// fails that plugin only, with its message.</para>
/// <para><b>Isolation.</b> Every output is checked (<see cref="OutputChecks"/>: shape, dtype, device, finite, range;
/// a perturbation must not change its input); an invalid output or an exception fails that plugin only, with a message
/// naming the plugin, the severity, the batch and what was wrong, and the run goes on with the others. A plugin the
/// catalog lacks, refused parameters or an unknown severity level fail the plugin the same way.</para>
/// <para><b>Determinism.</b> The data is read in order; the seed given to a plugin for batch b is
/// <see cref="SuiteSeeds.Batch"/>(spec seed, b); each plugin is configured with its defaults plus the suite's overrides
/// before it runs. On the CPU, two runs give the same numbers.</para>
/// <para><b>Memory.</b> Every batch runs inside its own dispose scope.</para>
/// <para><b>Progress and cancellation.</b> <see cref="SuiteProgress"/> is reported on the calling thread after every
/// batch; cancellation is checked before every batch. On cancellation the run stops, keeps what finished (the
/// interrupted plugin's finished severities included), marks the interrupted and the remaining plugins cancelled and
/// returns results with <see cref="SuiteStatus.Cancelled"/>.</para>
/// </remarks>
public sealed class SuiteRunner
{
    /// <summary>The fixed background threshold of the attribution seed mIoU.</summary>
    public const double SeedThreshold = 0.25;

    private readonly SuiteModel model;
    private readonly SuiteData data;
    private readonly PluginCatalog catalog;
    private readonly Device device;
    private readonly int channels;
    private readonly int imageSize;

    /// <summary>Prepares runs of <paramref name="model"/> on <paramref name="data"/> with the plugins of <paramref name="catalog"/>.</summary>
    /// <param name="model">The classifier; on <paramref name="device"/>.</param>
    /// <param name="data">Test data of the model's task.</param>
    /// <param name="catalog">The loaded plugins (kept loaded by the caller for as long as the runner runs).</param>
    /// <param name="device">Where images go (default: the CPU).</param>
    /// <exception cref="ArgumentException">The model's and the data's tasks differ, the data is empty or its images do not
    /// fit the normalisation, or the catalog has been unloaded.</exception>
    public SuiteRunner(SuiteModel model, SuiteData data, PluginCatalog catalog, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(catalog);
        if (model.Task != data.Task)
            throw new ArgumentException($"model {(model.Path is null ? "" : $"'{model.Path}' ")}is of task '{model.Task}', but the data is of task '{data.Task}'");
        if (catalog.IsUnloaded) throw new ArgumentException("the plugin catalog has been unloaded", nameof(catalog));
        if (data.Count == 0) throw new ArgumentException($"the data ({data.Description}) has no item", nameof(data));
        this.model = model;
        this.data = data;
        this.catalog = catalog;
        this.device = device ?? Device.Cpu;
        Classifier = new NormalizedClassifier(model.Classifier, data.Mean, data.Std);
        using var probe = data.Source.GetBatch([0]);
        if (probe.Images.dim() != 4 || probe.Images.size(1) != data.Mean.Count)
            throw new ArgumentException($"the data's images are {probe.Images.ShapeText}, but its normalisation has {data.Mean.Count} channels", nameof(data));
        channels = checked((int)probe.Images.size(1));
        imageSize = checked((int)probe.Images.size(2));
    }

    /// <summary>The model as plugins get it: on images in [0, 1].</summary>
    public NormalizedClassifier Classifier { get; }

    /// <summary>Runs <paramref name="spec"/>'s plugins (the model and data are this runner's; the spec gives the name,
    /// seed and plugins).</summary>
    /// <param name="spec">The suite.</param>
    /// <param name="progress">Told after every batch, on this thread; may be null.</param>
    /// <param name="cancellation">Stops the run before the next batch (see the class remarks).</param>
    /// <returns>The results, complete or (when cancelled) with what finished.</returns>
    public SuiteResults Run(SuiteSpec spec, IProgress<SuiteProgress>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var watch = Stopwatch.StartNew();
        var environment = SuiteEnvironment.Capture(device, spec.Seed);
        var requests = spec.Plugins ?? catalog.Plugins.Select(p => new SuitePluginSpec(p.Name)).ToArray();
        var results = new List<PluginResult>();
        using var host = new CatalogPluginHost(catalog, device);
        CleanReference? clean = null;
        CleanResult? cleanResult = null;
        var cancelled = false;
        try
        {
            (clean, cleanResult) = CleanPass(requests.Count, progress, cancellation);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            cancelled = true;
        }
        for (var i = 0; i < requests.Count; i++)
        {
            if (cancelled)
            {
                results.Add(PluginRun.NotStarted(requests[i], catalog));
                continue;
            }
            var context = new RunContext(model, Classifier, data, device, clean!, imageSize, spec.Seed, requests.Count, progress, cancellation, host);
            var result = new PluginRun(context, requests[i], i + 1).Execute(catalog);
            results.Add(result);
            cancelled = result.Status == PluginStatus.Cancelled;
        }
        return new SuiteResults(
            SuiteResults.CurrentSchemaVersion,
            new SuiteInfo(spec.Name, spec.Description, spec.SourceFile),
            cancelled ? SuiteStatus.Cancelled : SuiteStatus.Completed,
            environment,
            new SuiteModelInfo(model.Path, model.Task, new Dictionary<string, string>(model.Metadata)),
            new SuiteDataInfo(data.Task, data.Description, data.Count, data.BatchSize, channels, imageSize, data.HasMasks, data.Mean, data.Std),
            cleanResult,
            results,
            catalog.Failures.Select(LoadFailureInfo.From).ToArray(),
            watch.Elapsed.TotalSeconds);
    }

    /// <summary>The model's logits on every clean test item, and the clean metric.</summary>
    private (CleanReference, CleanResult) CleanPass(int pluginCount, IProgress<SuiteProgress>? progress, CancellationToken cancellation)
    {
        var watch = Stopwatch.StartNew();
        model.Module.eval();
        var classes = Classifier.num_classes;
        var loader = data.Loader();
        var batches = loader.BatchCount;
        var logits = new float[(long)data.Count * classes];
        var labels = data.Objective == ObjectiveKind.SingleLabel ? new long[data.Count] : null;
        var multiHot = data.Objective == ObjectiveKind.MultiLabel ? new float[(long)data.Count * classes] : null;
        var b = 0;
        var start = 0;
        foreach (var batch in loader.Epoch(0))
        {
            var count = batch.Count;
            using (batch)
            using (torch.NewDisposeScope())
            {
                cancellation.ThrowIfCancellationRequested();
                using (torch.no_grad())
                {
                    var output = Classifier.forward(batch.Images.to(device));
                    output.to(ScalarType.Float32).cpu().ToArray<float>().CopyTo(logits, (long)start * classes);
                }
                var targets = batch.Targets;
                if (labels is not null)
                {
                    if (targets.dim() != 1)
                        throw new InvalidOperationException($"single-label data must have targets [B], got {targets.ShapeText}");
                    targets.to(ScalarType.Int64).ToArray<long>().CopyTo(labels, start);
                }
                else
                {
                    if (targets.dim() != 2 || targets.size(1) != classes)
                        throw new InvalidOperationException($"multi-label data must have targets [B, {classes}] for this {classes}-class model, got {targets.ShapeText}");
                    targets.to(ScalarType.Float32).ToArray<float>().CopyTo(multiHot!, (long)start * classes);
                }
            }
            start += count;
            b++;
            progress?.Report(new SuiteProgress(0, pluginCount, null, null, null, b, batches));
        }
        var reference = new CleanReference(data.Objective, classes, logits, labels, multiHot);
        var metric = reference.Score(logits);
        return (reference, new CleanResult([new MetricValue(reference.MetricName, double.IsNaN(metric) ? null : metric)], watch.Elapsed.TotalSeconds));
    }
}
