namespace AdvCam.Torch.Nn;

/// <summary>ReLU activation.</summary>
public sealed class ReLU : Module<Tensor, Tensor>
{
    /// <inheritdoc />
    public override Tensor forward(Tensor input) => input.relu();
}
