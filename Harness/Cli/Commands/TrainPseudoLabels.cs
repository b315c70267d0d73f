using System.CommandLine;
using System.Globalization;
using AdvCam.Abstractions;
using AdvCam.Core.Data;
using AdvCam.Core.Data.Loading;
using AdvCam.Core.Models;
using AdvCam.Core.Plugins;
using AdvCam.Core.Running;
using AdvCam.Core.Training;
using AdvCam.Core.Training.PseudoLabels;
using AdvCam.Torch;

namespace AdvCam.Cli.Commands;

/// <summary>
/// <c>advcam train --task fashion-scenes-seg --pseudo-labels ATTRIBUTION</c>: the options and the step that makes the
/// pseudo-labels of the training scenes with an attribution plugin (<see cref="PseudoLabelGenerator"/>) before the
/// segmentation net trains on them. The labels are saved as <c>&lt;out&gt;/pseudo-labels.safetensors</c> and reused by a
/// later run with the same settings (a resumed run, or another schedule on the same labels).
/// </summary>
internal sealed class TrainPseudoLabels
{
    private readonly Option<string?> attribution = new("--pseudo-labels")
    {
        Description = "fashion-scenes-seg, fashion-scenes-large-seg: train on the pseudo-labels of this attribution plugin (cam, advcam, ...) instead of the true masks",
    };

    private readonly Option<string[]> parameters = new("--pseudo-param")
    {
        Description = "a parameter of the --pseudo-labels plugin, NAME=VALUE (repeatable)",
        Arity = ArgumentArity.OneOrMore,
    };

    private readonly Option<string> classifier = new("--pseudo-classifier")
    {
        Description = "the classifier the attribution explains: a model file or folder, or fashion-scenes (the shipped model; for --task fashion-scenes-large-seg give models/fashion-scenes-large)",
        DefaultValueFactory = _ => ShippedModels.FashionScenes,
    };

    private readonly Option<double> foreground = new("--fg-threshold")
    {
        Description = "pseudo-labels: a present class's map above this is confident foreground (IRN/AdvCAM: 0.30)",
        DefaultValueFactory = _ => 0.30,
    };

    private readonly Option<double> background = new("--bg-threshold")
    {
        Description = "pseudo-labels: every present class's map at or below this is confident background; between the two is ignored (IRN/AdvCAM: 0.05)",
        DefaultValueFactory = _ => 0.05,
    };

    private readonly Option<int> batchSize = new("--pseudo-batch-size")
    {
        Description = "scenes per attribution call while making the pseudo-labels",
        DefaultValueFactory = _ => 25,
    };

    private readonly Option<string[]> folders = PluginOptions.Folders();
    private readonly Option<string?> config = PluginOptions.Config();

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        foreach (var o in new Option[] { attribution, parameters, classifier, foreground, background, batchSize, folders, config }) command.Options.Add(o);
    }

    /// <summary>
    /// The pseudo-labels the command line asks for (null when it asks for none): loaded from
    /// <c>&lt;out&gt;/pseudo-labels.safetensors</c> when that file was made with the same settings, else made now and saved there.
    /// </summary>
    /// <exception cref="UserError">A bad option, a missing plugin or model, or a plugin that refuses its parameters.</exception>
    /// <exception cref="OperationCanceledException">Interrupted while the labels were being made (nothing is saved).</exception>
    public PseudoLabelSet? Prepare(ParseResult parse, string task, int? trainSubset, string outDir, Device device, CancellationToken cancellation)
    {
        var name = parse.GetValue(attribution);
        if (name is null)
        {
            foreach (var o in new Option[] { parameters, foreground, background, batchSize })
                if (parse.GetResult(o) is { Implicit: false })
                    throw new UserError($"{o.Name} is an option of --pseudo-labels");
            return null;
        }
        if (TrainingTask.ClassificationTaskOf(task) is not { } classifierTask)
            throw new UserError($"--pseudo-labels trains the segmentation net: use --task fashion-scenes-seg (or fashion-scenes-large-seg), not {task}");
        var fg = parse.GetValue(foreground);
        var bg = parse.GetValue(background);
        try
        {
            PseudoLabelMap.Check(fg, bg);
        }
        catch (ArgumentException e)
        {
            throw new UserError($"--fg-threshold/--bg-threshold: {e.Message}");
        }
        var batch = parse.GetValue(batchSize);
        if (batch < 1) throw new UserError($"--pseudo-batch-size must be at least 1, got {batch}");
        var scenes = trainSubset ?? FashionScenes.StandardTrainCount;
        var overrides = ParsePairs(parse.GetValue(parameters) ?? []);

        using var catalog = PluginLoader.Load(PluginOptions.SearchPath(parse, folders, config));
        using var host = new CatalogPluginHost(catalog, device);
        IPlugin plugin;
        try
        {
            plugin = host.GetPlugin(name);
        }
        catch (ArgumentException e)
        {
            throw new UserError($"--pseudo-labels: {e.Message}");
        }
        if (plugin is not IAttribution explainer)
            throw new UserError($"--pseudo-labels names plugin '{plugin.Name}', which is not an attribution plugin (IAttribution)");
        var values = plugin.Parameters.ToDictionary(p => p.Name, p => p.DefaultValue, StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in overrides) values[key] = value;
        try
        {
            plugin.Configure(values);
            if (plugin is IHostedPlugin hosted) hosted.Attach(host);
        }
        catch (ArgumentException e)
        {
            throw new UserError($"--pseudo-param: {e.Message}");
        }

        string classifierPath;
        try
        {
            classifierPath = SuiteSpec.ResolveModel(parse.GetValue(classifier)!, null);
        }
        catch (DirectoryNotFoundException e)
        {
            throw new UserError(e.Message);
        }
        TrainedModel model;
        try
        {
            model = TrainedModel.Load(classifierPath, device);
        }
        catch (Exception e) when (e is FileNotFoundException or InvalidDataException)
        {
            throw new UserError($"--pseudo-classifier: {e.Message}");
        }
        using (model)
        {
            if (model.CamClassifier is not { } cam || model.Task != classifierTask)
                throw new UserError($"--pseudo-classifier: model '{model.Path}' is not a classifier of the task's scenes (task '{model.Task}'; {task} needs one of task {classifierTask})");
            var settings = new PseudoLabelSettings(plugin.Name, new Dictionary<string, string>(plugin.Values), model.Path, fg, bg, scenes);
            var file = Path.Combine(outDir, PseudoLabelSet.FileName);
            var stderr = Console.Error;
            PseudoLabelSet? labels;
            try
            {
                labels = PseudoLabelSet.LoadIfSame(file, settings);
            }
            catch (InvalidDataException e)
            {
                throw new UserError(e.Message);
            }
            if (labels is not null)
            {
                stderr.WriteLine($"pseudo-labels: reusing {file} ({labels})");
                return labels;
            }
            var trainData = FashionMnist.Load(FashionMnistSplit.Train);
            var source = new FashionScenesSource(new FashionScenes(trainData, FashionScenes.StandardTrainSeed, scenes, TrainingTask.SceneLayout(task)!));
            var normalized = new NormalizedClassifier(cam, TrainingTask.FashionScenesMean, TrainingTask.FashionScenesStd);
            model.Model.eval();
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var progress = new Progress(stderr, scenes, watch);
            try
            {
                labels = PseudoLabelGenerator.Generate(explainer, normalized, source, settings, batch, device, progress, cancellation);
            }
            catch (ArgumentException e)
            {
                throw new UserError($"--pseudo-labels: {e.Message}");
            }
            Directory.CreateDirectory(outDir);
            labels.Save(file);
            stderr.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"pseudo-labels: {labels} in {watch.Elapsed.TotalSeconds:F1} s ({watch.Elapsed.TotalSeconds / scenes:F3} s/scene); saved {file}"));
            return labels;
        }
    }

    private static Dictionary<string, string> ParsePairs(IEnumerable<string> pairs)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in pairs)
        {
            var equals = pair.IndexOf('=');
            if (equals <= 0) throw new UserError($"--pseudo-param expects NAME=VALUE, got '{pair}'");
            result[pair[..equals].Trim()] = pair[(equals + 1)..].Trim();
        }
        return result;
    }

    /// <summary>One line per tenth of the scenes, on stderr.</summary>
    private sealed class Progress(TextWriter writer, int total, System.Diagnostics.Stopwatch watch) : IProgress<int>
    {
        private int shown;

        public void Report(int done)
        {
            var tenth = done * 10 / total;
            if (tenth <= shown && done != total) return;
            shown = tenth;
            var seconds = watch.Elapsed.TotalSeconds;
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"pseudo-labels: {done}/{total} scenes, {seconds:F0} s, ETA {seconds / done * (total - done):F0} s"));
        }
    }
}
