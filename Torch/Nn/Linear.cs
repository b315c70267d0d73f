namespace AdvCam.Torch.Nn;

/// <summary>Fully connected layer y = x W^T + b (parameters <c>weight</c> [out, in], optional <c>bias</c>).</summary>
public sealed class Linear : Module<Tensor, Tensor>
{
    /// <summary>Creates the layer, initialised as PyTorch does.</summary>
    public Linear(long in_features, long out_features, bool bias = true)
    {
        using var scope = torch.NewDisposeScope();
        weight = register_parameter("weight", new Parameter(Init.default_uniform(new[] { out_features, in_features }, in_features)))!;
        this.bias = register_parameter("bias", bias ? new Parameter(Init.default_uniform(new[] { out_features }, in_features)) : null);
    }

    /// <summary>[out, in].</summary>
    public Parameter weight { get; }

    /// <summary>[out], or null.</summary>
    public Parameter? bias { get; }

    /// <inheritdoc />
    public override Tensor forward(Tensor input) => F.linear(input, weight, bias);
}
