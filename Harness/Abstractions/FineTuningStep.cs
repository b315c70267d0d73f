using AdvCam.Torch;

namespace AdvCam.Abstractions;

/// <summary>
/// One training step as an <see cref="IFineTuningRecipe"/> sees it: the model (taking images in [0, 1], trainable
/// stages in train mode), an augmented batch, and a seed for the step's randomness.
/// </summary>
/// <param name="Model">The classifier; takes images in [0, 1] (the task's normalisation is inside it). Its trainable
/// stages are in train mode.</param>
/// <param name="Images">Float images [N, C, H, W] in [0, 1], already augmented by the host (crop, flip), on the
/// model's device.</param>
/// <param name="Labels">Class indices [N] (int64), on the model's device.</param>
/// <param name="Seed">The step's seed, a function of the run's seed, the epoch and the batch (so a resumed run draws
/// the same numbers).</param>
/// <param name="InferenceMode">Puts every stage in eval mode until the returned handle is disposed, then restores the
/// modes: for passes that must not update batch-norm statistics (e.g. an adversarial search).</param>
public sealed record FineTuningStep(ICamClassifier Model, Tensor Images, Tensor Labels, long Seed, Func<IDisposable> InferenceMode);
