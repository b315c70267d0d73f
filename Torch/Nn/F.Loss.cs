using AdvCam.Torch.Interop;

namespace AdvCam.Torch.Nn;

public static partial class F
{
    /// <summary>Cross-entropy of logits [N, C(, H, W)] against int64 class targets; targets equal to <paramref name="ignore_index"/> are skipped.</summary>
    public static Tensor cross_entropy(Tensor input, Tensor target, Tensor? weight = null, Reduction reduction = Reduction.Mean,
        long ignore_index = -100, double label_smoothing = 0) =>
        Wrap(NativeMethods.advt_cross_entropy(input.Handle, target.Handle, H(weight), (int)reduction, ignore_index, label_smoothing), "cross_entropy");

    /// <summary>Negative log-likelihood of log-probabilities [N, C(, H, W)].</summary>
    public static Tensor nll_loss(Tensor input, Tensor target, Tensor? weight = null, Reduction reduction = Reduction.Mean, long ignore_index = -100) =>
        Wrap(NativeMethods.advt_nll_loss(input.Handle, target.Handle, H(weight), (int)reduction, ignore_index), "nll_loss");

    /// <summary>Binary cross-entropy of logits against targets in [0, 1], computed stably.</summary>
    public static Tensor binary_cross_entropy_with_logits(Tensor input, Tensor target, Tensor? weight = null,
        Tensor? pos_weight = null, Reduction reduction = Reduction.Mean) =>
        Wrap(NativeMethods.advt_bce_with_logits(input.Handle, target.Handle, H(weight), H(pos_weight), (int)reduction), "binary_cross_entropy_with_logits");

    /// <summary>Multi-label soft margin loss of logits [N, C] against multi-hot targets (mean over classes).</summary>
    public static Tensor multilabel_soft_margin_loss(Tensor input, Tensor target, Tensor? weight = null, Reduction reduction = Reduction.Mean) =>
        Wrap(NativeMethods.advt_multilabel_soft_margin(input.Handle, target.Handle, H(weight), (int)reduction), "multilabel_soft_margin_loss");

    /// <summary>Mean squared error.</summary>
    public static Tensor mse_loss(Tensor input, Tensor target, Reduction reduction = Reduction.Mean) =>
        Wrap(NativeMethods.advt_mse_loss(input.Handle, target.Handle, (int)reduction), "mse_loss");

    /// <summary>Mean absolute error.</summary>
    public static Tensor l1_loss(Tensor input, Tensor target, Reduction reduction = Reduction.Mean) =>
        Wrap(NativeMethods.advt_l1_loss(input.Handle, target.Handle, (int)reduction), "l1_loss");
}
