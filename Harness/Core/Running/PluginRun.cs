using System.Diagnostics;
using AdvCam.Abstractions;
using AdvCam.Core.Data.Loading;
using AdvCam.Core.Metrics;
using AdvCam.Core.Plugins;
using AdvCam.Torch;

namespace AdvCam.Core.Running;

/// <summary>
/// Runs one plugin of a suite, kind by kind, and turns whatever happens into a <see cref="PluginResult"/>: a plugin that
/// is missing, refuses its parameters, throws or returns an invalid output fails alone, with a message naming the
/// plugin, the severity, the batch and what was wrong; cancellation keeps the entries finished before it.
/// </summary>
internal sealed class PluginRun
{
    private readonly RunContext context;
    private readonly SuitePluginSpec request;
    private readonly int index;
    private readonly List<ResultEntry> entries = [];
    private readonly List<string> notes = [];
    private string name;
    private string? kind;
    private Severity? severity;
    private string? under;
    private IReadOnlyList<(SuitePluginSpec Request, LoadedPlugin Loaded)> perturbationsUnder = [];
    private int batch = -1;
    private (int Start, int Count) items;

    /// <summary>Prepares the run of <paramref name="request"/>, the <paramref name="index"/>-th (1-based) plugin of the suite.</summary>
    public PluginRun(RunContext context, SuitePluginSpec request, int index)
    {
        this.context = context;
        this.request = request;
        this.index = index;
        name = request.Name;
    }

    /// <summary>The result of a plugin that was not started because the run had been cancelled.</summary>
    public static PluginResult NotStarted(SuitePluginSpec request, PluginCatalog catalog)
    {
        var loaded = catalog.Find(request.Name);
        return new PluginResult(loaded?.Name ?? request.Name, loaded is null ? [] : PluginKindNames.Of(loaded.Kinds), DescriptionOf(loaded),
            loaded?.SourceFile, loaded?.TypeName, new Dictionary<string, string>(request.Parameters), PluginStatus.Cancelled,
            $"plugin '{loaded?.Name ?? request.Name}' was not run: the run was cancelled before it started", null, 0, []);
    }

    /// <summary>Runs the plugin (found in <paramref name="catalog"/>) and describes how it went.</summary>
    public PluginResult Execute(PluginCatalog catalog)
    {
        var watch = Stopwatch.StartNew();
        var loaded = catalog.Find(request.Name);
        if (loaded is null)
        {
            var available = catalog.Plugins.Count == 0 ? "none" : string.Join(", ", catalog.Plugins.Select(p => p.Name));
            var failed = catalog.Failures.Count == 0 ? "" : $"; {catalog.Failures.Count} failed to load (see load_failures)";
            var searched = catalog.SearchPath.Folders.Count == 0 ? "no folder" : string.Join(", ", catalog.SearchPath.Folders.Select(f => f.Path));
            return Result(null, new Dictionary<string, string>(request.Parameters), PluginStatus.Failed,
                $"plugin '{request.Name}' was not loaded (loaded: {available}{failed}; searched: {searched})", watch);
        }
        name = loaded.Name;
        var plugin = loaded.Plugin;

        // Every parameter is set, defaults included, so nothing a previous run configured lingers.
        var asked = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var parameter in loaded.Parameters) asked[parameter.Name] = parameter.DefaultValue;
        foreach (var (key, value) in request.Parameters) asked[key] = value;
        IReadOnlyDictionary<string, string> values;
        try
        {
            plugin.Configure(asked);
            values = new Dictionary<string, string>(plugin.Values);
        }
        catch (Exception e)
        {
            return Result(loaded, asked, PluginStatus.Failed, $"plugin '{name}': its parameters were refused: {e.Message}", watch);
        }

        if (plugin is IHostedPlugin hosted)
        {
            try
            {
                hosted.Attach(context.Host);
            }
            catch (Exception e)
            {
                return Result(loaded, values, PluginStatus.Failed, $"plugin '{name}': it could not be set up (Attach): {e.Message}", watch);
            }
        }

        const PluginKinds perturbations = PluginKinds.ImagePerturbation | PluginKinds.ModelPerturbation;
        if (request.Severities is not null && (loaded.Kinds & perturbations) == 0)
            return Result(loaded, values, PluginStatus.Failed,
                $"plugin '{name}' is {string.Join(" and ", PluginKindNames.Of(loaded.Kinds))}, which has no severities, but the suite lists " +
                $"severities [{string.Join(", ", request.Severities)}] for it", watch);

        if (request.Under is { } underRequests)
        {
            var problem = ResolveUnder(loaded, underRequests, catalog, out var resolved);
            if (problem is not null) return Result(loaded, values, PluginStatus.Failed, problem, watch);
            perturbationsUnder = resolved;
        }

        context.Model.Module.eval();
        try
        {
            var ran = false;
            foreach (var (flag, kindName) in PluginKindNames.All)
            {
                if (!loaded.Kinds.HasFlag(flag)) continue;
                kind = kindName;
                ran |= flag switch
                {
                    PluginKinds.ImagePerturbation => RunImagePerturbation((IImagePerturbation)plugin),
                    PluginKinds.ModelPerturbation => RunModelPerturbation((IModelPerturbation)plugin),
                    PluginKinds.InferenceDefense => RunDefense((IInferenceDefense)plugin),
                    PluginKinds.Attribution => RunAttribution((IAttribution)plugin),
                    PluginKinds.Segmenter => RunSegmenter((ISegmenter)plugin),
                    _ => false,
                };
                severity = null;
            }
            return Result(loaded, values, ran ? PluginStatus.Passed : PluginStatus.NotApplicable, null, watch);
        }
        catch (PluginRunFailure failure)
        {
            return Result(loaded, values, PluginStatus.Failed, failure.Message, watch);
        }
        catch (OperationCanceledException) when (context.Cancellation.IsCancellationRequested)
        {
            return Result(loaded, values, PluginStatus.Cancelled,
                $"{Where()}: the run was cancelled; the {entries.Count} entries finished before are kept", watch);
        }
        catch (Exception e)
        {
            // Not the plugin's call itself (those are wrapped): the runner's use of its output; still this plugin's failure.
            return Result(loaded, values, PluginStatus.Failed, $"{Where()}: {e.GetType().Name}: {e.Message}", watch);
        }
        finally
        {
            context.Model.Module.eval();
            context.Model.Module.zero_grad();
        }
    }

    private bool RunImagePerturbation(IImagePerturbation perturbation)
    {
        var clean = context.Clean;
        var predictions = new List<long[]>();
        foreach (var s in Severities(perturbation, request.Severities))
        {
            severity = s;
            var logits = new float[clean.Items * clean.Classes];
            ForEachBatch((batch, seed) =>
            {
                var images = batch.Images.to(context.Device);
                var output = Perturb(perturbation, images, s, seed);
                using (torch.no_grad()) Copy(context.Classifier.forward(output), logits);
            });
            var consistency = clean.Consistency(logits);
            Add(clean.MetricName, clean.Score(logits));
            Add(SuiteMetrics.Consistency, consistency);
            Add(SuiteMetrics.FoolingRate, 1 - consistency);
            predictions.Add(ClassificationMetrics.Predictions(logits, clean.Classes));
        }
        severity = null;
        Add(SuiteMetrics.WorstFoolingRate, ConsistencyMetrics.WorstCaseFoolingRate(clean.Predictions, predictions));
        return true;
    }

    /// <summary>Applies <paramref name="perturbation"/> to a batch, checking its output and that the input is unchanged.</summary>
    private Tensor Perturb(IImagePerturbation perturbation, Tensor images, Severity s, long seed)
    {
        var original = images.clone();
        var output = Call("Apply", () => perturbation.Apply(images, s, seed));
        Require(OutputChecks.Images(output, images));
        if (!images.equal(original)) throw Failure("changed its input images (Apply must leave them as they are)");
        return output;
    }

    private bool RunModelPerturbation(IModelPerturbation perturbation)
    {
        var clean = context.Clean;
        foreach (var s in Severities(perturbation, request.Severities))
        {
            severity = s;
            var logits = new float[clean.Items * clean.Classes];
            ForEachBatch((batch, seed) =>
            {
                var images = batch.Images.to(context.Device);
                var labels = torch.tensor(clean.AdversaryLabels.AsSpan(items.Start, items.Count).ToArray(), [items.Count], context.Device);
                var output = Call("Logits", () => perturbation.Logits(context.Classifier, images, labels, s, seed));
                Require(OutputChecks.Logits(output, items.Count, clean.Classes, images.device));
                Copy(output, logits);
            });
            Add(clean.MetricName, clean.Score(logits));
        }
        return true;
    }

    private bool RunDefense(IInferenceDefense defense)
    {
        var clean = context.Clean;
        var logits = new float[clean.Items * clean.Classes];
        ForEachBatch((batch, _) =>
        {
            var images = batch.Images.to(context.Device);
            var output = Call("Logits", () => defense.Logits(context.Classifier, images));
            Require(OutputChecks.Logits(output, items.Count, clean.Classes, images.device));
            Copy(output, logits);
        });
        Add(clean.MetricName, clean.Score(logits));
        if (perturbationsUnder.Count == 0) return true;

        // Under perturbations: the defended predictions on the perturbed images against the defended clean ones.
        var reference = ClassificationMetrics.Predictions(logits, clean.Classes);
        try
        {
            foreach (var (spec, loaded) in perturbationsUnder)
            {
                under = loaded.Name;
                var perturbation = (IImagePerturbation)loaded.Plugin;
                var asked = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                foreach (var parameter in loaded.Parameters) asked[parameter.Name] = parameter.DefaultValue;
                foreach (var (key, value) in spec.Parameters) asked[key] = value;
                try
                {
                    perturbation.Configure(asked);
                }
                catch (Exception e)
                {
                    throw Failure($"the parameters of '{loaded.Name}' were refused: {e.Message}");
                }
                var predictions = new List<long[]>();
                foreach (var s in Severities(perturbation, spec.Severities))
                {
                    severity = s;
                    var perturbed = new float[clean.Items * clean.Classes];
                    ForEachBatch((batch, seed) =>
                    {
                        var images = batch.Images.to(context.Device);
                        var output = Perturb(perturbation, images, s, seed);
                        var defended = Call("Logits", () => defense.Logits(context.Classifier, output));
                        Require(OutputChecks.Logits(defended, items.Count, clean.Classes, images.device));
                        Copy(defended, perturbed);
                    });
                    var now = ClassificationMetrics.Predictions(perturbed, clean.Classes);
                    var consistency = ConsistencyMetrics.Consistency(reference, now);
                    Add(clean.MetricName, clean.Score(perturbed));
                    Add(SuiteMetrics.Consistency, consistency);
                    Add(SuiteMetrics.FoolingRate, 1 - consistency);
                    predictions.Add(now);
                }
                severity = null;
                Add(SuiteMetrics.WorstFoolingRate, ConsistencyMetrics.WorstCaseFoolingRate(reference, predictions));
            }
        }
        finally
        {
            under = null;
        }
        return true;
    }

    /// <summary>
    /// Finds the image perturbations a defence is to be measured under; null when all are there, else the message of the
    /// failure, with the suite's JSON path of the bad entry.
    /// </summary>
    private string? ResolveUnder(LoadedPlugin loaded, IReadOnlyList<SuitePluginSpec> requests, PluginCatalog catalog,
        out IReadOnlyList<(SuitePluginSpec Request, LoadedPlugin Loaded)> resolved)
    {
        resolved = [];
        var path = $"$.plugins[{index - 1}].under";
        if (!loaded.Kinds.HasFlag(PluginKinds.InferenceDefense))
            return $"plugin '{name}' is {string.Join(" and ", PluginKindNames.Of(loaded.Kinds))}, not an inference defence, but the suite " +
                   $"lists perturbations to measure it under ({path})";
        var found = new List<(SuitePluginSpec, LoadedPlugin)>();
        for (var i = 0; i < requests.Count; i++)
        {
            var at = $"{path}[{i}]";
            var perturbation = catalog.Find(requests[i].Name);
            if (perturbation is null)
                return $"plugin '{name}' is to be measured under plugin '{requests[i].Name}', which was not loaded " +
                       $"(loaded: {(catalog.Plugins.Count == 0 ? "none" : string.Join(", ", catalog.Plugins.Select(p => p.Name)))}) ({at})";
            if (!perturbation.Kinds.HasFlag(PluginKinds.ImagePerturbation))
                return $"plugin '{name}' is to be measured under plugin '{perturbation.Name}', which is " +
                       $"{string.Join(" and ", PluginKindNames.Of(perturbation.Kinds))}, not an image perturbation ({at})";
            found.Add((requests[i], perturbation));
        }
        resolved = found;
        return null;
    }

    private bool RunAttribution(IAttribution attribution)
    {
        if (!MasksAvailable("seed mIoU")) return false;
        var classes = context.Clean.Classes;
        var seeds = new SeedSweep(classes, SeedSweep.DefaultSweep, SuiteRunner.SeedThreshold);
        ForEachBatch((batch, _) =>
        {
            var images = batch.Images.to(context.Device);
            var (present, lists) = Present(batch, classes);
            var maps = Call("Explain", () => attribution.Explain(context.Classifier, images, lists));
            Require(OutputChecks.Maps(maps, items.Count, classes, images.size(2), images.size(3), images.device));
            seeds.Add(maps, present, Masks(batch));
        });
        var atFixed = seeds.Fixed;
        Add(SuiteMetrics.SeedMeanIoU, atFixed.MeanIoU);
        Add(SuiteMetrics.SeedNoiseRatio, atFixed.NoiseRatio);
        AddPerLabel(SuiteMetrics.SeedIoU, atFixed.LabelIoU);
        var best = seeds.Best;
        Add(SuiteMetrics.SeedBestMeanIoU, best.MeanIoU);
        Add(SuiteMetrics.SeedBestThreshold, double.IsNaN(best.MeanIoU) ? double.NaN : best.Threshold);
        Add(SuiteMetrics.SeedBestNoiseRatio, best.NoiseRatio);
        AddPerLabel(SuiteMetrics.SeedBestIoU, best.LabelIoU);
        return true;
    }

    /// <summary>Adds one entry of <paramref name="metric"/> per seed label (0 background, c + 1 class c).</summary>
    private void AddPerLabel(string metric, IReadOnlyList<double> values)
    {
        for (var label = 0; label < values.Count; label++) Add(metric, values[label], label);
    }

    private bool RunSegmenter(ISegmenter segmenter)
    {
        if (!MasksAvailable("mIoU")) return false;
        var classes = context.Clean.Classes;
        var confusion = new ConfusionMatrix(classes + 1);
        ForEachBatch((batch, _) =>
        {
            var images = batch.Images.to(context.Device);
            var (_, lists) = Present(batch, classes);
            var labels = Call("Segment", () => segmenter.Segment(context.Classifier, images, lists));
            Require(OutputChecks.Labels(labels, items.Count, images.size(2), images.size(3), classes, images.device));
            confusion.Add(Masks(batch).to(labels.device), labels);
        });
        Add(SuiteMetrics.MeanIoU, confusion.MeanIntersectionOverUnion());
        return true;
    }

    /// <summary>Whether the data has masks; when not, notes why this kind does not apply.</summary>
    private bool MasksAvailable(string metric)
    {
        if (context.Data.HasMasks) return true;
        notes.Add($"{kind}: not applicable: the data ({context.Data.Task}) has no segmentation masks to measure {metric} against");
        return false;
    }

    /// <summary>The severities to run: those the suite lists (by level), or every one the plugin offers for the image size.</summary>
    private IReadOnlyList<Severity> Severities(IPerturbation perturbation, IReadOnlyList<int>? levels)
    {
        var size = context.ImageSize;
        var offered = Call("Severities", () => perturbation.Severities(size));
        if (offered is null || offered.Count == 0 || offered.Any(s => s is null))
            throw Failure($"Severities({size}) returned {(offered is null ? "null" : offered.Count == 0 ? "no severity" : "a null entry")}; a perturbation offers at least one");
        if (levels is null) return offered;
        var chosen = new List<Severity>();
        foreach (var level in levels)
        {
            chosen.Add(offered.FirstOrDefault(s => s.Level == level) ?? throw Failure(
                $"the suite asks for severity level {level}, but for {size}-pixel images the plugin offers " +
                string.Join(", ", offered.Select(s => $"{s.Level} '{s.Label}'"))));
        }
        return chosen;
    }

    /// <summary>
    /// Runs <paramref name="body"/> on every test batch, in order, each inside its own dispose scope; checks for
    /// cancellation before each batch and reports progress after it. The body gets the batch and its seed.
    /// </summary>
    private void ForEachBatch(Action<Batch, long> body)
    {
        var loader = context.Data.Loader();
        var batches = loader.BatchCount;
        var b = 0;
        var start = 0;
        foreach (var current in loader.Epoch(0))
        {
            using (current)
            {
                batch = b;
                items = (start, current.Count);
                context.Cancellation.ThrowIfCancellationRequested();
                using (torch.NewDisposeScope()) body(current, SuiteSeeds.Batch(context.Seed, b));
            }
            start += items.Count;
            b++;
            context.Progress?.Report(new SuiteProgress(index, context.PluginCount, name, kind, severity, b, batches));
        }
        batch = -1;
    }

    /// <summary>Copies a batch's logits [n, K] into their place in <paramref name="all"/>.</summary>
    private void Copy(Tensor logits, float[] all)
    {
        var values = logits.detach().to(ScalarType.Float32).cpu().ToArray<float>();
        values.CopyTo(all, (long)items.Start * context.Clean.Classes);
    }

    private void Add(string metric, double value, int? label = null) =>
        entries.Add(new ResultEntry(kind!, severity is null ? null : SeverityInfo.From(severity), metric, double.IsNaN(value) ? null : value, under, label));

    /// <summary>The classes present in each image of the batch: bool [n, K] and the lists of indices.</summary>
    private static (Tensor Present, IReadOnlyList<int[]> Lists) Present(Batch batch, int classes)
    {
        var targets = batch.Targets;
        var present = targets.dim() == 1
            ? targets.unsqueeze(1).eq(torch.arange(classes).unsqueeze(0))
            : targets.to(ScalarType.Float32).gt(0.5);
        var flags = present.to(ScalarType.Bool).cpu().ToArray<bool>();
        var lists = new int[batch.Count][];
        for (var i = 0; i < lists.Length; i++)
            lists[i] = Enumerable.Range(0, classes).Where(c => flags[i * classes + c]).ToArray();
        return (present, lists);
    }

    private static Tensor Masks(Batch batch) =>
        batch.Masks ?? throw new InvalidOperationException("the data is said to have masks, but a batch has none");

    /// <summary>Calls into the plugin; whatever it throws becomes this plugin's failure, naming the call.</summary>
    private T Call<T>(string method, Func<T> call)
    {
        try
        {
            return call();
        }
        catch (Exception e) when (e is not OperationCanceledException || !context.Cancellation.IsCancellationRequested)
        {
            throw new PluginRunFailure($"{Where()}: {method} threw {e.GetType().Name}: {e.Message}", e);
        }
    }

    private void Require(string? problem)
    {
        if (problem is not null) throw Failure(problem);
    }

    private PluginRunFailure Failure(string problem) => new($"{Where()}: {problem}");

    /// <summary>Where the run is, for messages: plugin, kind, severity, batch and its items.</summary>
    private string Where()
    {
        var text = $"plugin '{name}'";
        if (kind is not null) text += $" ({kind})";
        if (under is not null) text += $" under plugin '{under}' (image_perturbation)";
        if (severity is not null) text += $", severity {severity.Level} '{severity.Label}'";
        if (batch >= 0) text += $", batch {batch} (items {items.Start}..{items.Start + items.Count - 1})";
        return text;
    }

    private PluginResult Result(LoadedPlugin? loaded, IReadOnlyDictionary<string, string> parameters, PluginStatus status, string? error, Stopwatch watch) =>
        new(loaded?.Name ?? request.Name,
            loaded is null ? [] : PluginKindNames.Of(loaded.Kinds),
            DescriptionOf(loaded),
            loaded?.SourceFile,
            loaded?.TypeName,
            new Dictionary<string, string>(parameters),
            status,
            error,
            notes.Count == 0 ? null : string.Join("; ", notes),
            watch.Elapsed.TotalSeconds,
            entries.ToArray());

    /// <summary>The plugin's description; a property that throws does not stop the results from being written.</summary>
    private static string? DescriptionOf(LoadedPlugin? loaded)
    {
        if (loaded is null) return null;
        try
        {
            return loaded.Plugin.Description;
        }
        catch (Exception e)
        {
            return $"(its Description threw {e.GetType().Name}: {e.Message})";
        }
    }
}
