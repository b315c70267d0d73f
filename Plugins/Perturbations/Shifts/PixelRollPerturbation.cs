using AdvCam.Torch;

namespace AdvCam.Plugins.Perturbations.Shifts;

/// <summary>
/// "pixel-roll": the cyclic translation of DESIGN.md §6 (shift consistency), <c>torch.roll</c> by <c>pixels</c>
/// (default 1) in one of eight directions: what moves past one edge comes back at the opposite edge, so no pixel value
/// is made up or lost.
/// </summary>
/// <remarks>
/// <para>Moving right by <c>d</c> gives <c>out[.., y, x] = in[.., y, (x - d) mod W]</c>; the other directions likewise.
/// Rolling back by the opposite direction restores the images exactly.</para>
/// <para>Pure: no randomness, the seed is ignored; the input is not modified.</para>
/// </remarks>
public sealed class PixelRollPerturbation : ShiftPerturbation
{
    /// <summary>Creates the plugin (the loader calls this).</summary>
    public PixelRollPerturbation()
        : base("pixel-roll",
            "Rolls the images by a few pixels (cyclic, torch.roll): the content that leaves one edge comes back at the " +
            "opposite edge. " + DirectionsText())
    {
    }

    /// <inheritdoc/>
    protected override Tensor Translate(Tensor images, long dx, long dy) => images.roll([dy, dx], [2, 3]);
}
