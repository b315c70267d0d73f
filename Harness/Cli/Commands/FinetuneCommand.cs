using System.CommandLine;
using System.Globalization;
using AdvCam.Abstractions;
using AdvCam.Core.Plugins;
using AdvCam.Core.Training;
using AdvCam.Core.Training.FineTuning;

namespace AdvCam.Cli.Commands;

/// <summary>
/// <c>advcam finetune</c>: fine-tunes a trained classifier with a fine-tuning recipe plugin (<c>blur-mix</c>,
/// <c>advbn-finetune</c>), with checkpoints, resume, a model file and a card that records the base model, the recipe and
/// its parameters.
/// </summary>
internal static class FinetuneCommand
{
    /// <summary>A recipe named X is also found as the plugin <c>X-finetune</c> (so <c>--recipe advbn</c> finds
    /// <c>advbn-finetune</c>, the name <c>advbn</c> being the perturbation's).</summary>
    internal const string RecipeSuffix = "-finetune";

    internal static Command Create()
    {
        var model = new Option<string>("--model") { Description = "the base model: a model file, or a folder with model.safetensors (a fashion-mnist classifier)", Required = true };
        var recipe = new Option<string>("--recipe") { Description = "the fine-tuning recipe plugin: blur-mix or advbn (advbn-finetune); `advcam plugins` lists them", Required = true };
        var parameter = new Option<string[]>("--param") { Description = "a recipe parameter as NAME=VALUE (repeatable), e.g. --param p=0.5", Arity = ArgumentArity.OneOrMore };
        var epochs = new Option<int>("--epochs") { Description = "epochs (cosine schedule over them)", DefaultValueFactory = _ => 2 };
        var lr = new Option<double>("--lr") { Description = "initial learning rate (SGD, Nesterov momentum 0.9)", DefaultValueFactory = _ => 0.01 };
        var batchSize = new Option<int>("--batch-size") { Description = "images per batch", DefaultValueFactory = _ => 128 };
        var weightDecay = new Option<double>("--weight-decay") { Description = "weight decay", DefaultValueFactory = _ => 5e-4 };
        var seed = new Option<int>("--seed") { Description = "seed of the data order, augmentation and the recipe's draws", DefaultValueFactory = _ => 0 };
        var output = new Option<string>("--out") { Description = "output folder (checkpoint.safetensors, model.safetensors, model.json)", Required = true };
        var resume = new Option<bool>("--resume") { Description = "continue from <out>/checkpoint.safetensors when it exists" };
        var trainSubset = new Option<int?>("--train-subset") { Description = "use only the first N training items" };
        var testSubset = new Option<int?>("--test-subset") { Description = "evaluate on the first N test items only" };
        var workers = new Option<int>("--workers") { Description = "background threads building batches", DefaultValueFactory = _ => 1 };
        var folders = PluginOptions.Folders();
        var config = PluginOptions.Config();

        var command = new Command("finetune", "Fine-tune a trained classifier with a recipe plugin (blur-mix, advbn): checkpoints, resume, model file and card");
        foreach (var o in new Option[] { model, recipe, parameter, epochs, lr, batchSize, weightDecay, seed, output, resume, trainSubset, testSubset, workers, folders, config })
            command.Options.Add(o);
        command.SetAction(parse =>
        {
            var device = CommonOptions.Apply(parse);
            var values = ParseParameters(parse.GetValue(parameter) ?? []);
            var options = new FineTuningOptions
            {
                BaseModel = parse.GetValue(model)!,
                OutputDirectory = parse.GetValue(output)!,
                Epochs = parse.GetValue(epochs),
                Lr = parse.GetValue(lr),
                WeightDecay = parse.GetValue(weightDecay),
                BatchSize = parse.GetValue(batchSize),
                Seed = parse.GetValue(seed),
                TrainSubset = parse.GetValue(trainSubset),
                TestSubset = parse.GetValue(testSubset),
                Workers = parse.GetValue(workers),
                Resume = parse.GetValue(resume),
                Device = device,
            };
            try
            {
                options.Validate();
            }
            catch (ArgumentException e)
            {
                throw new UserError(e.Message);
            }

            using var catalog = PluginLoader.Load(PluginOptions.SearchPath(parse, folders, config));
            var recipePlugin = FindRecipe(catalog, parse.GetValue(recipe)!);
            try
            {
                recipePlugin.Configure(values);
            }
            catch (ArgumentException e)
            {
                throw new UserError(e.Message);
            }

            var progress = new TrainCommand.ProgressLine(Console.Error, !Console.IsErrorRedirected);
            var checkpoint = Path.Combine(options.OutputDirectory, Trainer.CheckpointFile);
            TrainResult result;
            using var interrupt = new InterruptSignal();
            try
            {
                result = FineTuner.Run(recipePlugin, options, progress, interrupt.Token);
            }
            catch (Exception e) when (e is ArgumentException or FileNotFoundException or DirectoryNotFoundException or InvalidDataException)
            {
                throw new UserError(e.Message);
            }
            catch (OperationCanceledException) when (interrupt.Token.IsCancellationRequested)
            {
                progress.Finish();
                Console.Error.WriteLine(File.Exists(checkpoint)
                    ? $"interrupted; the last finished epoch is in {checkpoint}: run the same command with --resume to continue"
                    : "interrupted before the first epoch finished; nothing was saved");
                return InterruptSignal.ExitCode;
            }
            finally
            {
                progress.Finish();
            }
            var stdout = parse.InvocationConfiguration.Output;
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{recipePlugin.Name}  {result.MetricName} {result.Metric:F4}  train loss {result.Epochs[^1].Loss:F4}  {result.TrainSeconds:F1} s"));
            stdout.WriteLine($"model  {result.ModelPath}");
            stdout.WriteLine($"card   {result.CardPath}");
            return 0;
        });
        return command;
    }

    /// <summary>The recipe plugin named <paramref name="name"/> (or <c>name-finetune</c>).</summary>
    /// <exception cref="UserError">No such recipe; the message lists the recipes loaded.</exception>
    internal static IFineTuningRecipe FindRecipe(PluginCatalog catalog, string name)
    {
        var recipes = catalog.Plugins.Where(p => p.Plugin is IFineTuningRecipe).ToList();
        var found = recipes.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
            ?? recipes.FirstOrDefault(p => string.Equals(p.Name, name + RecipeSuffix, StringComparison.OrdinalIgnoreCase));
        if (found is not null) return (IFineTuningRecipe)found.Plugin;
        var known = recipes.Count == 0 ? "none were loaded" : "known: " + string.Join(", ", recipes.Select(r => r.Name));
        var other = catalog.Find(name) is { } plugin ? $"; '{plugin.Name}' is a plugin but not a fine-tuning recipe" : "";
        throw new UserError($"no fine-tuning recipe '{name}' ({known}){other}");
    }

    /// <summary>NAME=VALUE pairs into a dictionary.</summary>
    /// <exception cref="UserError">An entry has no '=' or an empty name, or a name is given twice.</exception>
    internal static Dictionary<string, string> ParseParameters(IEnumerable<string> entries)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in entries)
        {
            var at = entry.IndexOf('=', StringComparison.Ordinal);
            if (at <= 0) throw new UserError($"--param must be NAME=VALUE, got '{entry}'");
            var key = entry[..at].Trim();
            if (!values.TryAdd(key, entry[(at + 1)..].Trim())) throw new UserError($"--param gives '{key}' twice");
        }
        return values;
    }
}
