using AdvCam.Core.Models;

namespace AdvCam.Core.Training.FineTuning;

/// <summary>The direct children of a <see cref="ResNetCam"/> that make up each of its stages (<c>stem</c>: <c>conv1</c>,
/// <c>bn1</c>, <c>relu</c> and <c>maxpool</c> when it has one; <c>layerK</c>: the child <c>layerK</c>).</summary>
public static class StageModules
{
    /// <summary>The child-module names of <paramref name="stages"/>, in model order.</summary>
    /// <param name="model">The model.</param>
    /// <param name="stages">Stage names from <see cref="ResNetCam.stage_names"/>.</param>
    /// <exception cref="ArgumentException">A name is not one of the model's stages; the message lists them.</exception>
    public static IReadOnlyList<string> Of(ResNetCam model, IEnumerable<string> stages)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(stages);
        var names = new List<string>();
        foreach (var stage in stages)
        {
            if (!model.stage_names.Contains(stage, StringComparer.Ordinal))
                throw new ArgumentException($"'{stage}' is not a stage of this model; its stages are {string.Join(", ", model.stage_names)}", nameof(stages));
            if (stage == "stem")
            {
                names.AddRange(["conv1", "bn1", "relu"]);
                if (model.maxpool is not null) names.Add("maxpool");
            }
            else
            {
                names.Add(stage);
            }
        }
        return names.Distinct().ToArray();
    }
}
