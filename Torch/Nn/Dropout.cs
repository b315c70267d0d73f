namespace AdvCam.Torch.Nn;

/// <summary>Dropout with probability p, active only in training mode.</summary>
public sealed class Dropout : Module<Tensor, Tensor>
{
    /// <summary>Creates the layer.</summary>
    public Dropout(double p = 0.5) => P = p;

    /// <summary>Probability of zeroing an element.</summary>
    public double P { get; }

    /// <inheritdoc />
    public override Tensor forward(Tensor input) => F.dropout(input, P, training);
}
