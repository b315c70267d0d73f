using AdvCam.Abstractions;
using AdvCam.Torch;
using AdvCam.Torch.Nn;

namespace AdvCam.Core.Models;

/// <summary>
/// A small-input ResNet for CAM: stem (<c>conv1</c> k×k without bias, <c>bn1</c>, ReLU, optional max pooling), stages
/// <c>layer1</c>..<c>layerN</c> of torchvision <see cref="BasicBlock"/>s, global average pooling and a bias-free
/// linear head <c>fc</c> (so CAM_c = ReLU(Σ_k w_ck f_k) is exactly the class's share of the logit before pooling).
/// Shaped by a <see cref="ResNetCamConfig"/>; initialised as torchvision's ResNet (convolutions kaiming-normal
/// fan-out, batch norm 1/0, <c>fc</c> PyTorch's default).
/// </summary>
public sealed class ResNetCam : Module<Tensor, Tensor>, ICamClassifier
{
    private readonly StagedForward staged;

    /// <summary>Creates the model (the default configuration when <paramref name="config"/> is null).</summary>
    /// <exception cref="ArgumentException">The configuration is invalid.</exception>
    public ResNetCam(ResNetCamConfig? config = null)
    {
        this.config = config ?? new ResNetCamConfig();
        this.config.Validate();
        var c = this.config;
        conv1 = register_module("conv1", new Conv2d(c.InChannels, c.StemChannels, c.StemKernel, stride: c.StemStride, padding: c.StemKernel / 2, bias: false));
        bn1 = register_module("bn1", new BatchNorm2d(c.StemChannels));
        relu = register_module("relu", new ReLU());
        if (c.StemMaxPool) maxpool = register_module("maxpool", new MaxPool2d(3, 2, 1));
        long inplanes = c.StemChannels;
        long dilation = 1;
        var stages = new List<Sequential>();
        for (var i = 0; i < c.Widths.Count; i++)
            stages.Add(register_module($"layer{i + 1}", ResNetStages.MakeLayer(ResNetBlockKind.Basic, ref inplanes, ref dilation, c.Widths[i], c.Blocks[i], c.Strides[i], false)));
        this.stages = stages;
        fc = register_module("fc", new Linear(inplanes, c.NumClasses, bias: false));
        ResNetStages.Initialise(this);

        staged = new StagedForward(nameof(ResNetCam), Stem, stages);
    }

    /// <summary>The configuration the model was built from.</summary>
    public ResNetCamConfig config { get; }

    /// <summary>Stem convolution (no bias).</summary>
    public Conv2d conv1 { get; }

    /// <summary>Stem batch norm.</summary>
    public BatchNorm2d bn1 { get; }

    /// <summary>Stem activation.</summary>
    public ReLU relu { get; }

    /// <summary>Stem max pooling, or null when the configuration has none.</summary>
    public MaxPool2d? maxpool { get; }

    /// <summary>The stages <c>layer1</c>..<c>layerN</c> (index 0 is <c>layer1</c>).</summary>
    public IReadOnlyList<Sequential> stages { get; }

    /// <summary>The bias-free linear head [classes, feature_channels].</summary>
    public Linear fc { get; }

    /// <inheritdoc />
    public int num_classes => config.NumClasses;

    /// <inheritdoc />
    public long feature_channels => config.Widths[^1];

    /// <inheritdoc />
    public long output_stride => config.OutputStride;

    /// <inheritdoc />
    public IReadOnlyList<string> stage_names => staged.Names;

    /// <inheritdoc />
    public Tensor head_weight => fc.weight;

    /// <summary>Always null: the head is bias-free.</summary>
    public Tensor? head_bias => null;

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
        var c = relu.forward(b);
        if (maxpool is null) return c;
        using (c) return maxpool.forward(c);
    }

    private Tensor Head(Tensor feature)
    {
        using var pooled = F.adaptive_avg_pool2d(feature, 1);
        using var flat = pooled.flatten(1);
        return fc.forward(flat);
    }
}
