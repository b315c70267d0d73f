using System.Globalization;

namespace AdvCam.Core.Training.PseudoLabels;

/// <summary>How a set of pseudo-labels is made: the attribution plugin and its parameters, the classifier it explains,
/// the confidence thresholds (<see cref="PseudoLabelMap"/>) and the training scenes.</summary>
/// <param name="Attribution">The attribution plugin's name.</param>
/// <param name="Parameters">Its parameters in force (all of them, defaults included), by name.</param>
/// <param name="Classifier">The classifier's model file.</param>
/// <param name="Foreground">The high threshold fg.</param>
/// <param name="Background">The low threshold bg.</param>
/// <param name="Scenes">How many standard training scenes (the first N, seed <see cref="Data.FashionScenes.StandardTrainSeed"/>).</param>
public sealed record PseudoLabelSettings(
    string Attribution,
    IReadOnlyDictionary<string, string> Parameters,
    string Classifier,
    double Foreground,
    double Background,
    int Scenes)
{
    /// <summary>The prefix of the metadata keys (<see cref="ToMetadata"/>).</summary>
    public const string MetadataPrefix = "pseudo_labels.";

    /// <summary>The settings as model-file metadata (keys <c>pseudo_labels.*</c>): written into the model and checked on
    /// resume, so a checkpoint trained on other pseudo-labels is not continued.</summary>
    public Dictionary<string, string> ToMetadata() => new()
    {
        [MetadataPrefix + "attribution"] = Attribution,
        [MetadataPrefix + "parameters"] = string.Join(";", Parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}")),
        [MetadataPrefix + "classifier"] = Classifier,
        [MetadataPrefix + "fg_threshold"] = Foreground.ToString("R", CultureInfo.InvariantCulture),
        [MetadataPrefix + "bg_threshold"] = Background.ToString("R", CultureInfo.InvariantCulture),
        [MetadataPrefix + "scenes"] = Scenes.ToString(CultureInfo.InvariantCulture),
    };
}
