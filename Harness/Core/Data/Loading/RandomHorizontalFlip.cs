using AdvCam.Torch;

namespace AdvCam.Core.Data.Loading;

/// <summary>
/// Mirrors each image left-right with probability <see cref="Probability"/>, and its masks and spatial targets with
/// it. Draws <c>u = torch.rand(B, generator=g)</c> (float32) and flips item b when <c>u[b] &lt; p</c>.
/// </summary>
public sealed class RandomHorizontalFlip : IBatchTransform
{
    /// <summary>Flips with probability <paramref name="probability"/> (0.5 by default).</summary>
    public RandomHorizontalFlip(double probability = 0.5)
    {
        if (!(probability >= 0 && probability <= 1)) throw new ArgumentOutOfRangeException(nameof(probability), probability, "must be in [0, 1]");
        Probability = probability;
    }

    /// <summary>The probability that an item is flipped.</summary>
    public double Probability { get; }

    /// <inheritdoc />
    public Batch Apply(Batch batch, Generator generator)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var u = torch.rand([batch.Count], generator).ToArray<float>();
        return Flip(batch, u.Select(v => v < Probability).ToArray());
    }

    /// <summary>Mirrors the items b with <paramref name="which"/>[b] true (images along W; masks and spatial targets too).</summary>
    public static Batch Flip(Batch batch, IReadOnlyList<bool> which)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(which);
        if (which.Count != batch.Count) throw new ArgumentException($"need one flag per item ({batch.Count}), got {which.Count}", nameof(which));
        var device = batch.Images.device;
        var flags = torch.tensor(which.ToArray(), [which.Count], device);
        Tensor Select(Tensor x)
        {
            var shape = new long[x.dim()];
            Array.Fill(shape, 1L);
            shape[0] = which.Count;
            return torch.where(flags.reshape(shape), x.flip(x.dim() - 1), x);
        }
        return batch.WithSpatial(Select(batch.Images), Select);
    }
}
