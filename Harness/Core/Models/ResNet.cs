using AdvCam.Abstractions;
using AdvCam.Torch;
using AdvCam.Torch.Nn;

namespace AdvCam.Core.Models;

/// <summary>
/// torchvision's ResNet, with its state-dict names and shapes (a torchvision checkpoint loads as is): stem
/// <c>conv1</c> (7x7, stride 2, padding 3, no bias), <c>bn1</c>, ReLU, max pooling (3, stride 2, padding 1); stages
/// <c>layer1</c>..<c>layerN</c> of <see cref="BasicBlock"/> or <see cref="Bottleneck"/> blocks; global average
/// pooling; linear head <c>fc</c> with a bias. Initialised as torchvision does (convolutions kaiming-normal fan-out,
/// batch norm weight 1 and bias 0, <c>fc</c> PyTorch's default).
/// </summary>
/// <remarks>
/// <para>Last stage stride: <c>lastStageStride = 2</c> is torchvision's default (output stride 32). With
/// <c>lastStageStride = 1</c> the output stride is 16, as CAM methods use. By default (<c>dilateLastStage</c>) this is
/// torchvision's <c>replace_stride_with_dilation=[False, False, True]</c>: the last stage's first block keeps dilation 1
/// (stride 1), its later blocks use dilation 2 in their 3x3 convolutions (both convolutions of a
/// <see cref="BasicBlock"/>, which torchvision itself refuses to dilate). With <c>dilateLastStage = false</c> the last
/// stage simply has stride 1 and no dilation, as the official AdvCAM/IRN ResNet-50 (<c>strides=(2, 2, 2, 1)</c>) does.
/// Neither changes a parameter's shape, so torchvision weights load either way.</para>
/// <para>As an <see cref="ICamClassifier"/>: stages <c>"stem"</c> (up to the max pooling), <c>"layer1"</c>..; the head
/// has a bias (<see cref="head_bias"/>), which CAM ignores (see <see cref="ICamClassifier"/>).</para>
/// </remarks>
public sealed class ResNet : Module<Tensor, Tensor>, ICamClassifier
{
    private static readonly long[] DefaultWidths = { 64, 128, 256, 512 };
    private readonly StagedForward staged;

    /// <summary>
    /// A ResNet of <paramref name="block"/> blocks, <paramref name="layers"/>[i] of them in stage i (ResNet-18: 2, 2, 2, 2;
    /// ResNet-50: 3, 4, 6, 3), stage i having <paramref name="widths"/>[i] planes (default 64, 128, 256, 512; the stem
    /// has <paramref name="widths"/>[0] channels, the output <c>widths[^1] * expansion</c>).
    /// </summary>
    /// <param name="block">The residual block.</param>
    /// <param name="layers">Blocks per stage (at least one stage).</param>
    /// <param name="numClasses">Outputs of <c>fc</c>.</param>
    /// <param name="widths">Planes per stage (one per entry of <paramref name="layers"/>); null for torchvision's 64, 128, 256, 512.</param>
    /// <param name="inChannels">Input channels (3 for RGB).</param>
    /// <param name="lastStageStride">Stride of the last stage: 2 (torchvision) or 1 (output stride halved; see the remarks).</param>
    /// <param name="dilateLastStage">With <paramref name="lastStageStride"/> 1: replace the stride by dilation 2, as torchvision's <c>replace_stride_with_dilation</c>.</param>
    public ResNet(ResNetBlockKind block, IReadOnlyList<int> layers, int numClasses = 1000, IReadOnlyList<long>? widths = null,
        long inChannels = 3, long lastStageStride = 2, bool dilateLastStage = true)
    {
        ArgumentNullException.ThrowIfNull(layers);
        widths ??= DefaultWidths;
        if (layers.Count == 0) throw new ArgumentException("a ResNet needs at least one stage", nameof(layers));
        if (widths.Count != layers.Count)
            throw new ArgumentException($"{widths.Count} widths for {layers.Count} stages", nameof(widths));
        if (numClasses < 1) throw new ArgumentOutOfRangeException(nameof(numClasses), numClasses, "at least one class");
        if (inChannels < 1) throw new ArgumentOutOfRangeException(nameof(inChannels), inChannels, "at least one input channel");
        if (lastStageStride is not (1 or 2))
            throw new ArgumentOutOfRangeException(nameof(lastStageStride), lastStageStride, "the last stage's stride is 1 or 2");

        this.block = block;
        long inplanes = widths[0];
        long dilation = 1;
        conv1 = register_module("conv1", new Conv2d(inChannels, inplanes, 7, stride: 2, padding: 3, bias: false));
        bn1 = register_module("bn1", new BatchNorm2d(inplanes));
        relu = register_module("relu", new ReLU());
        maxpool = register_module("maxpool", new MaxPool2d(3, 2, 1));
        var stages = new List<Sequential>();
        output_stride = 4;
        for (var i = 0; i < layers.Count; i++)
        {
            var last = i == layers.Count - 1;
            long stride = i == 0 ? 1 : 2;
            var dilate = false;
            if (last && i > 0 && lastStageStride == 1)
            {
                if (dilateLastStage) dilate = true;
                else stride = 1;
            }
            stages.Add(register_module($"layer{i + 1}", ResNetStages.MakeLayer(block, ref inplanes, ref dilation, widths[i], layers[i], stride, dilate)));
            if (!dilate) output_stride *= stride;
        }
        this.stages = stages;
        avgpool = register_module("avgpool", new AdaptiveAvgPool2d(1, 1));
        fc = register_module("fc", new Linear(inplanes, numClasses));
        num_classes = numClasses;
        feature_channels = inplanes;
        ResNetStages.Initialise(this);

        staged = new StagedForward(nameof(ResNet), Stem, stages);
    }

    /// <summary>torchvision's <c>resnet18</c> (BasicBlock, 2-2-2-2): 11.7 M parameters with 1000 classes.</summary>
    public static ResNet resnet18(int numClasses = 1000, long lastStageStride = 2, bool dilateLastStage = true) =>
        new(ResNetBlockKind.Basic, new[] { 2, 2, 2, 2 }, numClasses, null, 3, lastStageStride, dilateLastStage);

    /// <summary>torchvision's <c>resnet34</c> (BasicBlock, 3-4-6-3).</summary>
    public static ResNet resnet34(int numClasses = 1000, long lastStageStride = 2, bool dilateLastStage = true) =>
        new(ResNetBlockKind.Basic, new[] { 3, 4, 6, 3 }, numClasses, null, 3, lastStageStride, dilateLastStage);

    /// <summary>torchvision's <c>resnet50</c> (Bottleneck, 3-4-6-3): 25.6 M parameters with 1000 classes.</summary>
    public static ResNet resnet50(int numClasses = 1000, long lastStageStride = 2, bool dilateLastStage = true) =>
        new(ResNetBlockKind.Bottleneck, new[] { 3, 4, 6, 3 }, numClasses, null, 3, lastStageStride, dilateLastStage);

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

    /// <summary>The stages <c>layer1</c>..<c>layerN</c> (index 0 is <c>layer1</c>).</summary>
    public IReadOnlyList<Sequential> stages { get; }

    /// <summary>Global average pooling.</summary>
    public AdaptiveAvgPool2d avgpool { get; }

    /// <summary>The linear head (with a bias, as torchvision's).</summary>
    public Linear fc { get; }

    /// <inheritdoc />
    public int num_classes { get; }

    /// <inheritdoc />
    public long feature_channels { get; }

    /// <inheritdoc />
    public long output_stride { get; }

    /// <inheritdoc />
    public IReadOnlyList<string> stage_names => staged.Names;

    /// <inheritdoc />
    public Tensor head_weight => fc.weight;

    /// <inheritdoc />
    public Tensor? head_bias => fc.bias;

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        using var f = features(input);
        return Head(f);
    }

    /// <inheritdoc />
    public Tensor features(Tensor input) => staged.All(input);

    /// <inheritdoc />
    public Tensor forward_until(Tensor input, string stage) => staged.Until(input, stage);

    /// <inheritdoc />
    public Tensor forward_from(Tensor feature, string stage)
    {
        using var f = staged.After(feature, stage);
        return Head(f);
    }

    private Tensor Stem(Tensor input)
    {
        using var b = ConvBatchNorm.Forward(conv1, bn1, input);
        using var c = relu.forward(b);
        return maxpool.forward(c);
    }

    private Tensor Head(Tensor feature)
    {
        using var pooled = avgpool.forward(feature);
        using var flat = pooled.flatten(1);
        return fc.forward(flat);
    }
}
