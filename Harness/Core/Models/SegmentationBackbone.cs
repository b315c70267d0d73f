using AdvCam.Torch;
using AdvCam.Torch.Nn;

namespace AdvCam.Core.Models;

/// <summary>
/// The ResNet backbone of a <see cref="SegmentationNet"/>: torchvision's ResNet without its classifier head, as
/// torchvision's DeepLabv3 uses it (<c>IntermediateLayerGetter</c> keeps <c>conv1</c>, <c>bn1</c>, <c>relu</c>,
/// <c>maxpool</c>, <c>layer1</c>..<c>layer4</c> and drops <c>avgpool</c> and <c>fc</c>), so the state-dict names are
/// <see cref="ResNet"/>'s without <c>fc.*</c>, and a torchvision ResNet checkpoint loads once its <c>fc.*</c>
/// entries are left out. The forward pass returns <c>layer4</c>'s feature map.
/// </summary>
/// <remarks>
/// <para>Built from the same parts as <see cref="ResNet"/> (its blocks, <c>ResNetStages.MakeLayer</c> and
/// initialisation) rather than by wrapping a <see cref="ResNet"/>: a wrapped classifier would carry an unused
/// <c>fc</c> in the state dict (which torchvision's DeepLabv3 does not have), and <see cref="ResNet"/> can only dilate
/// its last stage.</para>
/// <para>Output stride (DeepLab's atrous backbone, torchvision's <c>replace_stride_with_dilation</c>): 16 =
/// <c>[False, False, True]</c> (<c>layer4</c> stride 1, dilation 2); 8 = <c>[False, True, True]</c> (<c>layer3</c>
/// stride 1 dilation 2, <c>layer4</c> stride 1 dilation 4). As in torchvision, a dilated stage's first block keeps the
/// previous stage's dilation. Dilation changes no parameter's shape.</para>
/// </remarks>
public sealed class SegmentationBackbone : Module<Tensor, Tensor>
{
    private readonly StagedForward staged;

    /// <summary>
    /// A four-stage ResNet of <paramref name="block"/> blocks (<paramref name="blocks"/>[i] in stage i, with
    /// <paramref name="widths"/>[i] planes; the stem has <paramref name="widths"/>[0] channels) and output stride
    /// <paramref name="output_stride"/> (8 or 16).
    /// </summary>
    /// <exception cref="ArgumentException">Not four stages, a non-positive size, or an output stride other than 8 or 16.</exception>
    public SegmentationBackbone(ResNetBlockKind block, IReadOnlyList<int> blocks, IReadOnlyList<long> widths, long in_channels = 3,
        long output_stride = 8)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        ArgumentNullException.ThrowIfNull(widths);
        if (blocks.Count != 4 || widths.Count != 4)
            throw new ArgumentException($"a segmentation backbone has four stages, not {blocks.Count} block counts and {widths.Count} widths");
        if (in_channels < 1) throw new ArgumentOutOfRangeException(nameof(in_channels), in_channels, "at least one input channel");
        if (output_stride is not (8 or 16))
            throw new ArgumentOutOfRangeException(nameof(output_stride), output_stride, "the output stride is 8 or 16");

        this.block = block;
        this.output_stride = output_stride;
        long inplanes = widths[0];
        long dilation = 1;
        conv1 = register_module("conv1", new Conv2d(in_channels, inplanes, 7, stride: 2, padding: 3, bias: false));
        bn1 = register_module("bn1", new BatchNorm2d(inplanes));
        relu = register_module("relu", new ReLU());
        maxpool = register_module("maxpool", new MaxPool2d(3, 2, 1));
        var dilate = new[] { false, false, output_stride == 8, true };
        var stages = new List<Sequential>();
        for (var i = 0; i < 4; i++)
            stages.Add(register_module($"layer{i + 1}",
                ResNetStages.MakeLayer(block, ref inplanes, ref dilation, widths[i], blocks[i], i == 0 ? 1 : 2, dilate[i])));
        this.stages = stages;
        out_channels = inplanes;
        ResNetStages.Initialise(this);
        staged = new StagedForward(nameof(SegmentationBackbone), Stem, stages);
    }

    /// <summary>The residual block the stages are made of.</summary>
    public ResNetBlockKind block { get; }

    /// <summary>Stem convolution (7x7, stride 2, no bias).</summary>
    public Conv2d conv1 { get; }

    /// <summary>Stem batch norm.</summary>
    public BatchNorm2d bn1 { get; }

    /// <summary>Stem activation.</summary>
    public ReLU relu { get; }

    /// <summary>Stem max pooling (3, stride 2, padding 1).</summary>
    public MaxPool2d maxpool { get; }

    /// <summary>The stages <c>layer1</c>..<c>layer4</c> (index 0 is <c>layer1</c>).</summary>
    public IReadOnlyList<Sequential> stages { get; }

    /// <summary>Channels of the output feature map (<c>widths[3] * expansion</c>).</summary>
    public long out_channels { get; }

    /// <summary>Input size divided by the output feature map's size (8 or 16), for sizes divisible by it.</summary>
    public long output_stride { get; }

    /// <summary><c>layer4</c>'s feature map [N, out_channels, ceil(H / output_stride), ceil(W / output_stride)] of images [N, C, H, W].</summary>
    public override Tensor forward(Tensor input) => staged.All(input);

    private Tensor Stem(Tensor input)
    {
        using var b = ConvBatchNorm.Forward(conv1, bn1, input);
        using var c = relu.forward(b);
        return maxpool.forward(c);
    }
}
