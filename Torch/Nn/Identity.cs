namespace AdvCam.Torch.Nn;

/// <summary>Returns its input (a new handle to the same tensor).</summary>
public sealed class Identity : Module<Tensor, Tensor>
{
    /// <inheritdoc />
    public override Tensor forward(Tensor input) => input.alias();
}
