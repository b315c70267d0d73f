using AdvCam.Torch;
using AdvCam.Torch.Nn;

namespace AdvCam.Core.Models;

/// <summary>
/// A network's forward pass as named stages (<c>stem</c>, <c>layer1</c>..<c>layerN</c>), run whole, up to a stage, or
/// from after a stage, freeing intermediate results as it goes.
/// </summary>
internal sealed class StagedForward
{
    private readonly string model;
    private readonly string[] names;
    private readonly Func<Tensor, Tensor>[] stages;

    /// <summary>The stages of <paramref name="model"/>: <paramref name="stem"/> named <c>stem</c>, then <c>layer1</c>.. for <paramref name="layers"/>.</summary>
    public StagedForward(string model, Func<Tensor, Tensor> stem, IReadOnlyList<Module<Tensor, Tensor>> layers)
    {
        this.model = model;
        names = new[] { "stem" }.Concat(Enumerable.Range(1, layers.Count).Select(i => $"layer{i}")).ToArray();
        stages = new[] { stem }.Concat(layers.Select(l => (Func<Tensor, Tensor>)l.forward)).ToArray();
    }

    /// <summary>The stage names, in order.</summary>
    public IReadOnlyList<string> Names => names;

    /// <summary>Every stage applied to <paramref name="input"/>.</summary>
    public Tensor All(Tensor input) => Run(stages, input, 0, stages.Length - 1);

    /// <summary>The stages up to and including <paramref name="stage"/>.</summary>
    public Tensor Until(Tensor input, string stage) => Run(stages, input, 0, IndexOf(names, stage, model));

    /// <summary>The stages after <paramref name="stage"/> applied to its output <paramref name="feature"/> (a new handle to it when none follow).</summary>
    public Tensor After(Tensor feature, string stage) => Run(stages, feature, IndexOf(names, stage, model) + 1, stages.Length - 1);

    /// <summary>The index of <paramref name="stage"/> in <paramref name="names"/>; an unknown name is an <see cref="ArgumentException"/> listing the valid ones.</summary>
    private static int IndexOf(IReadOnlyList<string> names, string stage, string model)
    {
        ArgumentNullException.ThrowIfNull(stage);
        for (var i = 0; i < names.Count; i++)
            if (names[i] == stage) return i;
        throw new ArgumentException($"{model} has no stage '{stage}'; its stages are {string.Join(", ", names)}", nameof(stage));
    }

    /// <summary>
    /// Applies stages <paramref name="first"/>..<paramref name="last"/> (inclusive) to <paramref name="input"/>; with
    /// none to run, returns a new handle to the input, so the caller always owns the result.
    /// </summary>
    private static Tensor Run(IReadOnlyList<Func<Tensor, Tensor>> stages, Tensor input, int first, int last)
    {
        ArgumentNullException.ThrowIfNull(input);
        var x = input;
        for (var i = first; i <= last; i++)
        {
            Tensor y;
            try
            {
                y = stages[i](x);
            }
            finally
            {
                if (!ReferenceEquals(x, input)) x.Dispose();
            }
            x = y;
        }
        return ReferenceEquals(x, input) ? input.alias() : x;
    }
}
