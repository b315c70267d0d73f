using System.Text.Json.Nodes;
using AdvCam.Abstractions;
using AdvCam.Core.Data;
using AdvCam.Core.Data.Loading;
using AdvCam.Core.Models;

namespace AdvCam.Core.Training.FineTuning;

/// <summary>
/// Fine-tunes a trained classifier with an <see cref="IFineTuningRecipe"/> (<c>advcam finetune</c>): loads the base
/// model, freezes the stages the recipe names, and runs a <see cref="Trainer"/> whose step loss is the recipe's
/// (<see cref="RecipeLoss"/>), over the task's training images in [0, 1] with the task's augmentation (for
/// Fashion-MNIST: random crop with padding 2 and horizontal flip; the normalisation is inside the model the recipe
/// sees). Checkpoints, resume, the evaluation on the test split, the model file and the card are the
/// <see cref="Trainer"/>'s.
/// </summary>
/// <remarks>
/// <para>The model file keeps the base model's configuration and task (so <c>advcam evaluate</c> and suites take it as
/// they take the base) and adds <c>finetune.base_model</c>, <c>finetune.recipe</c> and <c>finetune.parameters</c> (JSON
/// of the recipe's values); the card adds a <c>fine_tuning</c> object with the same and the frozen stages. A resumed run
/// refuses a checkpoint of another base model, recipe or parameters.</para>
/// <para>Only single-label classifiers (<c>fashion-mnist</c>) can be fine-tuned; others are refused.</para>
/// </remarks>
public static class FineTuner
{
    /// <summary>The tasks whose models can be fine-tuned.</summary>
    public static IReadOnlyList<string> Tasks { get; } = ["fashion-mnist"];

    /// <summary>Runs (or resumes) the fine-tuning.</summary>
    /// <param name="recipe">The configured recipe.</param>
    /// <param name="options">The run's options.</param>
    /// <param name="progress">Receives the trainer's progress.</param>
    /// <param name="cancellation">Stops before the next batch; the last finished epoch's checkpoint stays.</param>
    /// <returns>The trainer's result.</returns>
    /// <exception cref="ArgumentException">Bad options, a base model that is not a single-label classifier, or a recipe
    /// that does not fit it; the message says which.</exception>
    /// <exception cref="FileNotFoundException">The base model or the data is missing.</exception>
    /// <exception cref="InvalidDataException">The base model or a checkpoint to resume from is not valid for this run.</exception>
    public static TrainResult Run(IFineTuningRecipe recipe, FineTuningOptions options, IProgress<TrainProgress>? progress = null,
        CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        using var loaded = TrainedModel.Load(options.BaseModel, options.Device);
        var task = loaded.Task ?? throw new ArgumentException($"base model '{loaded.Path}' does not record its task (no train.task metadata)");
        if (!Tasks.Contains(task) || loaded.Model is not ResNetCam model)
            throw new ArgumentException(
                $"base model '{loaded.Path}' is of task '{task}'; fine-tuning takes single-label classifiers ({string.Join(", ", Tasks)})");

        var frozenStages = recipe.FrozenStages(model);
        var frozenModules = StageModules.Of(model, frozenStages);

        var test = TrainingTask.TestSplit(task, options.TestSubset, options.DataDirectory);
        var trainData = FashionMnist.Load(FashionMnistSplit.Train, options.DataDirectory);
        IBatchSource trainSource = new FashionMnistSource(trainData);
        if (options.TrainSubset is { } n) trainSource = new SubsetSource(trainSource, n);
        var train = new DataLoader(trainSource, options.BatchSize, shuffle: true, seed: options.Seed, dropLast: trainSource.Count > options.BatchSize,
            transform: new Compose(new RandomCrop(2), new RandomHorizontalFlip()), workers: options.Workers);
        var testLoader = test.NormalizedLoader(options.BatchSize, options.Workers);

        var parameters = new JsonObject();
        foreach (var (key, value) in recipe.Values) parameters[key] = value;
        var parametersText = parameters.ToJsonString();
        var baseModel = Path.GetFullPath(loaded.Path);
        var metadata = loaded.Metadata.Where(kv => kv.Key.StartsWith("ResNetCam.", StringComparison.Ordinal))
            .ToDictionary(kv => kv.Key, kv => kv.Value);
        metadata["finetune.base_model"] = baseModel;
        metadata["finetune.recipe"] = recipe.Name;
        metadata["finetune.parameters"] = parametersText;

        var data = new Dictionary<string, object>
        {
            ["name"] = "Fashion-MNIST",
            ["directory"] = trainData.Directory,
            ["train_items"] = trainSource.Count,
            ["test_items"] = test.Source.Count,
            ["augmentation"] = "RandomCrop(padding 2), RandomHorizontalFlip(0.5); the recipe's own (images in [0, 1], Normalize(0.2860, 0.3530) inside the model)",
        };
        var fineTuning = new JsonObject
        {
            ["base_model"] = baseModel,
            ["base_top1"] = ModelCard.Metric(baseModel, "top1"),
            ["recipe"] = recipe.Name,
            ["parameters"] = parameters.DeepClone(),
            ["frozen_stages"] = new JsonArray([.. frozenStages.Select(s => (JsonNode?)JsonValue.Create(s))]),
            ["frozen_modules"] = new JsonArray([.. frozenModules.Select(s => (JsonNode?)JsonValue.Create(s))]),
        };
        var trainerOptions = new TrainerOptions
        {
            OutputDirectory = options.OutputDirectory,
            Epochs = options.Epochs,
            Lr = options.Lr,
            Seed = options.Seed,
            Optimizer = OptimizerKind.Sgd,
            WeightDecay = options.WeightDecay,
            Resume = options.Resume,
            Device = options.Device,
            Objective = ObjectiveKind.SingleLabel,
            Task = task,
            Data = data,
            ModelMetadata = metadata,
            Loss = new RecipeLoss(recipe, test.Normalize, options.Seed),
            FrozenModules = frozenModules,
            CardExtras = new Dictionary<string, JsonNode?> { ["fine_tuning"] = fineTuning },
        };
        return new Trainer(model, train, testLoader, trainerOptions).Run(progress, cancellation);
    }

}
