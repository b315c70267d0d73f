using AdvCam.Torch;
using AdvCam.Torch.Nn;

namespace AdvCam.Core.Models;

/// <summary>
/// torchvision's <c>ASPPPooling</c>, the image-pooling branch of <see cref="Aspp"/>: global average pooling
/// (<c>0</c>), a 1x1 convolution without bias (<c>1</c>), batch norm (<c>2</c>) and ReLU (<c>3</c>), then the
/// [N, C, 1, 1] result upsampled bilinearly (align_corners=false) back to the input's spatial size.
/// </summary>
/// <remarks>
/// In training mode the batch norm sees one value per channel and image, so, as in PyTorch, a batch of one image
/// fails there ("expected more than 1 value per channel"): train with batches of two or more.
/// </remarks>
public sealed class AsppPooling : Module<Tensor, Tensor>
{
    /// <summary>Creates the branch: <paramref name="in_channels"/> in, <paramref name="out_channels"/> out.</summary>
    public AsppPooling(long in_channels, long out_channels)
    {
        pool = register_module("0", new AdaptiveAvgPool2d(1, 1));
        conv = register_module("1", new Conv2d(in_channels, out_channels, 1, bias: false));
        bn = register_module("2", new BatchNorm2d(out_channels));
        relu = register_module("3", new ReLU());
    }

    /// <summary>Global average pooling (<c>0</c>).</summary>
    public AdaptiveAvgPool2d pool { get; }

    /// <summary>The 1x1 convolution (<c>1</c>).</summary>
    public Conv2d conv { get; }

    /// <summary>Batch norm after the convolution (<c>2</c>).</summary>
    public BatchNorm2d bn { get; }

    /// <summary>Activation (<c>3</c>).</summary>
    public ReLU relu { get; }

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        var size = new[] { input.shape[^2], input.shape[^1] };
        using var a = pool.forward(input);
        using var b = conv.forward(a);
        using var c = bn.forward(b);
        using var d = relu.forward(c);
        return F.interpolate(d, size, InterpolationMode.Bilinear, align_corners: false);
    }
}
