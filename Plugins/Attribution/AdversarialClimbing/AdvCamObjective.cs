using AdvCam.Abstractions;
using AdvCam.Torch;

namespace AdvCam.Plugins.Attribution.AdversarialClimbing;

/// <summary>
/// The quantities of one AdvCAM climbing step (DESIGN.md §6) for a batch of climbing groups: each group is one image
/// and one class, climbed as one row (no flip) or as two rows, the image and its horizontal mirror (flip), whose maps
/// are merged. For rows x with class c: the class score map <c>S = Σ_k w_k f_k</c> of the feature map f and head
/// weight w; the group's map <c>R = ReLU(S_c)</c> (mirror row: flipped back and added); the scores
/// <c>y_k = mean_hw ReLU(S_k)</c>; the loss (ascended)
/// <c>L = Σ_rows (y_c − Σ_{k≠c} y_k) − λ Σ (M ⊙ |R − R_0|)</c> with <c>M = 1[R &gt; τ · max R]</c>, the mask taken
/// from the current map as the official code does (per step, not accumulated).
/// </summary>
/// <remarks>Rows are laid out group-major halves: rows 0..G-1 are the groups' images, rows G..2G-1 their mirrors.</remarks>
public static class AdvCamObjective
{
    /// <summary>The merged class maps R [G, h, w] and the per-row score term of the loss [rows].</summary>
    /// <param name="model">The classifier.</param>
    /// <param name="rows">Images [rows, C, H, W] (rows = G, or 2G with mirrors).</param>
    /// <param name="rowClasses">Int64 class index per row [rows].</param>
    /// <param name="flip">Whether the second half of the rows are the mirrors of the first half.</param>
    /// <returns>New tensors in the caller's scope, on the graph when gradients are recorded.</returns>
    public static (Tensor Maps, Tensor ScoreTerms) Evaluate(ICamClassifier model, Tensor rows, Tensor rowClasses, bool flip)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(rowClasses);
        var features = model.features(rows);
        var weight = model.head_weight.to(features.dtype);
        var scores = torch.einsum("ck,nkhw->nchw", weight, features);
        long n = scores.size(0), h = scores.size(2), w = scores.size(3);
        var positive = scores.relu();
        var index = rowClasses.view(n, 1, 1, 1).expand(n, 1, h, w);
        var rowMaps = positive.gather(1, index).view(n, h, w);
        var maps = flip ? rowMaps.narrow(0, 0, n / 2) + rowMaps.narrow(0, n / 2, n / 2).flip(2) : rowMaps;
        var y = positive.mean([2L, 3L]);
        var target = y.gather(1, rowClasses.view(n, 1)).view(n);
        // y_c − Σ_{k≠c} y_k = 2 y_c − Σ_k y_k.
        var scoreTerms = target.mul(2).sub(y.sum(1));
        return (maps, scoreTerms);
    }

    /// <summary>The restriction mask <c>M = 1[R &gt; τ · max R]</c> per group (no gradient): float [G, h, w].</summary>
    public static Tensor Mask(Tensor maps, double tau)
    {
        ArgumentNullException.ThrowIfNull(maps);
        using var _ = torch.no_grad();
        var peak = maps.detach().amax([1L, 2L], keepdim: true);
        // R / max R > τ, written without the division: a map that is zero everywhere has an empty mask.
        return maps.detach().gt(peak.mul(tau)).to(maps.dtype);
    }

    /// <summary>
    /// The climbing loss (to ascend) of the groups: <c>Σ_rows score terms − λ Σ M ⊙ |R − R_0|</c>, summed over the
    /// groups (groups are independent, so its gradient for a row is that of its own group's loss).
    /// </summary>
    public static Tensor Loss(Tensor maps, Tensor scoreTerms, Tensor initialMaps, Tensor mask, double lambda)
    {
        ArgumentNullException.ThrowIfNull(maps);
        ArgumentNullException.ThrowIfNull(scoreTerms);
        ArgumentNullException.ThrowIfNull(initialMaps);
        ArgumentNullException.ThrowIfNull(mask);
        var restriction = (maps - initialMaps).abs().mul(mask).sum();
        return scoreTerms.sum() - restriction.mul(lambda);
    }
}
