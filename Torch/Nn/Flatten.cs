namespace AdvCam.Torch.Nn;

/// <summary>Flattens dimensions start..end (by default all but the batch dimension).</summary>
public sealed class Flatten : Module<Tensor, Tensor>
{
    private readonly long start;
    private readonly long end;

    /// <summary>Creates the layer.</summary>
    public Flatten(long start_dim = 1, long end_dim = -1)
    {
        start = start_dim;
        end = end_dim;
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor input) => input.flatten(start, end);
}
