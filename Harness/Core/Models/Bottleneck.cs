using AdvCam.Torch;
using AdvCam.Torch.Nn;

namespace AdvCam.Core.Models;

/// <summary>
/// torchvision's <c>Bottleneck</c> (ResNet V1.5: the stride sits on the 3x3 convolution):
/// relu(bn3(conv3(relu(bn2(conv2(relu(bn1(conv1(x)))))))) + downsample(x)), with its state-dict names
/// (<c>conv1</c>..<c>conv3</c>, <c>bn1</c>..<c>bn3</c>, <c>downsample.0</c> / <c>downsample.1</c> when present).
/// </summary>
public sealed class Bottleneck : Module<Tensor, Tensor>
{
    /// <summary>Output channels per unit of <c>planes</c>.</summary>
    public const long expansion = 4;

    /// <summary>
    /// Creates the block: <paramref name="inplanes"/> channels in, <paramref name="planes"/> inner width,
    /// <c>4 * planes</c> out; the 3x3 convolution has <paramref name="stride"/> and <paramref name="dilation"/>;
    /// <paramref name="downsample"/> (owned by the block from now on) maps the input onto the residual's shape.
    /// </summary>
    public Bottleneck(long inplanes, long planes, long stride = 1, Sequential? downsample = null, long dilation = 1)
    {
        conv1 = register_module("conv1", new Conv2d(inplanes, planes, 1, bias: false));
        bn1 = register_module("bn1", new BatchNorm2d(planes));
        conv2 = register_module("conv2", new Conv2d(planes, planes, 3, stride: stride, padding: dilation, dilation: dilation, bias: false));
        bn2 = register_module("bn2", new BatchNorm2d(planes));
        conv3 = register_module("conv3", new Conv2d(planes, planes * expansion, 1, bias: false));
        bn3 = register_module("bn3", new BatchNorm2d(planes * expansion));
        if (downsample is not null) this.downsample = register_module("downsample", downsample);
        out_channels = planes * expansion;
    }

    /// <summary>1x1 reduction.</summary>
    public Conv2d conv1 { get; }

    /// <summary>Batch norm after <see cref="conv1"/>.</summary>
    public BatchNorm2d bn1 { get; }

    /// <summary>3x3 convolution (carries the stride and dilation).</summary>
    public Conv2d conv2 { get; }

    /// <summary>Batch norm after <see cref="conv2"/>.</summary>
    public BatchNorm2d bn2 { get; }

    /// <summary>1x1 expansion.</summary>
    public Conv2d conv3 { get; }

    /// <summary>Batch norm after <see cref="conv3"/>.</summary>
    public BatchNorm2d bn3 { get; }

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
        using var f = e.relu();
        using var h = ConvBatchNorm.Forward(conv3, bn3, f);
        using var identity = downsample is null ? input.alias() : ConvBatchNorm.Forward(downsample, input);
        h.add_(identity);
        return h.relu();
    }
}
