namespace AdvCam.Torch.Nn;

/// <summary>
/// Batch normalisation over channels, with PyTorch's state: <c>weight</c>, <c>bias</c>, <c>running_mean</c>,
/// <c>running_var</c>, <c>num_batches_tracked</c>.
/// </summary>
public sealed class BatchNorm2d : Module<Tensor, Tensor>
{
    /// <summary>Creates the layer (weight 1, bias 0, running mean 0, running variance 1).</summary>
    public BatchNorm2d(long num_features, double eps = 1e-5, double momentum = 0.1, bool affine = true)
    {
        Eps = eps;
        Momentum = momentum;
        using var scope = torch.NewDisposeScope();
        weight = register_parameter("weight", affine ? new Parameter(torch.ones(num_features)) : null);
        bias = register_parameter("bias", affine ? new Parameter(torch.zeros(num_features)) : null);
        running_mean = register_buffer("running_mean", torch.zeros(num_features));
        running_var = register_buffer("running_var", torch.ones(num_features));
        num_batches_tracked = register_buffer("num_batches_tracked", torch.zeros(System.Array.Empty<long>(), ScalarType.Int64));
    }

    /// <summary>Scale per channel, or null.</summary>
    public Parameter? weight { get; }

    /// <summary>Shift per channel, or null.</summary>
    public Parameter? bias { get; }

    /// <summary>Running mean per channel.</summary>
    public Tensor running_mean { get; }

    /// <summary>Running (unbiased) variance per channel.</summary>
    public Tensor running_var { get; }

    /// <summary>Number of training batches seen.</summary>
    public Tensor num_batches_tracked { get; }

    /// <summary>Added to the variance.</summary>
    public double Eps { get; }

    /// <summary>Weight of the new batch in the running statistics.</summary>
    public double Momentum { get; }

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        if (training)
        {
            using var _ = torch.no_grad();
            num_batches_tracked.add_(1);
        }
        return F.batch_norm(input, running_mean, running_var, weight, bias, training, Momentum, Eps);
    }
}
