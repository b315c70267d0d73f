using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using AdvCam.Core.Data.Loading;
using AdvCam.Core.Metrics;
using AdvCam.Core.Models;
using AdvCam.Torch;
using AdvCam.Torch.IO;
using AdvCam.Torch.Nn;
using AdvCam.Torch.Optim;

namespace AdvCam.Core.Training;

/// <summary>What a finished <see cref="Trainer.Run"/> produced.</summary>
/// <param name="Epochs">Every epoch's statistics, those of an earlier (resumed) process included.</param>
/// <param name="MetricName"><c>top1</c>, <c>mAP</c> or <c>mIoU</c>.</param>
/// <param name="Metric">The test metric (NaN without a test loader).</param>
/// <param name="TrainSeconds">Seconds spent training, over all processes of the run.</param>
/// <param name="ResumedFromEpoch">Epochs already done by the checkpoint this run resumed from (0: a fresh run).</param>
/// <param name="ModelPath">The model file.</param>
/// <param name="CardPath">The JSON card beside it.</param>
public sealed record TrainResult(IReadOnlyList<EpochStats> Epochs, string MetricName, double Metric, double TrainSeconds,
    int ResumedFromEpoch, string ModelPath, string CardPath);

/// <summary>
/// Trains a classifier or a segmenter (<see cref="ObjectiveKind"/>) over a <see cref="DataLoader"/>: SGD (Nesterov momentum, L2 weight decay) or AdamW, a cosine
/// learning-rate schedule over the epochs, a checkpoint after each epoch, evaluation on a test loader after each epoch
/// (or only the last), and a model file with a JSON card.
/// </summary>
/// <remarks>
/// <para><b>Files</b> (in <see cref="TrainerOptions.OutputDirectory"/>): <c>checkpoint.safetensors</c> after each
/// epoch, <c>model.safetensors</c> and <c>model.json</c> at the end; all written atomically (temporary file, then
/// rename), so an interrupt leaves the previous checkpoint intact.</para>
/// <para><b>Checkpoint</b>: the model's state dict (parameters and batch-norm buffers) with metadata
/// <c>train.task</c>, <c>train.seed</c>, <c>train.epoch</c> (epochs done), <c>train.history</c> (JSON of the
/// <see cref="EpochStats"/>) and the model configuration; beside it <c>checkpoint.optimizer.safetensors</c> holds the
/// optimizer's state (momentum buffers, AdamW's moments and steps; <see cref="Optimizer.state_dict"/>) with the same
/// <c>train.epoch</c>, written first so that a model checkpoint never points at an older optimizer state. A resumed run
/// is bit-equal to an uninterrupted one on the CPU, since the data order and augmentation depend only on
/// (seed, epoch, batch) and the schedule is a closed form of the epoch (<see cref="LRScheduler.set_epoch"/>).</para>
/// <para><b>Fine-tuning</b> (<see cref="FineTuning.FineTuner"/>): <see cref="TrainerOptions.Loss"/> replaces the objective's
/// loss of each step, <see cref="TrainerOptions.FrozenModules"/> are left out of the optimizer and kept in eval mode, and
/// a resumed run refuses a checkpoint whose metadata differs from <see cref="TrainerOptions.ModelMetadata"/> on a key
/// both have (configuration, base model, recipe and its parameters).</para>
/// <para><b>Memory</b>: every training step and evaluation batch runs inside its own dispose scope.</para>
/// </remarks>
public sealed class Trainer
{
    /// <summary>Name of the per-epoch checkpoint file.</summary>
    public const string CheckpointFile = "checkpoint.safetensors";

    /// <summary>Name of the per-epoch optimizer-state file beside the checkpoint.</summary>
    public const string OptimizerCheckpointFile = "checkpoint.optimizer.safetensors";

    /// <summary>Name of the final model file.</summary>
    public const string ModelFileName = "model.safetensors";

    /// <summary>Name of the card beside the model.</summary>
    public const string CardFile = "model.json";

    private readonly Module<Tensor, Tensor> model;
    private readonly DataLoader train;
    private readonly DataLoader? test;
    private readonly TrainerOptions options;

    /// <summary>Prepares a run of <paramref name="model"/> (moved to the options' device) over <paramref name="train"/>, evaluated on <paramref name="test"/>.</summary>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public Trainer(Module<Tensor, Tensor> model, DataLoader train, DataLoader? test, TrainerOptions options)
    {
        this.model = model ?? throw new ArgumentNullException(nameof(model));
        this.train = train ?? throw new ArgumentNullException(nameof(train));
        this.test = test;
        this.options = options ?? throw new ArgumentNullException(nameof(options));
        options.Validate();
        if (train.BatchCount == 0) throw new ArgumentException("the training loader yields no batch (fewer items than one batch with dropLast?)");
    }

    /// <summary>Path of the checkpoint file.</summary>
    public string CheckpointPath => Path.Combine(options.OutputDirectory, CheckpointFile);

    /// <summary>Runs (or resumes) the training, evaluates, writes the model and its card.</summary>
    /// <exception cref="InvalidDataException">A checkpoint to resume from does not belong to this run (task or seed differ, or it does not fit the model).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was cancelled (checked before every batch
    /// and evaluation): the checkpoint of the last finished epoch stays on disk, and <see cref="TrainerOptions.Resume"/>
    /// continues from it; the batches of the unfinished epoch are redone.</exception>
    public TrainResult Run(IProgress<TrainProgress>? progress = null, CancellationToken cancellation = default)
    {
        Directory.CreateDirectory(options.OutputDirectory);
        model.to(options.Device);
        var frozen = FrozenModules();
        foreach (var module in frozen)
            foreach (var parameter in module.parameters())
                parameter.requires_grad = false;
        var history = new List<EpochStats>();
        var start = 0;
        if (options.Resume && File.Exists(CheckpointPath))
        {
            (start, history) = LoadCheckpoint();
        }

        using var optimizer = CreateOptimizer();
        if (start > 0) LoadOptimizerState(optimizer, start);
        var schedule = new CosineAnnealingLR(optimizer, options.Epochs);
        var batches = train.BatchCount;
        var runWatch = Stopwatch.StartNew();
        var batchesThisProcess = 0;
        var totalBatchesLeft = (options.Epochs - start) * batches;
        for (var epoch = start; epoch < options.Epochs; epoch++)
        {
            schedule.set_epoch(epoch);
            model.train();
            foreach (var module in frozen) module.eval();
            var watch = Stopwatch.StartNew();
            double lossSum = 0;
            long images = 0;
            var b = 0;
            foreach (var batch in train.Epoch(epoch))
            {
                using (batch)
                {
                    cancellation.ThrowIfCancellationRequested();
                    lossSum += Step(optimizer, batch, epoch, b) * batch.Count;
                    images += batch.Count;
                }
                b++;
                batchesThisProcess++;
                if (progress is not null)
                {
                    var elapsed = runWatch.Elapsed.TotalSeconds;
                    var eta = TimeSpan.FromSeconds(elapsed / batchesThisProcess * (totalBatchesLeft - batchesThisProcess));
                    progress.Report(new TrainProgress(TrainPhase.Batch, epoch + 1, options.Epochs, b, batches, lossSum / images,
                        images / watch.Elapsed.TotalSeconds, eta));
                }
            }
            var seconds = watch.Elapsed.TotalSeconds;
            double? epochMetric = null;
            if (test is not null && (options.EvaluateEachEpoch || epoch + 1 == options.Epochs))
            {
                cancellation.ThrowIfCancellationRequested();
                epochMetric = Evaluate(model, test, options.Objective, options.Device);
            }
            var stats = new EpochStats(epoch + 1, lossSum / images, images / seconds, seconds, optimizer.lr, epochMetric);
            history.Add(stats);
            SaveCheckpoint(optimizer, epoch + 1, history);
            progress?.Report(new TrainProgress(TrainPhase.EpochDone, epoch + 1, options.Epochs, batches, batches, stats.Loss,
                stats.ImagesPerSecond, TimeSpan.FromSeconds(runWatch.Elapsed.TotalSeconds / batchesThisProcess * (totalBatchesLeft - batchesThisProcess)),
                epochMetric));
        }

        var metricName = MetricName;
        // The last epoch's evaluation is the final metric.
        var metric = test is null ? double.NaN
            : history.Count > 0 && history[^1].Epoch == options.Epochs && history[^1].TestMetric is { } last ? last
            : Evaluate(model, test, options.Objective, options.Device);
        progress?.Report(new TrainProgress(TrainPhase.Evaluated, options.Epochs, options.Epochs, batches, batches,
            history.Count > 0 ? history[^1].Loss : double.NaN, history.Count > 0 ? history[^1].ImagesPerSecond : 0, TimeSpan.Zero, metric));

        var trainSeconds = history.Sum(h => h.Seconds);
        var modelPath = Path.Combine(options.OutputDirectory, ModelFileName);
        var metadata = new Dictionary<string, string>(options.ModelMetadata)
        {
            ["train.task"] = options.Task,
            ["train.seed"] = options.Seed.ToString(CultureInfo.InvariantCulture),
            ["train.epoch"] = options.Epochs.ToString(CultureInfo.InvariantCulture),
        };
        ModelFile.Save(modelPath, model, metadata);
        var result = new TrainResult(history, metricName, metric, trainSeconds, start, modelPath, Path.Combine(options.OutputDirectory, CardFile));
        AtomicWrite.WriteAllBytes(result.CardPath, System.Text.Encoding.UTF8.GetBytes(Card(result).ToJsonString(new JsonSerializerOptions(JsonSerializerOptions.Default) { WriteIndented = true }) + "\n"));
        return result;
    }

    /// <summary>One optimisation step on <paramref name="batch"/> (batch <paramref name="index"/> of
    /// <paramref name="epoch"/>); returns the batch's loss.</summary>
    private double Step(Optimizer optimizer, Batch batch, int epoch, int index)
    {
        using var scope = torch.NewDisposeScope();
        var images = batch.Images.to(options.Device);
        var targets = Targets(batch, options.Objective).to(options.Device);
        var loss = options.Loss is { } custom
            ? custom.Loss(model, images, targets, epoch, index)
            : Loss(model.forward(images), targets, options.Objective);
        optimizer.zero_grad();
        loss.backward();
        optimizer.step();
        return loss.item<float>();
    }

    /// <summary>
    /// The loss of <paramref name="logits"/> against <paramref name="targets"/> under <paramref name="objective"/>:
    /// cross-entropy (single-label), multi-label soft margin (multi-label), or per-pixel cross-entropy of logits
    /// [B, K, H, W] against int64 masks [B, H, W] with <see cref="Batch.IgnoreIndex"/> pixels ignored (segmentation;
    /// the mean is over the pixels that are not ignored).
    /// </summary>
    internal static Tensor Loss(Tensor logits, Tensor targets, ObjectiveKind objective) => objective switch
    {
        ObjectiveKind.SingleLabel => F.cross_entropy(logits, targets),
        ObjectiveKind.MultiLabel => F.multilabel_soft_margin_loss(logits, targets),
        ObjectiveKind.Segmentation => F.cross_entropy(logits, targets, ignore_index: Batch.IgnoreIndex),
        _ => throw new ArgumentOutOfRangeException(nameof(objective), objective, null),
    };

    /// <summary>What the loss compares the logits with: the batch's masks for segmentation, else its targets.</summary>
    /// <exception cref="InvalidOperationException">A segmentation objective and a batch without masks.</exception>
    private static Tensor Targets(Batch batch, ObjectiveKind objective) => objective != ObjectiveKind.Segmentation
        ? batch.Targets
        : batch.Masks ?? throw new InvalidOperationException(
            $"the {ObjectiveKind.Segmentation} objective trains on per-pixel masks, but a batch (items {string.Join(", ", batch.Indices.Take(4))}{(batch.Indices.Count > 4 ? ", ..." : "")}) has none: use a data source that yields masks (e.g. FashionScenesSource)");

    /// <summary>
    /// The test metric of <paramref name="model"/> (put in eval mode) over <paramref name="loader"/>: top-1 accuracy for
    /// <see cref="ObjectiveKind.SingleLabel"/>, <see cref="MultiLabelMetrics.MeanAveragePrecision"/> of the logits for
    /// <see cref="ObjectiveKind.MultiLabel"/>, mIoU of the per-pixel argmax against the masks for
    /// <see cref="ObjectiveKind.Segmentation"/> (one <see cref="ConfusionMatrix"/> over the whole set, 255 pixels left out,
    /// averaged over the classes that occur in the masks or the predictions).
    /// </summary>
    /// <exception cref="InvalidOperationException">A segmentation objective and a batch without masks.</exception>
    public static double Evaluate(Module<Tensor, Tensor> model, DataLoader loader, ObjectiveKind objective, Device device)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(loader);
        if (objective == ObjectiveKind.Segmentation) return EvaluateSegmentation(model, loader, device);
        model.eval();
        var scores = new List<float>();
        var labels = new List<long>();
        var multiHot = new List<float>();
        var classes = 0;
        using (torch.no_grad())
        {
            foreach (var batch in loader.Epoch(0))
            {
                using (batch)
                using (torch.NewDisposeScope())
                {
                    var logits = model.forward(batch.Images.to(device)).cpu();
                    classes = checked((int)logits.size(1));
                    scores.AddRange(logits.ToArray<float>());
                    if (objective == ObjectiveKind.SingleLabel) labels.AddRange(batch.Targets.ToArray<long>());
                    else multiHot.AddRange(batch.Targets.to(ScalarType.Float32).ToArray<float>());
                }
            }
        }
        if (classes == 0) return double.NaN;
        return objective == ObjectiveKind.SingleLabel
            ? ClassificationMetrics.Top1Accuracy(scores.ToArray(), labels.ToArray(), classes)
            : MultiLabelMetrics.MeanAveragePrecision(scores.ToArray(), multiHot.ToArray(), classes);
    }

    private static double EvaluateSegmentation(Module<Tensor, Tensor> model, DataLoader loader, Device device)
    {
        model.eval();
        ConfusionMatrix? confusion = null;
        using (torch.no_grad())
        {
            foreach (var batch in loader.Epoch(0))
            {
                using (batch)
                using (torch.NewDisposeScope())
                {
                    var masks = Targets(batch, ObjectiveKind.Segmentation);
                    var logits = model.forward(batch.Images.to(device));
                    if (logits.dim() != 4)
                        throw new InvalidOperationException($"a segmenter's logits are [B, K, H, W], got {logits.ShapeText}");
                    confusion ??= new ConfusionMatrix(checked((int)logits.size(1)));
                    var predicted = logits.argmax(1).cpu();
                    confusion.Add(masks.cpu().ToArray<long>(), predicted.ToArray<long>());
                }
            }
        }
        return confusion?.MeanIntersectionOverUnion() ?? double.NaN;
    }

    /// <summary>The direct children named by <see cref="TrainerOptions.FrozenModules"/>.</summary>
    /// <exception cref="ArgumentException">A name is not a direct child of the model; the message lists the children.</exception>
    private List<Module> FrozenModules()
    {
        var children = model.named_children().ToDictionary(c => c.name, c => c.module, StringComparer.Ordinal);
        return options.FrozenModules.Select(name => children.TryGetValue(name, out var module)
            ? module
            : throw new ArgumentException($"cannot freeze '{name}': the model has no such part (its parts are {string.Join(", ", children.Keys)})")).ToList();
    }

    private Optimizer CreateOptimizer()
    {
        // Frozen parameters (requires_grad false) stay out: weight decay and momentum would move them otherwise.
        var parameters = model.parameters().Where(p => p.requires_grad).ToList();
        if (parameters.Count == 0) throw new ArgumentException("every parameter of the model is frozen: nothing to train");
        return options.Optimizer switch
        {
            OptimizerKind.Sgd => new SGD(parameters, options.Lr, momentum: options.Momentum, weight_decay: options.WeightDecay,
                nesterov: options.Momentum > 0),
            OptimizerKind.AdamW => new AdamW(parameters, options.Lr, weight_decay: options.WeightDecay),
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Optimizer, null),
        };
    }

    /// <summary>Name of the test metric: <c>top1</c> (single-label), <c>mAP</c> (multi-label) or <c>mIoU</c> (segmentation).</summary>
    private string MetricName => options.Objective switch
    {
        ObjectiveKind.SingleLabel => "top1",
        ObjectiveKind.MultiLabel => "mAP",
        ObjectiveKind.Segmentation => "mIoU",
        _ => throw new ArgumentOutOfRangeException(nameof(options), options.Objective, null),
    };

    private string OptimizerCheckpointPath => Path.Combine(options.OutputDirectory, OptimizerCheckpointFile);

    private void SaveCheckpoint(Optimizer optimizer, int epochsDone, IReadOnlyList<EpochStats> history)
    {
        using (torch.NewDisposeScope())
        {
            Safetensors.Save(OptimizerCheckpointPath, optimizer.state_dict(),
                new Dictionary<string, string> { ["train.epoch"] = epochsDone.ToString(CultureInfo.InvariantCulture) });
        }
        var metadata = new Dictionary<string, string>(options.ModelMetadata)
        {
            ["train.task"] = options.Task,
            ["train.seed"] = options.Seed.ToString(CultureInfo.InvariantCulture),
            ["train.epoch"] = epochsDone.ToString(CultureInfo.InvariantCulture),
            ["train.history"] = JsonSerializer.Serialize(history),
        };
        ModelFile.Save(CheckpointPath, model, metadata);
    }

    private void LoadOptimizerState(Optimizer optimizer, int epoch)
    {
        if (!File.Exists(OptimizerCheckpointPath))
            throw new InvalidDataException($"checkpoint '{CheckpointPath}' has no optimizer state beside it ('{OptimizerCheckpointFile}')");
        using var scope = torch.NewDisposeScope();
        var (state, metadata) = Safetensors.LoadWithMetadata(OptimizerCheckpointPath);
        var saved = metadata is not null && metadata.TryGetValue("train.epoch", out var e) ? e : "?";
        if (saved != epoch.ToString(CultureInfo.InvariantCulture))
            throw new InvalidDataException($"optimizer state '{OptimizerCheckpointPath}' is of epoch {saved}, the checkpoint of epoch {epoch}");
        try
        {
            optimizer.load_state_dict(state);
        }
        catch (InvalidDataException ex)
        {
            throw new InvalidDataException($"'{OptimizerCheckpointPath}': {ex.Message}", ex);
        }
    }

    private (int Epoch, List<EpochStats> History) LoadCheckpoint()
    {
        var metadata = ModelFile.Load(CheckpointPath, model) ?? new Dictionary<string, string>();
        string Get(string key) => metadata.TryGetValue(key, out var v) ? v : throw new InvalidDataException($"checkpoint '{CheckpointPath}' has no '{key}'");
        if (Get("train.task") != options.Task)
            throw new InvalidDataException($"checkpoint '{CheckpointPath}' is of task '{Get("train.task")}', not '{options.Task}'");
        if (Get("train.seed") != options.Seed.ToString(CultureInfo.InvariantCulture))
            throw new InvalidDataException($"checkpoint '{CheckpointPath}' has seed {Get("train.seed")}, not {options.Seed}");
        foreach (var (key, value) in options.ModelMetadata)
            if (metadata.TryGetValue(key, out var saved) && saved != value)
                throw new InvalidDataException($"checkpoint '{CheckpointPath}' has {key} = '{saved}', this run '{value}'");
        if (!int.TryParse(Get("train.epoch"), CultureInfo.InvariantCulture, out var epoch) || epoch < 0)
            throw new InvalidDataException($"checkpoint '{CheckpointPath}' has a bad epoch '{Get("train.epoch")}'");
        var history = JsonSerializer.Deserialize<List<EpochStats>>(Get("train.history")) ?? [];
        return (Math.Min(epoch, options.Epochs), history);
    }

    private JsonObject Card(TrainResult result)
    {
        var modelConfig = new JsonObject();
        foreach (var (k, v) in options.ModelMetadata) modelConfig[k] = v;
        var data = new JsonObject();
        foreach (var (k, v) in options.Data)
            data[k] = v switch
            {
                int i => JsonValue.Create(i),
                long l => JsonValue.Create(l),
                double d => Finite(d),
                bool b => JsonValue.Create(b),
                _ => JsonValue.Create(Convert.ToString(v, CultureInfo.InvariantCulture)),
            };
        var epochs = new JsonArray();
        foreach (var e in result.Epochs)
            epochs.Add(new JsonObject
            {
                ["epoch"] = e.Epoch, ["loss"] = Finite(e.Loss), ["images_per_second"] = Finite(e.ImagesPerSecond),
                ["seconds"] = Finite(e.Seconds), ["lr"] = e.Lr, [MetricName] = e.TestMetric is { } m ? Finite(m) : null,
            });
        var card = new JsonObject
        {
            ["task"] = options.Task,
            ["data"] = data,
            ["seed"] = options.Seed,
            ["epochs"] = options.Epochs,
            ["batch_size"] = train.BatchSize,
            ["lr"] = options.Lr,
            ["schedule"] = "cosine",
            ["optimizer"] = new JsonObject
            {
                ["name"] = options.Optimizer == OptimizerKind.Sgd ? "sgd" : "adamw",
                ["momentum"] = options.Optimizer == OptimizerKind.Sgd ? options.Momentum : null,
                ["nesterov"] = options.Optimizer == OptimizerKind.Sgd ? options.Momentum > 0 : null,
                ["weight_decay"] = options.WeightDecay,
            },
            ["model"] = modelConfig,
            ["metrics"] = new JsonObject
            {
                [MetricName] = Finite(result.Metric),
                ["final_train_loss"] = result.Epochs.Count > 0 ? Finite(result.Epochs[^1].Loss) : null,
                ["history"] = epochs,
            },
            ["train_seconds"] = Finite(result.TrainSeconds),
            ["resumed_from_epoch"] = result.ResumedFromEpoch,
            ["machine"] = new JsonObject
            {
                ["cores"] = Environment.ProcessorCount,
                ["threads"] = torch.get_num_threads(),
                ["device"] = options.Device.ToString(),
                ["libtorch"] = torch.version,
                ["os"] = RuntimeInformation.OSDescription,
                ["dotnet"] = RuntimeInformation.FrameworkDescription,
                ["date"] = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            },
        };
        foreach (var (key, value) in options.CardExtras) card[key] = value?.DeepClone();
        return card;
    }

    private static JsonNode? Finite(double value) => double.IsFinite(value) ? JsonValue.Create(value) : null;
}
