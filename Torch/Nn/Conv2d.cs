namespace AdvCam.Torch.Nn;

/// <summary>2-D convolution layer (parameters <c>weight</c> [out, in/groups, k, k] and optional <c>bias</c>), initialised as PyTorch does.</summary>
public sealed class Conv2d : Module<Tensor, Tensor>
{
    /// <summary>Creates the layer.</summary>
    public Conv2d(long in_channels, long out_channels, long kernel_size, long stride = 1, long padding = 0, long dilation = 1,
        long groups = 1, bool bias = true)
    {
        if (in_channels % groups != 0 || out_channels % groups != 0)
            throw new ArgumentException($"channels ({in_channels} in, {out_channels} out) must be divisible by groups ({groups})");
        Stride = stride;
        Padding = padding;
        Dilation = dilation;
        Groups = groups;
        var fanIn = in_channels / groups * kernel_size * kernel_size;
        using var scope = torch.NewDisposeScope();
        weight = register_parameter("weight", new Parameter(Init.default_uniform(new[] { out_channels, in_channels / groups, kernel_size, kernel_size }, fanIn)))!;
        this.bias = register_parameter("bias", bias ? new Parameter(Init.default_uniform(new[] { out_channels }, fanIn)) : null);
    }

    /// <summary>[out, in/groups, k, k].</summary>
    public Parameter weight { get; }

    /// <summary>[out], or null.</summary>
    public Parameter? bias { get; }

    /// <summary>Stride in both dimensions.</summary>
    public long Stride { get; }

    /// <summary>Zero padding in both dimensions.</summary>
    public long Padding { get; }

    /// <summary>Dilation in both dimensions.</summary>
    public long Dilation { get; }

    /// <summary>Channel groups.</summary>
    public long Groups { get; }

    /// <inheritdoc />
    public override Tensor forward(Tensor input) =>
        F.conv2d(input, weight, bias, new[] { Stride }, new[] { Padding }, new[] { Dilation }, Groups);
}
