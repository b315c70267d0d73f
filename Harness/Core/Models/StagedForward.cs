using AdvCam.Torch;

namespace AdvCam.Core.Models;

/// <summary>Runs a classifier's named stages in order, freeing intermediate results as it goes.</summary>
internal static class StagedForward
{
    /// <summary>The index of <paramref name="stage"/> in <paramref name="names"/>; an unknown name is an <see cref="ArgumentException"/> listing the valid ones.</summary>
    public static int IndexOf(IReadOnlyList<string> names, string stage, string model)
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
    public static Tensor Run(IReadOnlyList<Func<Tensor, Tensor>> stages, Tensor input, int first, int last)
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
