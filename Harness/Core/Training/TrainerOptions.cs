using System.Text.Json.Nodes;
using AdvCam.Torch;

namespace AdvCam.Core.Training;

/// <summary>The optimizer of a training run.</summary>
public enum OptimizerKind
{
    /// <summary>SGD with <see cref="TrainerOptions.Momentum"/> (Nesterov when the momentum is positive) and L2 weight decay.</summary>
    Sgd,

    /// <summary>AdamW (PyTorch's betas and eps) with decoupled weight decay.</summary>
    AdamW,
}

/// <summary>The loss and the test metric of a training run.</summary>
public enum ObjectiveKind
{
    /// <summary>Int64 labels [B]: cross-entropy; test metric top-1 accuracy.</summary>
    SingleLabel,

    /// <summary>Multi-hot float labels [B, K]: multi-label soft margin loss; test metric mAP.</summary>
    MultiLabel,

    /// <summary>
    /// Per-pixel labels from the batches' int64 masks [B, H, W] (<see cref="Data.Loading.Batch.Masks"/>, not their
    /// targets): cross-entropy of the logits [B, K, H, W] with pixels labelled <see cref="Data.Loading.Batch.IgnoreIndex"/>
    /// (255) ignored; test metric mIoU (<see cref="AdvCam.Core.Metrics.ConfusionMatrix.MeanIntersectionOverUnion"/>).
    /// </summary>
    Segmentation,
}

/// <summary>Hyper-parameters and output place of a <see cref="Trainer"/> run.</summary>
public sealed class TrainerOptions
{
    /// <summary>Epochs to train (the cosine schedule's length).</summary>
    public int Epochs { get; init; } = 10;

    /// <summary>Initial learning rate.</summary>
    public double Lr { get; init; } = 0.1;

    /// <summary>Which optimizer.</summary>
    public OptimizerKind Optimizer { get; init; } = OptimizerKind.Sgd;

    /// <summary>SGD momentum (0.9; 0 makes SGD stateless, so a resumed run is bit-equal to an uninterrupted one).</summary>
    public double Momentum { get; init; } = 0.9;

    /// <summary>Weight decay (L2 for SGD, decoupled for AdamW).</summary>
    public double WeightDecay { get; init; } = 5e-4;

    /// <summary>The run's seed (recorded in checkpoints and the card; the data order and the model's initialisation are seeded by the caller from it).</summary>
    public int Seed { get; init; }

    /// <summary>Where <c>checkpoint.safetensors</c>, <c>model.safetensors</c> and <c>model.json</c> go.</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>Continue from <c>checkpoint.safetensors</c> in <see cref="OutputDirectory"/> when there is one.</summary>
    public bool Resume { get; init; }

    /// <summary>The device the model and batches live on.</summary>
    public Device Device { get; init; } = Device.Cpu;

    /// <summary>The loss and test metric.</summary>
    public ObjectiveKind Objective { get; init; } = ObjectiveKind.SingleLabel;

    /// <summary>Evaluate on the test loader after every epoch (into the history, the progress and the card), not only at the end.</summary>
    public bool EvaluateEachEpoch { get; init; } = true;

    /// <summary>The task's name, for the card and the checkpoint check (e.g. <c>fashion-mnist</c>).</summary>
    public string Task { get; init; } = "custom";

    /// <summary>Description of the data (for the card).</summary>
    public IReadOnlyDictionary<string, object> Data { get; init; } = new Dictionary<string, object>();

    /// <summary>The model's configuration as metadata strings (written into the model file and the card).</summary>
    public IReadOnlyDictionary<string, string> ModelMetadata { get; init; } = new Dictionary<string, string>();

    /// <summary>The loss of every training step in place of the objective's (null: the objective's loss of the
    /// model's logits). The objective still chooses the test metric.</summary>
    public ITrainingLoss? Loss { get; init; }

    /// <summary>Names of the model's direct children (e.g. <c>conv1</c>, <c>layer1</c>) that are not trained: their
    /// parameters get <c>requires_grad = false</c> and stay out of the optimizer, and they stay in eval mode, so neither
    /// their weights nor their batch-norm statistics change.</summary>
    public IReadOnlyList<string> FrozenModules { get; init; } = [];

    /// <summary>Further top-level entries of the card (e.g. <c>fine_tuning</c>: base model, recipe, parameters).</summary>
    public IReadOnlyDictionary<string, JsonNode?> CardExtras { get; init; } = new Dictionary<string, JsonNode?>();

    /// <summary>Checks the values; throws an <see cref="ArgumentException"/> naming the first bad one.</summary>
    public void Validate()
    {
        if (Epochs < 1) throw new ArgumentException($"epochs must be at least 1, not {Epochs}");
        if (!(Lr > 0) || double.IsInfinity(Lr)) throw new ArgumentException($"the learning rate must be positive, not {Lr}");
        if (!(Momentum >= 0) || Momentum >= 1) throw new ArgumentException($"momentum must be in [0, 1), not {Momentum}");
        if (!(WeightDecay >= 0)) throw new ArgumentException($"weight decay must be >= 0, not {WeightDecay}");
        if (string.IsNullOrWhiteSpace(OutputDirectory)) throw new ArgumentException("an output directory is required");
    }
}
