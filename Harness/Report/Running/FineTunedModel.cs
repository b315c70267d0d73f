using AdvCam.Core.Models;
using AdvCam.Core.Training;

namespace AdvCam.Report.Running;

/// <summary>
/// A model that <c>advcam finetune</c> made from another, found in a models folder by its <c>model.json</c> card: the card's
/// <c>model."finetune.recipe"</c> and <c>model."finetune.base_model"</c> (or its <c>fine_tuning</c> object's <c>recipe</c> and
/// <c>base_model</c>).
/// </summary>
/// <param name="Name">The model's folder name (<c>fashion-mnist-blur-mix</c>).</param>
/// <param name="Folder">The folder's full path.</param>
/// <param name="Recipe">The fine-tuning recipe (<c>blur-mix</c>, <c>advbn-finetune</c>).</param>
/// <param name="BaseModel">The base model as the card records it (the model file's path where it was fine-tuned).</param>
public sealed record FineTunedModel(string Name, string Folder, string Recipe, string BaseModel)
{
    /// <summary>
    /// The models in the subfolders of <paramref name="modelsFolder"/> fine-tuned from its model <paramref name="baseName"/>, by
    /// folder name: each with a model file and a card that names a fine-tuning recipe, the base model's task, and a base model
    /// that is <paramref name="baseName"/>'s model file (the same path, or a model file in a folder of that name: the card
    /// records the path where the model was fine-tuned, which may be another checkout).
    /// </summary>
    /// <param name="modelsFolder">The models folder (<see cref="ShippedModels.Directory"/>).</param>
    /// <param name="baseName">The base model's folder name in it (<see cref="ShippedModels.FashionMnist"/>).</param>
    /// <param name="log">Told about a card that cannot be read; may be null.</param>
    public static IReadOnlyList<FineTunedModel> FindIn(string modelsFolder, string baseName, TextWriter? log = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(modelsFolder);
        ArgumentException.ThrowIfNullOrEmpty(baseName);
        var baseFolder = Path.GetFullPath(Path.Combine(modelsFolder, baseName));
        if (!Directory.Exists(baseFolder) || ModelCard.Text(ModelCard.Read(baseFolder, log), "task") is not { } task) return [];
        var found = new List<FineTunedModel>();
        foreach (var folder in Directory.EnumerateDirectories(modelsFolder).Select(Path.GetFullPath).Order(StringComparer.Ordinal))
        {
            if (folder == baseFolder || !File.Exists(Path.Combine(folder, TrainedModel.FileName))) continue;
            var card = ModelCard.Read(folder, log);
            if (card is null || ModelCard.Text(card, "task") != task) continue;
            var recipe = ModelCard.Text(card["model"], "finetune.recipe") ?? ModelCard.Text(card["fine_tuning"], "recipe");
            var from = ModelCard.Text(card["model"], "finetune.base_model") ?? ModelCard.Text(card["fine_tuning"], "base_model");
            if (recipe is null || from is null || !IsBase(from, baseFolder, baseName)) continue;
            found.Add(new FineTunedModel(Path.GetFileName(folder), folder, recipe, from));
        }
        return found;
    }

    /// <summary>Whether a card's base model names the base's model file.</summary>
    private static bool IsBase(string recorded, string baseFolder, string baseName)
    {
        var file = recorded.EndsWith(".safetensors", StringComparison.OrdinalIgnoreCase) ? recorded : Path.Combine(recorded, TrainedModel.FileName);
        if (Path.IsPathFullyQualified(file) && Path.GetFullPath(file) == Path.Combine(baseFolder, TrainedModel.FileName)) return true;
        return Path.GetFileName(file) == TrainedModel.FileName && Path.GetFileName(Path.GetDirectoryName(file)) == baseName;
    }
}
