namespace AdvCam.Torch.Nn;

/// <summary>2-D average pooling.</summary>
public sealed class AvgPool2d : Module<Tensor, Tensor>
{
    private readonly long kernel;
    private readonly long stride;
    private readonly long padding;

    /// <summary>Creates the layer; the stride defaults to the kernel size.</summary>
    public AvgPool2d(long kernel_size, long? stride = null, long padding = 0)
    {
        kernel = kernel_size;
        this.stride = stride ?? kernel_size;
        this.padding = padding;
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor input) => F.avg_pool2d(input, new[] { kernel }, new[] { stride }, new[] { padding });
}
