using AdvCam.Torch;

namespace AdvCam.Core.Training.FineTuning;

/// <summary>What a <see cref="FineTuner"/> run fine-tunes, for how long and where it writes.</summary>
public sealed class FineTuningOptions
{
    /// <summary>The base model: a model file or a folder with <c>model.safetensors</c> (a single-label classifier).</summary>
    public required string BaseModel { get; init; }

    /// <summary>Where <c>checkpoint.safetensors</c>, <c>model.safetensors</c> and <c>model.json</c> go.</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>Epochs (the cosine schedule's length).</summary>
    public int Epochs { get; init; } = 2;

    /// <summary>Initial learning rate (SGD, Nesterov momentum 0.9).</summary>
    public double Lr { get; init; } = 0.01;

    /// <summary>Weight decay (L2).</summary>
    public double WeightDecay { get; init; } = 5e-4;

    /// <summary>Items per batch.</summary>
    public int BatchSize { get; init; } = 128;

    /// <summary>Seed of the data order, the augmentation and the recipe's draws.</summary>
    public int Seed { get; init; }

    /// <summary>Use only the first N training items (null: all).</summary>
    public int? TrainSubset { get; init; }

    /// <summary>Use only the first N test items (null: all).</summary>
    public int? TestSubset { get; init; }

    /// <summary>Background threads building batches.</summary>
    public int Workers { get; init; } = 1;

    /// <summary>Continue from the checkpoint in <see cref="OutputDirectory"/> when there is one.</summary>
    public bool Resume { get; init; }

    /// <summary>The device.</summary>
    public Device Device { get; init; } = Device.Cpu;

    /// <summary>Fashion-MNIST directory (null: the default).</summary>
    public string? DataDirectory { get; init; }

    /// <summary>Checks the values; throws an <see cref="ArgumentException"/> naming the first bad one.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(BaseModel)) throw new ArgumentException("a base model is required");
        if (string.IsNullOrWhiteSpace(OutputDirectory)) throw new ArgumentException("an output directory is required");
        if (Epochs < 1) throw new ArgumentException($"epochs must be at least 1, not {Epochs}");
        if (!(Lr > 0) || double.IsInfinity(Lr)) throw new ArgumentException($"the learning rate must be positive, not {Lr}");
        if (!(WeightDecay >= 0) || double.IsInfinity(WeightDecay)) throw new ArgumentException($"weight decay must be >= 0, not {WeightDecay}");
        if (BatchSize < 1) throw new ArgumentException($"the batch size must be at least 1, not {BatchSize}");
        if (TrainSubset is < 1) throw new ArgumentException($"the train subset must be at least 1, not {TrainSubset}");
        if (TestSubset is < 1) throw new ArgumentException($"the test subset must be at least 1, not {TestSubset}");
        if (Workers < 0) throw new ArgumentException($"workers must be at least 0, not {Workers}");
    }
}
