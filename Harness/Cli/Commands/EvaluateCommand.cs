using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using AdvCam.Core.Models;
using AdvCam.Core.Training;

namespace AdvCam.Cli.Commands;

/// <summary>
/// <c>advcam evaluate</c>: measures a trained model on its task's test split (all of it unless told otherwise) and
/// prints the metric beside the one its card recorded.
/// </summary>
internal static class EvaluateCommand
{
    internal static Command Create()
    {
        var model = new Option<string>("--model") { Description = "model file, or a folder with model.safetensors (and model.json)", Required = true };
        var testSubset = new Option<int?>("--test-subset") { Description = "use only the first N test items (default: the whole test split)" };
        var batchSize = new Option<int>("--batch-size") { Description = "images per batch", DefaultValueFactory = _ => 256 };
        var command = new Command("evaluate", "Measure a trained model on its task's test split (top-1, mAP or mIoU) and compare with its card");
        foreach (var o in new Option[] { model, testSubset, batchSize }) command.Options.Add(o);
        command.SetAction(parse =>
        {
            var device = CommonOptions.Apply(parse);
            var path = parse.GetValue(model)!;
            var subset = parse.GetValue(testSubset);
            if (subset is < 1) throw new UserError($"--test-subset must be at least 1, got {subset}");
            var b = parse.GetValue(batchSize);
            if (b < 1) throw new UserError($"--batch-size must be at least 1, got {b}");

            TrainedModel loaded;
            try
            {
                loaded = TrainedModel.Load(path, device);
            }
            catch (Exception e) when (e is FileNotFoundException or InvalidDataException)
            {
                throw new UserError(e.Message);
            }
            using (loaded)
            {
                var taskName = loaded.Task ?? throw new UserError($"model '{loaded.Path}' does not record its task (no train.task metadata)");
                if (!TrainingTask.Names.Contains(taskName)) throw new UserError($"model '{loaded.Path}' is of unknown task '{taskName}'");
                TaskTestSplit test;
                try
                {
                    test = TrainingTask.TestSplit(taskName, subset);
                }
                catch (Exception e) when (e is ArgumentException or FileNotFoundException or DirectoryNotFoundException or InvalidDataException)
                {
                    throw new UserError(e.Message);
                }
                var watch = Stopwatch.StartNew();
                var metric = Trainer.Evaluate(loaded.Model, test.NormalizedLoader(b), test.Objective, device);
                var name = test.Objective switch
                {
                    ObjectiveKind.SingleLabel => "top1",
                    ObjectiveKind.MultiLabel => "mAP",
                    ObjectiveKind.Segmentation => "mIoU",
                    _ => "metric",
                };
                var card = ModelCard.Metric(loaded.Path, name);
                var stdout = parse.InvocationConfiguration.Output;
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{taskName}  {name} {metric:F4} on {test.Source.Count} test items  ({watch.Elapsed.TotalSeconds:F1} s){(card is { } c ? $"  card: {c:F4}" : "")}"));
            }
            return 0;
        });
        return command;
    }
}
