using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using AdvCam.Abstractions;
using AdvCam.Core.Models;
using AdvCam.Core.Plugins;
using AdvCam.Core.Running;
using AdvCam.Core.Training;
using AdvCam.Torch;
using AdvCam.Torch.IO;

namespace AdvCam.Cli.Commands;

/// <summary>
/// <c>advcam explain</c>: runs one attribution plugin on the first test items of a classifier's task, explaining each
/// image's true classes, prints the time per image and per map, and can save the model inputs, labels and maps
/// (safetensors: <c>images</c> [N, C, H, W] normalised as the model takes them, <c>labels</c> [N, K] 0/1, <c>maps</c>
/// [N, K, H, W]) for inspection or for a comparison with another implementation.
/// </summary>
internal static class ExplainCommand
{
    internal static Command Create()
    {
        var plugin = new Option<string>("--plugin") { Description = "the attribution plugin's name", DefaultValueFactory = _ => "advcam" };
        var set = new Option<string[]>("--set") { Description = "a plugin parameter, name=value (repeatable)", Arity = ArgumentArity.OneOrMore };
        var model = new Option<string>("--model")
        {
            Description = $"a model file or folder, or a shipped model's name ({ShippedModels.FashionScenes}, {ShippedModels.FashionMnist}; write ./{ShippedModels.FashionScenes} for a folder of that name)",
            DefaultValueFactory = _ => ShippedModels.FashionScenes,
        };
        var testSubset = new Option<int>("--test-subset") { Description = "explain the first N test items", DefaultValueFactory = _ => 8 };
        var batchSize = new Option<int>("--batch-size") { Description = "images per Explain call", DefaultValueFactory = _ => 8 };
        var warmup = new Option<bool>("--no-warmup") { Description = "time the first batch too (by default it is explained once untimed first: one-time kernel set-up)" };
        var output = new Option<string?>("--out") { Description = "write images, labels and maps to this .safetensors file" };
        var dtype = new Option<string>("--dtype")
        {
            Description = "float32 (the model's own) or float64 (model and images converted: for comparing implementations without float32 rounding)",
            DefaultValueFactory = _ => "float32",
        };
        var folders = PluginOptions.Folders();
        var config = PluginOptions.Config();
        var command = new Command("explain", "Run an attribution plugin on the first test items of a classifier's task (true classes), time it, optionally save the maps");
        foreach (var o in new Option[] { plugin, set, model, testSubset, batchSize, output, dtype, warmup, folders, config }) command.Options.Add(o);
        command.SetAction(parse =>
        {
            var device = CommonOptions.Apply(parse);
            var n = parse.GetValue(testSubset);
            if (n < 1) throw new UserError($"--test-subset must be at least 1, got {n}");
            var b = parse.GetValue(batchSize);
            if (b < 1) throw new UserError($"--batch-size must be at least 1, got {b}");
            var values = ParseSettings(parse.GetValue(set) ?? []);
            var precision = parse.GetValue(dtype) switch
            {
                "float32" => ScalarType.Float32,
                "float64" => ScalarType.Float64,
                var other => throw new UserError($"--dtype must be float32 or float64, got '{other}'"),
            };

            using var catalog = PluginLoader.Load(PluginOptions.SearchPath(parse, folders, config));
            var name = parse.GetValue(plugin)!;
            var found = catalog.Find(name) ?? throw new UserError(
                $"no plugin '{name}' was found (found: {string.Join(", ", catalog.Plugins.Select(p => p.Name))})");
            if (found.Plugin is not IAttribution attribution) throw new UserError($"plugin '{name}' is not an attribution plugin ({found.Kinds})");
            try
            {
                attribution.Configure(values);
            }
            catch (ArgumentException e)
            {
                throw new UserError(e.Message);
            }

            TrainedModel loaded;
            try
            {
                loaded = TrainedModel.Load(SuiteSpec.ResolveModel(parse.GetValue(model)!, null), device);
            }
            catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or InvalidDataException)
            {
                throw new UserError(e.Message);
            }
            using (loaded)
            {
                if (loaded.Model is not ICamClassifier classifier) throw new UserError($"model '{loaded.Path}' is not a classifier");
                var taskName = loaded.Task ?? throw new UserError($"model '{loaded.Path}' does not record its task (no train.task metadata)");
                TaskTestSplit test;
                try
                {
                    test = TrainingTask.TestSplit(taskName, n);
                }
                catch (Exception e) when (e is ArgumentException or FileNotFoundException or DirectoryNotFoundException or InvalidDataException)
                {
                    throw new UserError(e.Message);
                }
                loaded.Model.eval();
                if (precision != ScalarType.Float32) loaded.Model.to(precision);
                var images = new List<Tensor>();
                var labels = new List<Tensor>();
                var maps = new List<Tensor>();
                var watch = new Stopwatch();
                long mapCount = 0;
                var warm = parse.GetValue(warmup);
                using var scope = torch.NewDisposeScope();
                foreach (var batch in test.NormalizedLoader(b).Epoch(0))
                {
                    using (batch)
                    {
                        var multiHot = test.Objective == ObjectiveKind.MultiLabel
                            ? batch.Targets.to(ScalarType.Float32)
                            : OneHot(batch.Targets, classifier.num_classes);
                        var lists = ClassLists(multiHot);
                        mapCount += lists.Sum(l => l.Length);
                        var input = batch.Images.to(precision).to(device);
                        if (!warm)
                        {
                            using var warmScope = torch.NewDisposeScope();
                            _ = attribution.Explain(classifier, input, lists).sum().ToDouble();
                            warm = true;
                        }
                        watch.Start();
                        var explained = attribution.Explain(classifier, input, lists);
                        _ = explained.sum().ToDouble();
                        watch.Stop();
                        images.Add(input.cpu());
                        labels.Add(multiHot.cpu());
                        maps.Add(explained.cpu());
                    }
                }
                var stdout = parse.InvocationConfiguration.Output;
                var perImage = watch.Elapsed.TotalMilliseconds / test.Source.Count;
                var perMap = watch.Elapsed.TotalMilliseconds / Math.Max(1, mapCount);
                var settings = string.Join(" ", attribution.Values.Select(kv => $"{kv.Key}={kv.Value}"));
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{name}  {test.Source.Count} images, {mapCount} maps: {perImage:F1} ms/image, {perMap:F1} ms/map  ({torch.get_num_threads()} threads; {settings})"));
                if (parse.GetValue(output) is { } path)
                {
                    Safetensors.Save(path, new Dictionary<string, Tensor>
                    {
                        ["images"] = torch.cat(images.ToArray()),
                        ["labels"] = torch.cat(labels.ToArray()),
                        ["maps"] = torch.cat(maps.ToArray()),
                    }, new Dictionary<string, string>
                    {
                        ["plugin"] = name,
                        ["parameters"] = settings,
                        ["model"] = loaded.Path,
                        ["ms_per_image"] = perImage.ToString("R", CultureInfo.InvariantCulture),
                        ["ms_per_map"] = perMap.ToString("R", CultureInfo.InvariantCulture),
                        ["threads"] = torch.get_num_threads().ToString(CultureInfo.InvariantCulture),
                        ["dtype"] = parse.GetValue(dtype)!,
                    });
                    stdout.WriteLine($"wrote {path}");
                }
            }
            return 0;
        });
        return command;
    }

    private static Dictionary<string, string> ParseSettings(IEnumerable<string> settings)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var setting in settings)
        {
            var eq = setting.IndexOf('=');
            if (eq <= 0) throw new UserError($"--set '{setting}' is not name=value");
            values[setting[..eq].Trim()] = setting[(eq + 1)..].Trim();
        }
        return values;
    }

    private static Tensor OneHot(Tensor labels, int classes)
    {
        var n = labels.size(0);
        return torch.zeros([n, classes]).scatter(1, labels.to(ScalarType.Int64).view(n, 1), torch.ones([n, 1]));
    }

    private static int[][] ClassLists(Tensor multiHot)
    {
        var k = (int)multiHot.size(1);
        var flags = multiHot.contiguous().ToArray<float>();
        return Enumerable.Range(0, (int)multiHot.size(0))
            .Select(i => Enumerable.Range(0, k).Where(c => flags[i * k + c] > 0.5f).ToArray())
            .ToArray();
    }
}
