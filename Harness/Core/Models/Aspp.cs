using AdvCam.Torch;
using AdvCam.Torch.Nn;

namespace AdvCam.Core.Models;

/// <summary>
/// torchvision's <c>ASPP</c> (DeepLabv3's atrous spatial pyramid pooling), with its state-dict names:
/// <c>convs.0</c> = 1x1 convolution (no bias), batch norm, ReLU; <c>convs.1</c>..<c>convs.R</c> = one 3x3 convolution
/// (no bias) per atrous rate r, with dilation and padding r (torchvision's <c>ASPPConv</c>), batch norm, ReLU;
/// <c>convs.R+1</c> = the image-pooling branch (<see cref="AsppPooling"/>); the outputs concatenated and projected by
/// <c>project</c> = 1x1 convolution (no bias) to <c>out_channels</c>, batch norm, ReLU, dropout.
/// </summary>
public sealed class Aspp : Module<Tensor, Tensor>
{
    /// <summary>
    /// Creates the module: <paramref name="in_channels"/> in, <paramref name="out_channels"/> per branch and out,
    /// one atrous branch per entry of <paramref name="atrous_rates"/> (torchvision's DeepLabv3: 12, 24, 36 at output
    /// stride 8), dropout <paramref name="dropout"/> after the projection (torchvision: 0.5).
    /// </summary>
    public Aspp(long in_channels, IReadOnlyList<long> atrous_rates, long out_channels = 256, double dropout = 0.5)
    {
        ArgumentNullException.ThrowIfNull(atrous_rates);
        if (in_channels < 1) throw new ArgumentOutOfRangeException(nameof(in_channels), in_channels, "at least one input channel");
        if (out_channels < 1) throw new ArgumentOutOfRangeException(nameof(out_channels), out_channels, "at least one output channel");
        if (atrous_rates.Any(r => r < 1)) throw new ArgumentException("atrous rates must be at least 1", nameof(atrous_rates));
        if (dropout is < 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(dropout), dropout, "dropout is in [0, 1)");
        this.atrous_rates = atrous_rates.ToArray();
        var branches = new List<Module<Tensor, Tensor>>
        {
            new Sequential(new Conv2d(in_channels, out_channels, 1, bias: false), new BatchNorm2d(out_channels), new ReLU()),
        };
        foreach (var rate in this.atrous_rates)
            branches.Add(new Sequential(
                new Conv2d(in_channels, out_channels, 3, padding: rate, dilation: rate, bias: false),
                new BatchNorm2d(out_channels),
                new ReLU()));
        branches.Add(new AsppPooling(in_channels, out_channels));
        convs = register_module("convs", new AsppBranches(branches.ToArray()));
        project = register_module("project", new Sequential(
            new Conv2d(branches.Count * out_channels, out_channels, 1, bias: false),
            new BatchNorm2d(out_channels),
            new ReLU(),
            new Dropout(dropout)));
        this.out_channels = out_channels;
    }

    /// <summary>The atrous rates of the 3x3 branches (<c>convs.1</c>..), in order.</summary>
    public IReadOnlyList<long> atrous_rates { get; }

    /// <summary>The parallel branches: 1x1, one per atrous rate, image pooling.</summary>
    public AsppBranches convs { get; }

    /// <summary>1x1 projection of the concatenated branches, batch norm, ReLU, dropout.</summary>
    public Sequential project { get; }

    /// <summary>Channels of the output.</summary>
    public long out_channels { get; }

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        using var concatenated = convs.forward(input);
        return project.forward(concatenated);
    }
}
