using AdvCam.Torch;
using AdvCam.Torch.Nn;

namespace AdvCam.Core.Models;

/// <summary>
/// torchvision's <c>BasicBlock</c>: relu(bn2(conv2(relu(bn1(conv1(x))))) + downsample(x)), with its state-dict names
/// (<c>conv1</c>, <c>bn1</c>, <c>conv2</c>, <c>bn2</c>, and <c>downsample.0</c> / <c>downsample.1</c> when present).
/// </summary>
/// <remarks>
/// torchvision refuses dilation in a BasicBlock; we allow it (for a dilated last stage of ResNet-18/34): both 3x3
/// convolutions then use <c>dilation</c> with padding equal to it, so the spatial size is kept.
/// </remarks>
public sealed class BasicBlock : Module<Tensor, Tensor>
{
    /// <summary>Output channels per unit of <c>planes</c>.</summary>
    public const long expansion = 1;

    /// <summary>
    /// Creates the block: <paramref name="inplanes"/> channels in, <paramref name="planes"/> out; the first 3x3
    /// convolution has <paramref name="stride"/>; <paramref name="downsample"/> (owned by the block from now on) maps the
    /// input onto the residual's shape when the stride or channels change.
    /// </summary>
    public BasicBlock(long inplanes, long planes, long stride = 1, Sequential? downsample = null, long dilation = 1)
    {
        conv1 = register_module("conv1", new Conv2d(inplanes, planes, 3, stride: stride, padding: dilation, dilation: dilation, bias: false));
        bn1 = register_module("bn1", new BatchNorm2d(planes));
        conv2 = register_module("conv2", new Conv2d(planes, planes, 3, stride: 1, padding: dilation, dilation: dilation, bias: false));
        bn2 = register_module("bn2", new BatchNorm2d(planes));
        if (downsample is not null) this.downsample = register_module("downsample", downsample);
        out_channels = planes * expansion;
    }

    /// <summary>The first 3x3 convolution (carries the stride).</summary>
    public Conv2d conv1 { get; }

    /// <summary>Batch norm after <see cref="conv1"/>.</summary>
    public BatchNorm2d bn1 { get; }

    /// <summary>The second 3x3 convolution.</summary>
    public Conv2d conv2 { get; }

    /// <summary>Batch norm after <see cref="conv2"/>.</summary>
    public BatchNorm2d bn2 { get; }

    /// <summary>1x1 convolution + batch norm on the shortcut, or null for the identity.</summary>
    public Sequential? downsample { get; }

    /// <summary>Channels of the output.</summary>
    public long out_channels { get; }

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        using var b = ConvBatchNorm.Forward(conv1, bn1, input);
        using var c = b.relu();
        using var e = ConvBatchNorm.Forward(conv2, bn2, c);
        using var identity = downsample is null ? input.alias() : ConvBatchNorm.Forward(downsample, input);
        e.add_(identity);
        return e.relu();
    }
}
