using AdvCam.Torch;

namespace AdvCam.Abstractions;

/// <summary>
/// A fine-tuning recipe (DESIGN.md §6: blur-mix, AdvBN fine-tuning): how a trained classifier is trained further to
/// make it robust. The host (<c>advcam finetune</c>) owns everything else: it loads the base model, freezes the stages
/// the recipe names, feeds augmented training batches, runs the optimizer, its schedule and checkpoints, evaluates and
/// writes the model file and card. The recipe says only which stages stay as they are and what loss a batch has.
/// </summary>
/// <remarks>
/// <para>A recipe is a plugin like the perturbations (<see cref="IPlugin"/>: name, parameters with defaults), so it can
/// live beside the code it reuses (blur kernels, AdvBN's feature shift) without the host depending on that assembly;
/// the host finds it by name in its plugin folders.</para>
/// <para>Frozen stages: the host sets <c>requires_grad = false</c> on their parameters, leaves them out of the optimizer
/// and keeps them in eval mode, so their weights and batch-norm statistics do not change. The other stages are in
/// train mode during <see cref="Loss"/>.</para>
/// </remarks>
public interface IFineTuningRecipe : IPlugin
{
    /// <summary>
    /// The stages of <paramref name="model"/> (names from <see cref="ICamClassifier.stage_names"/>) whose parameters
    /// and batch-norm statistics stay as they are; empty to train the whole model.
    /// </summary>
    /// <param name="model">The classifier to be fine-tuned.</param>
    /// <exception cref="ArgumentException">The recipe's configuration does not fit the model (e.g. it names a stage
    /// the model does not have); the message names it.</exception>
    IReadOnlyList<string> FrozenStages(ICamClassifier model);

    /// <summary>
    /// The loss to minimise on one training batch: a scalar tensor in the autograd graph of the trainable parameters.
    /// The same step (images, labels, seed, parameters and weights) gives the same loss.
    /// </summary>
    /// <param name="step">The model, the batch and the step's seed.</param>
    /// <returns>A scalar float tensor the caller owns (or its dispose scope); the host calls <c>backward</c> on it.</returns>
    Tensor Loss(FineTuningStep step);
}
