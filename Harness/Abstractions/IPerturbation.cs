namespace AdvCam.Abstractions;

/// <summary>
/// What the two perturbation kinds share: the severities they offer. An <see cref="IImagePerturbation"/> damages the
/// input images; an <see cref="IModelPerturbation"/> damages features inside the model.
/// </summary>
public interface IPerturbation : IPlugin
{
    /// <summary>
    /// The severities offered for images of <paramref name="imageSize"/> pixels a side (kernel sizes and shifts may
    /// scale with it), mildest first, with levels 1, 2, ... in order. Depends on the configured parameters only.
    /// </summary>
    /// <param name="imageSize">Height (= width) of the images in pixels; positive.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="imageSize"/> is not positive.</exception>
    IReadOnlyList<Severity> Severities(int imageSize);
}
