using AdvCam.Abstractions;

namespace AdvCam.Core.Plugins;

/// <summary>The plugin kinds (contracts of AdvCam.Abstractions) a plugin implements; one plugin may implement several.</summary>
[Flags]
public enum PluginKinds
{
    /// <summary>None of the kinds: such a type is refused by the loader.</summary>
    None = 0,

    /// <summary><see cref="IImagePerturbation"/>.</summary>
    ImagePerturbation = 1,

    /// <summary><see cref="IModelPerturbation"/>.</summary>
    ModelPerturbation = 2,

    /// <summary><see cref="IAttribution"/>.</summary>
    Attribution = 4,

    /// <summary><see cref="ISegmenter"/>.</summary>
    Segmenter = 8,

    /// <summary><see cref="IInferenceDefense"/>.</summary>
    InferenceDefense = 16,

    /// <summary><see cref="IFineTuningRecipe"/> (used by <c>advcam finetune</c>, not by suites).</summary>
    FineTuningRecipe = 32,
}
