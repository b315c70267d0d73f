using System.Text.Json;
using System.Text.Json.Nodes;

namespace AdvCam.Core.Training;

/// <summary>
/// Reads the card (<see cref="Trainer.CardFile"/>, <c>model.json</c>) that <c>advcam train</c> and <c>advcam finetune</c>
/// write beside a model file. The card describes a model; the model file is what runs. So a missing or unreadable card is
/// not an error here: the readers return null, and say why on the log they are given.
/// </summary>
public static class ModelCard
{
    /// <summary>The card in <paramref name="folder"/>, or null when there is none or it cannot be read as JSON.</summary>
    /// <param name="folder">The model's folder.</param>
    /// <param name="log">Where a card that exists but cannot be read is reported, or null.</param>
    public static JsonNode? Read(string folder, TextWriter? log = null)
    {
        ArgumentNullException.ThrowIfNull(folder);
        var path = Path.Combine(folder, Trainer.CardFile);
        if (!File.Exists(path)) return null;
        try
        {
            return JsonNode.Parse(File.ReadAllText(path));
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            log?.WriteLine($"model card {path}: not read ({e.Message})");
            return null;
        }
    }

    /// <summary>The metric <paramref name="name"/> (e.g. <c>top1</c>, <c>mAP</c>) that the card beside the model file
    /// <paramref name="modelPath"/> records under <c>metrics</c>, or null when there is no card, no such metric, or it
    /// is not a number.</summary>
    /// <param name="modelPath">The model file (its folder holds the card).</param>
    /// <param name="name">The metric's key.</param>
    /// <param name="log">Where a card that exists but cannot be read is reported, or null.</param>
    public static double? Metric(string modelPath, string name, TextWriter? log = null)
    {
        ArgumentNullException.ThrowIfNull(modelPath);
        ArgumentNullException.ThrowIfNull(name);
        var card = Read(Path.GetDirectoryName(Path.GetFullPath(modelPath))!, log);
        return card?["metrics"]?[name] is JsonValue value && value.GetValueKind() == JsonValueKind.Number ? value.GetValue<double>() : null;
    }

    /// <summary>The string at <paramref name="key"/> of <paramref name="node"/> when it is an object holding a string there, else null.</summary>
    public static string? Text(JsonNode? node, string key) =>
        node is JsonObject o && o[key] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
}
