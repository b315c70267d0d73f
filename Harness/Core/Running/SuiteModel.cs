using AdvCam.Abstractions;
using AdvCam.Core.Models;
using AdvCam.Torch;
using AdvCam.Torch.Nn;

namespace AdvCam.Core.Running;

/// <summary>
/// The classifier a suite tests, with what the results record about it: the file it came from, its task and its
/// metadata. It takes normalised images (as trained); the runner wraps it in a <see cref="NormalizedClassifier"/>.
/// Does not own the module.
/// </summary>
public sealed class SuiteModel
{
    /// <summary>Describes a classifier module.</summary>
    /// <param name="module">The model; it must implement <see cref="ICamClassifier"/> and be on the runner's device.</param>
    /// <param name="task">The task it was trained on (its test data is what the suite runs on).</param>
    /// <param name="path">The file it came from, or null.</param>
    /// <param name="metadata">Its metadata (configuration, training keys), or null for none.</param>
    /// <exception cref="ArgumentException">The module is not a CAM classifier.</exception>
    public SuiteModel(Module<Tensor, Tensor> module, string task, string? path = null, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentException.ThrowIfNullOrEmpty(task);
        Classifier = module as ICamClassifier ?? throw new ArgumentException(
            $"model {(path is null ? "" : $"'{path}' ")}is a {module.GetType().Name}, not a classifier (ICamClassifier): a suite tests classifiers",
            nameof(module));
        Module = module;
        Task = task;
        Path = path;
        Metadata = metadata is null ? new Dictionary<string, string>() : new Dictionary<string, string>(metadata);
    }

    /// <summary>The model as a module (the runner keeps it in eval mode).</summary>
    public Module<Tensor, Tensor> Module { get; }

    /// <summary>The model as a classifier, on normalised images.</summary>
    public ICamClassifier Classifier { get; }

    /// <summary>The task it was trained on.</summary>
    public string Task { get; }

    /// <summary>The file it came from, or null.</summary>
    public string? Path { get; }

    /// <summary>Its metadata.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>A loaded model file, with the task its metadata records (<c>train.task</c>).</summary>
    /// <param name="model">The loaded model (still owned by the caller).</param>
    /// <exception cref="ArgumentException">The file records no task, or holds no classifier; the message names the file.</exception>
    public static SuiteModel From(TrainedModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var task = model.Task ?? throw new ArgumentException($"model '{model.Path}' does not record its task (no train.task metadata)", nameof(model));
        return new SuiteModel(model.Model, task, model.Path, model.Metadata);
    }
}
