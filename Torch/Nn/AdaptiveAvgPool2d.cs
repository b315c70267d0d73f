namespace AdvCam.Torch.Nn;

/// <summary>Average pooling to a fixed output size ((1, 1) is global average pooling).</summary>
public sealed class AdaptiveAvgPool2d : Module<Tensor, Tensor>
{
    private readonly long[] size;

    /// <summary>Creates the layer.</summary>
    public AdaptiveAvgPool2d(long height, long width)
    {
        size = new[] { height, width };
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor input) => F.adaptive_avg_pool2d(input, size);
}
