using AdvCam.Torch;
using AdvCam.Torch.Nn;

namespace AdvCam.Core.Models;

/// <summary>
/// A convolution followed by batch normalisation, as the ResNets use them: in training mode the two modules one after
/// the other; in eval mode one convolution with the normalisation folded into its weights and bias,
/// <c>W' = W · γ / √(σ² + ε)</c> and <c>b' = β + (b − μ) · γ / √(σ² + ε)</c> per output channel, which is the same
/// affine map (eval-mode batch norm is a fixed per-channel scale and shift) without the normalisation's own pass over the
/// activations forward and backward.
/// </summary>
/// <remarks>
/// <para>The fold is recomputed on every call from the current parameters and running statistics (a few operations on
/// the weights, small next to the convolution over a batch), so it can never go stale after training steps or a load,
/// and it is differentiable: gradients reach the input and, where they require it, W, γ and β exactly as through the
/// two modules. Only the float rounding differs (one product folded into the weights instead of applied to the
/// output): <c>ConvBatchNormTests</c> bounds it.</para>
/// <para>In a PyTorch replica of the FashionScenes ResNet's AdvCAM climbing step, the normalisation's forward and
/// backward passes took about 13 % of the time and folding them saved 18 %; in AdvCam the fold saved 4 % of AdvCAM's
/// time (benchmarks/README.md, "AdvCAM against PyTorch").</para>
/// </remarks>
public static class ConvBatchNorm
{
    /// <summary><c>norm(conv(input))</c>, folded in eval mode.</summary>
    /// <param name="conv">The convolution.</param>
    /// <param name="norm">The batch normalisation of its output (its mode decides: training runs the two modules).</param>
    /// <param name="input">[N, C, H, W].</param>
    /// <returns>A new tensor.</returns>
    public static Tensor Forward(Conv2d conv, BatchNorm2d norm, Tensor input)
    {
        ArgumentNullException.ThrowIfNull(conv);
        ArgumentNullException.ThrowIfNull(norm);
        ArgumentNullException.ThrowIfNull(input);
        if (norm.training)
        {
            using var convolved = conv.forward(input);
            return norm.forward(convolved);
        }
        using var scope = torch.NewDisposeScope();
        var scale = norm.running_var.add(norm.Eps).rsqrt();
        if (norm.weight is not null) scale = scale.mul(norm.weight);
        var weight = conv.weight.mul(scale.view(-1, 1, 1, 1));
        var centred = conv.bias is null ? norm.running_mean.neg() : conv.bias.sub(norm.running_mean);
        var bias = centred.mul(scale);
        if (norm.bias is not null) bias = bias.add(norm.bias);
        var output = F.conv2d(input, weight, bias, [conv.Stride], [conv.Padding], [conv.Dilation], conv.Groups);
        return scope.MoveToOuter(output);
    }

    /// <summary>A ResNet shortcut: <see cref="Forward(Conv2d, BatchNorm2d, Tensor)"/> when <paramref name="downsample"/> is exactly a convolution and
    /// a batch normalisation (as ResNets build it), else the sequence as it is.</summary>
    /// <param name="downsample">The shortcut's modules.</param>
    /// <param name="input">[N, C, H, W].</param>
    /// <returns>A new tensor.</returns>
    public static Tensor Forward(Sequential downsample, Tensor input)
    {
        ArgumentNullException.ThrowIfNull(downsample);
        return downsample is { Count: 2 } && downsample[0] is Conv2d conv && downsample[1] is BatchNorm2d norm
            ? Forward(conv, norm, input)
            : downsample.forward(input);
    }
}
