namespace AdvCam.Torch.Nn;

/// <summary>How a loss combines its per-element values (numbered as <c>at::Reduction</c>).</summary>
public enum Reduction
{
    /// <summary>No reduction: one value per element.</summary>
    None = 0,
    /// <summary>The mean.</summary>
    Mean = 1,
    /// <summary>The sum.</summary>
    Sum = 2,
}
