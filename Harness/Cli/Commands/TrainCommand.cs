using System.CommandLine;
using System.Globalization;
using AdvCam.Core.Training;
using AdvCam.Core.Training.PseudoLabels;

namespace AdvCam.Cli.Commands;

/// <summary><c>advcam train</c>: trains a task's classifier or segmenter, with checkpoints, resume, a model file and a card.</summary>
internal static class TrainCommand
{
    internal static Command Create()
    {
        var task = new Option<string>("--task") { Description = $"what to train: {string.Join(", ", TrainingTask.Names)}", Required = true };
        var epochs = new Option<int>("--epochs") { Description = "epochs (cosine schedule over them)", DefaultValueFactory = _ => 10 };
        var batchSize = new Option<int>("--batch-size") { Description = "images per batch", DefaultValueFactory = _ => 128 };
        var lr = new Option<double>("--lr") { Description = "initial learning rate (default 0.1 for sgd, 0.001 for adamw)" };
        var optimizer = new Option<string>("--optimizer") { Description = "sgd (momentum 0.9, Nesterov) or adamw", DefaultValueFactory = _ => "sgd" };
        var weightDecay = new Option<double>("--weight-decay") { Description = "weight decay", DefaultValueFactory = _ => 5e-4 };
        var seed = new Option<int>("--seed") { Description = "seed of the initialisation, data order and augmentation", DefaultValueFactory = _ => 0 };
        var output = new Option<string>("--out") { Description = "output folder (checkpoint.safetensors, model.safetensors, model.json)", Required = true };
        var resume = new Option<bool>("--resume") { Description = "continue from <out>/checkpoint.safetensors when it exists" };
        var trainSubset = new Option<int?>("--train-subset") { Description = "use only the first N training items" };
        var testSubset = new Option<int?>("--test-subset") { Description = "use only the first N test items" };
        var workers = new Option<int>("--workers") { Description = "background threads building batches", DefaultValueFactory = _ => 1 };
        var stemStride = new Option<int?>("--stem-stride") { Description = "stride of the stem convolution, 1, 2 or 4 (default: 1 for fashion-mnist, 2 for fashion-scenes; not for fashion-scenes-seg); the stage strides keep the output stride" };
        var outputStride = new Option<int?>("--output-stride") { Description = "output stride of the classifier, 1, 2 or 4 (default 4: 16x16 class maps on 64x64 scenes; 2 gives 32x32); at least the stem stride; not for fashion-scenes-seg" };
        var freshScenes = new Option<bool>("--fresh-scenes") { Description = "fashion-scenes tasks: new scenes every epoch (epoch 0 is the standard set; --train-subset sets the scenes per epoch)" };
        var widths = new Option<string?>("--widths") { Description = "model stage widths, comma-separated (default 32,64,128; fashion-scenes-seg: four, default 16,32,64,128)" };

        var command = new Command("train", "Train a classifier or segmenter: progress, a checkpoint per epoch, resume, model file and JSON card");
        foreach (var o in new Option[] { task, epochs, batchSize, lr, optimizer, weightDecay, seed, output, resume, trainSubset, testSubset, workers, widths, stemStride, outputStride, freshScenes })
            command.Options.Add(o);
        var pseudoLabels = new TrainPseudoLabels();
        pseudoLabels.AddTo(command);
        command.SetAction(parse =>
        {
            var device = CommonOptions.Apply(parse);
            var taskName = parse.GetValue(task)!;
            if (!TrainingTask.Names.Contains(taskName))
                throw new UserError($"unknown task '{taskName}' (known: {string.Join(", ", TrainingTask.Names)})");
            var n = parse.GetValue(epochs);
            if (n < 1) throw new UserError($"--epochs must be at least 1, got {n}");
            var b = parse.GetValue(batchSize);
            if (b < 1) throw new UserError($"--batch-size must be at least 1, got {b}");
            var w = parse.GetValue(workers);
            if (w < 0) throw new UserError($"--workers must be at least 0, got {w}");
            var optimizerKind = parse.GetValue(optimizer) switch
            {
                "sgd" => OptimizerKind.Sgd,
                "adamw" => OptimizerKind.AdamW,
                var other => throw new UserError($"unknown optimizer '{other}' (known: sgd, adamw)"),
            };
            var rate = parse.GetResult(lr) is null ? (optimizerKind == OptimizerKind.Sgd ? 0.1 : 1e-3) : parse.GetValue(lr);
            if (!(rate > 0) || double.IsInfinity(rate)) throw new UserError($"--lr must be positive, got {rate}");
            var wd = parse.GetValue(weightDecay);
            if (!(wd >= 0)) throw new UserError($"--weight-decay must be >= 0, got {wd}");
            if (parse.GetValue(trainSubset) is < 1) throw new UserError("--train-subset must be at least 1");
            if (parse.GetValue(testSubset) is < 1) throw new UserError("--test-subset must be at least 1");
            var s = parse.GetValue(seed);
            if (parse.GetValue(freshScenes) && taskName == "fashion-mnist") throw new UserError("--fresh-scenes is an option of the fashion-scenes tasks");

            PseudoLabelSet? pseudo;
            using (var generating = new InterruptSignal())
            {
                try
                {
                    pseudo = pseudoLabels.Prepare(parse, taskName, parse.GetValue(trainSubset), parse.GetValue(output)!, device, generating.Token);
                }
                catch (OperationCanceledException) when (generating.Token.IsCancellationRequested)
                {
                    Console.Error.WriteLine("interrupted while making the pseudo-labels; nothing was saved");
                    return InterruptSignal.ExitCode;
                }
            }

            TrainingTask built;
            try
            {
                built = TrainingTask.Create(taskName, new TrainingTaskOptions
                {
                    BatchSize = b,
                    Seed = s,
                    TrainSubset = parse.GetValue(trainSubset),
                    TestSubset = parse.GetValue(testSubset),
                    Workers = w,
                    Widths = ParseWidths(parse.GetValue(widths)),
                    StemStride = parse.GetValue(stemStride),
                    OutputStride = parse.GetValue(outputStride),
                    FreshScenes = parse.GetValue(freshScenes),
                    PseudoLabels = pseudo,
                });
            }
            catch (Exception e) when (e is ArgumentException or FileNotFoundException or DirectoryNotFoundException or InvalidDataException)
            {
                throw new UserError(e.Message);
            }

            var options = built.TrainerOptions(parse.GetValue(output)!, n, rate, s, optimizerKind, parse.GetValue(resume), device, weightDecay: wd);
            var trainer = new Trainer(built.Model, built.Train, built.Test, options);
            var progress = new ProgressLine(Console.Error, !Console.IsErrorRedirected);
            TrainResult result;
            using var interrupt = new InterruptSignal();
            try
            {
                result = trainer.Run(progress, interrupt.Token);
            }
            catch (InvalidDataException e)
            {
                throw new UserError(e.Message);
            }
            catch (OperationCanceledException) when (interrupt.Token.IsCancellationRequested)
            {
                progress.Finish();
                Console.Error.WriteLine(File.Exists(trainer.CheckpointPath)
                    ? $"interrupted; the last finished epoch is in {trainer.CheckpointPath}: run the same command with --resume to continue"
                    : "interrupted before the first epoch finished; nothing was saved");
                return InterruptSignal.ExitCode;
            }
            finally
            {
                progress.Finish();
            }
            var stdout = parse.InvocationConfiguration.Output;
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{result.MetricName} {result.Metric:F4}  train loss {result.Epochs[^1].Loss:F4}  {result.TrainSeconds:F1} s"));
            stdout.WriteLine($"model  {result.ModelPath}");
            stdout.WriteLine($"card   {result.CardPath}");
            return 0;
        });
        return command;
    }

    private static long[]? ParseWidths(string? text)
    {
        if (text is null) return null;
        var parts = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var result = new long[parts.Length];
        for (var i = 0; i < parts.Length; i++)
            if (!long.TryParse(parts[i], NumberStyles.Integer, CultureInfo.InvariantCulture, out result[i]) || result[i] < 1)
                throw new UserError($"--widths must be positive integers separated by commas, got '{text}'");
        return result.Length == 0 ? throw new UserError("--widths needs at least one width") : result;
    }

    /// <summary>
    /// Renders <see cref="TrainProgress"/> on stderr: one line rewritten in place (at most 10 times a second) on a
    /// terminal; plain lines, one per epoch and one for the evaluation, when stderr is redirected. Reports arrive on
    /// the training thread (<see cref="IProgress{T}.Report"/> is called directly, not through a synchronisation context).
    /// </summary>
    internal sealed class ProgressLine(TextWriter writer, bool interactive) : IProgress<TrainProgress>
    {
        private DateTime last = DateTime.MinValue;
        private bool open;

        public void Report(TrainProgress p)
        {
            switch (p.Phase)
            {
                case TrainPhase.Batch when interactive:
                    if ((DateTime.UtcNow - last).TotalMilliseconds < 100 && p.Batch != p.Batches) return;
                    last = DateTime.UtcNow;
                    var fraction = (double)p.Batch / p.Batches;
                    var filled = (int)Math.Round(fraction * 20);
                    writer.Write("\r" + string.Create(CultureInfo.InvariantCulture,
                        $"epoch {p.Epoch}/{p.Epochs} [{new string('#', filled)}{new string('.', 20 - filled)}] {p.Batch}/{p.Batches}  loss {p.Loss:F4}  {p.ImagesPerSecond:F0} img/s  ETA {Eta(p.Eta)}   "));
                    open = true;
                    break;
                case TrainPhase.EpochDone:
                    Close();
                    var metric = p.Metric is { } m ? string.Create(CultureInfo.InvariantCulture, $"  test {m:F4}") : "";
                    writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"epoch {p.Epoch}/{p.Epochs} done  loss {p.Loss:F4}{metric}  {p.ImagesPerSecond:F0} img/s  ETA {Eta(p.Eta)}  (checkpoint written)"));
                    break;
                case TrainPhase.Evaluated:
                    Close();
                    writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"evaluated: test metric {p.Metric:F4}"));
                    break;
            }
        }

        public void Finish() => Close();

        private void Close()
        {
            if (!open) return;
            writer.WriteLine();
            open = false;
        }

        private static string Eta(TimeSpan? eta) => eta is { } t
            ? t.TotalHours >= 1 ? $"{(int)t.TotalHours}h{t.Minutes:D2}m" : $"{t.Minutes}m{t.Seconds:D2}s"
            : "?";
    }
}
