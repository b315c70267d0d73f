using AdvCam.Torch;
using AdvCam.Torch.Nn;

namespace AdvCam.Core.Models;

/// <summary>
/// DeepLabv3 (Chen et al., 2017) on a dilated ResNet, with torchvision's <c>deeplabv3_resnet*</c> state-dict names and
/// shapes (without the auxiliary head): <c>backbone</c> (<see cref="SegmentationBackbone"/>: <c>backbone.conv1</c>,
/// <c>backbone.layer1.0...</c>, output stride 8 or 16) and <c>classifier</c> (torchvision's <c>DeepLabHead</c>):
/// <c>classifier.0</c> = <see cref="Aspp"/>, <c>classifier.1</c> = 3x3 convolution (no bias), <c>classifier.2</c> =
/// batch norm, <c>classifier.3</c> = ReLU, <c>classifier.4</c> = 1x1 convolution with bias to the classes. The logits
/// are upsampled bilinearly (align_corners=false) to the input's size.
/// </summary>
/// <remarks>
/// <para>Shaped by a <see cref="SegmentationNetConfig"/>; <see cref="SegmentationNetConfig.DeepLabV3ResNet50"/> gives
/// exactly torchvision's <c>deeplabv3_resnet50(num_classes, aux_loss=False)</c> (its checkpoints load as they are).
/// Initialised as torchvision: the backbone as its ResNet (convolutions kaiming-normal fan-out, batch norm 1/0), the
/// head with PyTorch's defaults.</para>
/// <para>The image-pooling branch's batch norm sees one value per channel and image, so training mode needs batches of
/// two or more (as in PyTorch). Train with <c>F.cross_entropy(logits, masks, ignore_index: 255)</c> on int64 masks
/// [N, H, W].</para>
/// </remarks>
public sealed class SegmentationNet : Module<Tensor, Tensor>
{
    /// <summary>Creates the model (the default, small configuration when <paramref name="config"/> is null).</summary>
    /// <exception cref="ArgumentException">The configuration is invalid.</exception>
    public SegmentationNet(SegmentationNetConfig? config = null)
    {
        this.config = config ?? new SegmentationNetConfig();
        this.config.Validate();
        var c = this.config;
        backbone = register_module("backbone", new SegmentationBackbone(c.Block, c.Blocks, c.Widths, c.InChannels, c.OutputStride));
        aspp = new Aspp(backbone.out_channels, c.AtrousRates, c.AsppChannels, c.Dropout);
        classifier = register_module("classifier", new Sequential(
            aspp,
            new Conv2d(c.AsppChannels, c.AsppChannels, 3, padding: 1, bias: false),
            new BatchNorm2d(c.AsppChannels),
            new ReLU(),
            new Conv2d(c.AsppChannels, c.NumClasses, 1)));
    }

    /// <summary>The configuration the model was built from.</summary>
    public SegmentationNetConfig config { get; }

    /// <summary>The dilated ResNet backbone.</summary>
    public SegmentationBackbone backbone { get; }

    /// <summary>The head (torchvision's <c>DeepLabHead</c>): ASPP, 3x3 convolution, batch norm, ReLU, 1x1 classifier.</summary>
    public Sequential classifier { get; }

    /// <summary>The ASPP module (<c>classifier.0</c>).</summary>
    public Aspp aspp { get; }

    /// <summary>Number of classes, background included.</summary>
    public int num_classes => config.NumClasses;

    /// <summary>Input size divided by the feature map's size (8 or 16).</summary>
    public long output_stride => backbone.output_stride;

    /// <summary>Logits [N, classes, H, W] of images [N, C, H, W], at the input's size.</summary>
    public override Tensor forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.dim() != 4) throw new ArgumentException($"expected images [N, C, H, W], got {input.ShapeText}", nameof(input));
        using var coarse = coarse_logits(input);
        return F.interpolate(coarse, new[] { input.shape[2], input.shape[3] }, InterpolationMode.Bilinear, align_corners: false);
    }

    /// <summary>The backbone's feature map [N, backbone.out_channels, h, w] (h = ceil(H / output_stride) for the stem's and stages' rounding).</summary>
    public Tensor features(Tensor input) => backbone.forward(input);

    /// <summary>Logits at the feature map's resolution [N, classes, h, w], before the upsampling of <see cref="forward"/>.</summary>
    public Tensor coarse_logits(Tensor input)
    {
        using var f = backbone.forward(input);
        return classifier.forward(f);
    }
}
