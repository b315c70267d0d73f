using AdvCam.Torch;
using AdvCam.Torch.Nn;

namespace AdvCam.Plugins.Perturbations.Shifts;

/// <summary>
/// "pixel-shift": the non-cyclic translation of DESIGN.md §6 (shift consistency). The content moves by
/// <c>pixels</c> (default 1) in one of eight directions; the rows or columns it exposes at the opposite edge are filled
/// by replicating the image's border row or column there (what was at that edge before the move), the
/// "by replication" choice of DESIGN.md, since the harness has no larger source image to take them from. The content
/// moved past the far edge is lost.
/// </summary>
/// <remarks>
/// <para>Moving right by <c>d</c> gives <c>out[.., y, x] = in[.., y, max(x - d, 0)]</c>; the other directions
/// likewise, with the row index clamped to [0, H - 1] for vertical moves. It is built as a replicate pad on the side
/// the content moves away from, then the H x W window at the far side of the padded image.</para>
/// <para>Pure: no randomness, the seed is ignored; the input is not modified.</para>
/// </remarks>
public sealed class PixelShiftPerturbation : ShiftPerturbation
{
    /// <summary>Creates the plugin (the loader calls this).</summary>
    public PixelShiftPerturbation()
        : base("pixel-shift",
            "Translates the images by a few pixels (non-cyclic): the content moves and the exposed edge repeats the border " +
            "row/column. " + DirectionsText())
    {
    }

    /// <inheritdoc/>
    protected override Tensor Translate(Tensor images, long dx, long dy)
    {
        long height = images.size(2), width = images.size(3);
        long left = Math.Max(dx, 0), right = Math.Max(-dx, 0), top = Math.Max(dy, 0), bottom = Math.Max(-dy, 0);
        using var padded = F.pad(images, [left, right, top, bottom], PaddingMode.Replicate);
        // Content that moved right (left > 0) keeps the padded image's first W columns; content that moved left keeps
        // its last W; rows likewise.
        using var rows = padded.narrow(2, bottom, height);
        using var window = rows.narrow(3, right, width);
        return window.contiguous();
    }
}
