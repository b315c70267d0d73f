using AdvCam.Torch;

namespace AdvCam.Abstractions;

/// <summary>
/// Wraps a classifier's prediction to make it more robust (crop selection): it may crop, shift or transform the
/// images, run the model one or more times and combine the logits.
/// </summary>
public interface IInferenceDefense : IPlugin
{
    /// <summary>The defended logits of <paramref name="model"/> on <paramref name="images"/>. Deterministic.</summary>
    /// <param name="model">The classifier; its mode (train/eval) is left as it is.</param>
    /// <param name="images">Float images [N, C, H, W]; a defense that crops documents how much larger than the model's
    /// input they must be.</param>
    /// <returns>Logits [N, model.num_classes], a new tensor owned by the caller (or its dispose scope).</returns>
    /// <exception cref="ArgumentException">The images are not [N, C, H, W] or are too small for the defense.</exception>
    Tensor Logits(ICamClassifier model, Tensor images);
}
