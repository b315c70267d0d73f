using AdvCam.Torch;

namespace AdvCam.Plugins.Perturbations.AdvBN;

/// <summary>What one AdvBN attack ends with (see <see cref="AdvBNPerturbation.Attack"/>).</summary>
/// <param name="Logits">Logits [N, classes] at the final shifts, detached.</param>
/// <param name="DMu">The final relative mean shifts [N, C, 1, 1], each in [-eps, eps].</param>
/// <param name="DSigma">The final relative deviation shifts [N, C, 1, 1], each in [-eps, eps].</param>
public sealed record AdvBNResult(Tensor Logits, Tensor DMu, Tensor DSigma);
