using AdvCam.Torch;

namespace AdvCam.Abstractions;

/// <summary>
/// A perturbation inside a model (AdvBN): it runs the model up to a named stage
/// (<see cref="ICamClassifier.forward_until"/>), perturbs the feature map there, possibly adversarially against the
/// labels, and finishes the forward pass (<see cref="ICamClassifier.forward_from"/>). The stage is one of the plugin's
/// parameters.
/// </summary>
public interface IModelPerturbation : IPerturbation
{
    /// <summary>
    /// Logits of the model on <paramref name="images"/> with its features perturbed at the configured stage. The same
    /// inputs, severity, seed and parameters give the same logits. The model's parameters are not changed, nor are
    /// their gradients left altered.
    /// </summary>
    /// <param name="model">The classifier; its mode (train/eval) is left as it is.</param>
    /// <param name="images">Float images [N, C, H, W] as the model takes them.</param>
    /// <param name="labels">Class indices [N] (int64) that an adversarial perturbation ascends the loss of.</param>
    /// <param name="severity">One of <see cref="IPerturbation.Severities"/>.</param>
    /// <param name="seed">Seeds whatever randomness the perturbation has.</param>
    /// <returns>Logits [N, model.num_classes], a new tensor owned by the caller (or its dispose scope).</returns>
    /// <exception cref="ArgumentException">Shapes disagree, the configured stage is not one of the model's
    /// <see cref="ICamClassifier.stage_names"/>, or the severity is not one this perturbation offers.</exception>
    Tensor Logits(ICamClassifier model, Tensor images, Tensor labels, Severity severity, long seed);
}
