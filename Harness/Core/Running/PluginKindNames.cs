using AdvCam.Core.Plugins;

namespace AdvCam.Core.Running;

/// <summary>The names the results give the plugin kinds, in the order a suite runs them.</summary>
public static class PluginKindNames
{
    /// <summary><see cref="PluginKinds.ImagePerturbation"/>.</summary>
    public const string ImagePerturbation = "image_perturbation";

    /// <summary><see cref="PluginKinds.ModelPerturbation"/>.</summary>
    public const string ModelPerturbation = "model_perturbation";

    /// <summary><see cref="PluginKinds.InferenceDefense"/>.</summary>
    public const string InferenceDefense = "inference_defense";

    /// <summary><see cref="PluginKinds.Attribution"/>.</summary>
    public const string Attribution = "attribution";

    /// <summary><see cref="PluginKinds.Segmenter"/>.</summary>
    public const string Segmenter = "segmenter";

    /// <summary><see cref="PluginKinds.FineTuningRecipe"/>: listed, never run by a suite (<c>advcam finetune</c> uses it).</summary>
    public const string FineTuningRecipe = "fine_tuning_recipe";

    /// <summary>Every kind with its name, in run order (a fine-tuning recipe last: a suite does not run it).</summary>
    public static IReadOnlyList<(PluginKinds Kind, string Name)> All { get; } =
    [
        (PluginKinds.ImagePerturbation, ImagePerturbation),
        (PluginKinds.ModelPerturbation, ModelPerturbation),
        (PluginKinds.InferenceDefense, InferenceDefense),
        (PluginKinds.Attribution, Attribution),
        (PluginKinds.Segmenter, Segmenter),
        (PluginKinds.FineTuningRecipe, FineTuningRecipe),
    ];

    /// <summary>The names of the kinds in <paramref name="kinds"/>, in run order.</summary>
    /// <param name="kinds">The kinds.</param>
    public static IReadOnlyList<string> Of(PluginKinds kinds) => All.Where(k => kinds.HasFlag(k.Kind)).Select(k => k.Name).ToArray();
}
