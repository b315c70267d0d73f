using AdvCam.Torch;

namespace AdvCam.Abstractions;

/// <summary>A perturbation of the input images: blur kernels, pixel shifts, noise.</summary>
public interface IImagePerturbation : IPerturbation
{
    /// <summary>
    /// The perturbed images. Pure: the same images, severity, seed and parameters give the same output, on every call
    /// and every device; the input is not modified.
    /// </summary>
    /// <param name="images">Float images [N, C, H, W] with values in [0, 1].</param>
    /// <param name="severity">One of <see cref="IPerturbation.Severities"/> for this image size.</param>
    /// <param name="seed">Seeds whatever randomness the perturbation has (a camera-shake trajectory, noise).</param>
    /// <returns>A new tensor of the same shape, dtype and device, with values in [0, 1], owned by the caller (or its
    /// dispose scope).</returns>
    /// <exception cref="ArgumentException">The images are not a float [N, C, H, W] tensor, or the severity is not one
    /// this perturbation offers; the message names what is wrong.</exception>
    Tensor Apply(Tensor images, Severity severity, long seed);
}
