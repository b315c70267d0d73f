using AdvCam.Torch;

namespace AdvCam.Abstractions;

/// <summary>An attribution method that explains a classifier: CAM, AdvCAM, Grad-CAM.</summary>
public interface IAttribution : IPlugin
{
    /// <summary>
    /// Per-class maps of where each requested class is in each image, in [0, 1] at image resolution.
    /// </summary>
    /// <param name="model">The classifier to explain; its mode (train/eval) is left as it is, its parameters unchanged.</param>
    /// <param name="images">Float images [N, C, H, W] as the model takes them.</param>
    /// <param name="classes">For each of the N images, the class indices to explain (in [0, model.num_classes), no
    /// repeats; may be empty).</param>
    /// <returns>Float maps [N, model.num_classes, H, W], a new tensor owned by the caller (or its dispose scope):
    /// channel <c>c</c> of image <c>n</c> holds the map of class <c>c</c> when <c>classes[n]</c> contains it, with
    /// values in [0, 1], and zeros otherwise.</returns>
    /// <exception cref="ArgumentException">The images are not [N, C, H, W], <paramref name="classes"/> does not have N
    /// entries, or a class index is out of range; the message names the image and class.</exception>
    Tensor Explain(ICamClassifier model, Tensor images, IReadOnlyList<int[]> classes);
}
