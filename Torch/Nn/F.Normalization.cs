using AdvCam.Torch.Interop;

namespace AdvCam.Torch.Nn;

public static partial class F
{
    /// <summary>
    /// Batch normalisation over dimension 1. Training uses batch statistics and updates the running ones in place
    /// (running = (1 - momentum) * running + momentum * batch, unbiased variance); eval uses the running ones.
    /// </summary>
    public static Tensor batch_norm(Tensor input, Tensor? running_mean, Tensor? running_var, Tensor? weight = null,
        Tensor? bias = null, bool training = false, double momentum = 0.1, double eps = 1e-5) =>
        Wrap(NativeMethods.advt_batch_norm(input.Handle, H(weight), H(bias), H(running_mean), H(running_var), training ? 1 : 0, momentum, eps), "batch_norm");

    /// <summary>Zeroes elements with probability p and scales the rest by 1/(1-p), in training only.</summary>
    public static Tensor dropout(Tensor input, double p = 0.5, bool training = true)
    {
        if (p is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(p), p, "dropout probability must be in [0, 1]");
        return Wrap(NativeMethods.advt_dropout(input.Handle, p, training ? 1 : 0), "dropout");
    }

    /// <summary>Softmax along <paramref name="dim"/>.</summary>
    public static Tensor softmax(Tensor input, long dim) => Wrap(NativeMethods.advt_softmax(input.Handle, dim), "softmax");

    /// <summary>Log-softmax along <paramref name="dim"/>.</summary>
    public static Tensor log_softmax(Tensor input, long dim) => Wrap(NativeMethods.advt_log_softmax(input.Handle, dim), "log_softmax");

    /// <summary>max(x, 0).</summary>
    public static Tensor relu(Tensor input) => input.relu();

    /// <summary>Logistic sigmoid.</summary>
    public static Tensor sigmoid(Tensor input) => input.sigmoid();
}
