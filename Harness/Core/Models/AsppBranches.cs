using AdvCam.Torch;
using AdvCam.Torch.Nn;

namespace AdvCam.Core.Models;

/// <summary>
/// The parallel branches of <see cref="Aspp"/> (torchvision's <c>ASPP.convs</c>, a <c>ModuleList</c>), named
/// <c>0</c>, <c>1</c>, ...: each maps the same input to a feature map of the same spatial size, and
/// <see cref="forward"/> concatenates their outputs along the channels, in order.
/// </summary>
public sealed class AsppBranches : Module<Tensor, Tensor>
{
    private readonly List<Module<Tensor, Tensor>> branches = new();

    /// <summary>The given branches (owned by this module from now on), in order.</summary>
    public AsppBranches(params Module<Tensor, Tensor>[] branches)
    {
        ArgumentNullException.ThrowIfNull(branches);
        if (branches.Length == 0) throw new ArgumentException("ASPP needs at least one branch", nameof(branches));
        foreach (var b in branches)
        {
            register_module(this.branches.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), b);
            this.branches.Add(b);
        }
    }

    /// <summary>Number of branches.</summary>
    public int Count => branches.Count;

    /// <summary>The branch at <paramref name="index"/>.</summary>
    public Module<Tensor, Tensor> this[int index] => branches[index];

    /// <summary>Every branch applied to <paramref name="input"/>, concatenated along dimension 1 (channels).</summary>
    public override Tensor forward(Tensor input)
    {
        var outputs = new List<Tensor>(branches.Count);
        try
        {
            foreach (var b in branches) outputs.Add(b.forward(input));
            return torch.cat(outputs, 1);
        }
        finally
        {
            foreach (var o in outputs) o.Dispose();
        }
    }
}
