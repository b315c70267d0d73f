using AdvCam.Abstractions;
using AdvCam.Core.Models;
using AdvCam.Core.Plugins;
using AdvCam.Core.Running;

namespace AdvCam.Report.Running;

/// <summary>
/// Chooses the suites of a report from the plugins found: every plugin runs, with its defaults and every severity it
/// offers.
/// </summary>
/// <remarks>
/// <para>On the shipped models (no model given): <see cref="PerturbationSuite"/> runs the image and model perturbations
/// and the inference defences on <c>fashion-mnist</c>; <see cref="AttributionSuite"/> runs the attributions and segmenters
/// on <c>fashion-scenes</c> (the data with masks); and each fine-tuned version of <c>fashion-mnist</c> given (found by its
/// card, <see cref="FineTunedModel.FindIn"/>) gets a suite <c>perturbations/&lt;its folder name&gt;</c>, right after
/// <see cref="PerturbationSuite"/>, with the same image and model perturbations but not the inference defences (they
/// measure the defence, not the model, and crop selection is the expensive part), to be compared with the original. With
/// a model given, one suite, <see cref="ModelSuite"/>, runs every plugin on it. Plugins of no suite kind (a fine-tuning
/// recipe) are not run.</para>
/// <para>An inference defence is measured under every image perturbation found (the suite's <c>under</c>), so the report
/// can set consistency with and without it side by side; a defence with a boolean <c>cyclic</c> parameter whose default
/// is false (crop selection) runs a second time with <c>cyclic=true</c>.</para>
/// </remarks>
public static class ReportPlanner
{
    /// <summary>The suite of perturbations and defences on the shipped Fashion-MNIST model.</summary>
    public const string PerturbationSuite = "perturbations";

    /// <summary>The suite of attributions and segmenters on the shipped FashionScenes model.</summary>
    public const string AttributionSuite = "attribution";

    /// <summary>The one suite of a report on a given model.</summary>
    public const string ModelSuite = "report";

    /// <summary>The parameter whose true value gives a defence's second, cyclic variant.</summary>
    public const string CyclicParameter = "cyclic";

    private const PluginKinds Robustness = PluginKinds.ImagePerturbation | PluginKinds.ModelPerturbation | PluginKinds.InferenceDefense;
    private const PluginKinds Maps = PluginKinds.Attribution | PluginKinds.Segmenter;

    /// <summary>The suites for <paramref name="plugins"/>.</summary>
    /// <param name="plugins">The loaded plugins, in the catalog's order.</param>
    /// <param name="model">The model given on the command line, or null for the shipped models.</param>
    /// <param name="fineTuned">Fine-tuned versions of the shipped Fashion-MNIST model to measure beside it (ignored with a
    /// <paramref name="model"/>); null or empty for none.</param>
    public static IReadOnlyList<ReportSuitePlan> Plan(IReadOnlyList<LoadedPlugin> plugins, string? model, IReadOnlyList<FineTunedModel>? fineTuned = null)
    {
        ArgumentNullException.ThrowIfNull(plugins);
        var images = plugins.Where(p => p.Kinds.HasFlag(PluginKinds.ImagePerturbation)).Select(p => p.Name).ToArray();
        SuitePluginSpec[] Specs(Func<LoadedPlugin, bool> pick) => plugins.Where(pick).SelectMany(p => SpecsOf(p, images)).ToArray();
        if (model is not null) return [new ReportSuitePlan(ModelSuite, model, Specs(p => (p.Kinds & (Robustness | Maps)) != 0))];
        var plans = new List<ReportSuitePlan> { new(PerturbationSuite, ShippedModels.FashionMnist, Specs(p => (p.Kinds & Robustness) != 0)) };
        foreach (var f in fineTuned ?? [])
            plans.Add(new ReportSuitePlan(FineTunedSuite(f.Name), f.Folder,
                Specs(p => (p.Kinds & (PluginKinds.ImagePerturbation | PluginKinds.ModelPerturbation)) != 0 && !p.Kinds.HasFlag(PluginKinds.InferenceDefense)),
                PerturbationSuite, f.Recipe));
        plans.Add(new ReportSuitePlan(AttributionSuite, ShippedModels.FashionScenes, Specs(p => (p.Kinds & Maps) != 0)));
        return plans;
    }

    /// <summary>The name of the suite of a fine-tuned Fashion-MNIST model: <c>perturbations/&lt;its folder name&gt;</c>.</summary>
    /// <param name="model">The model's folder name.</param>
    public static string FineTunedSuite(string model) => $"{PerturbationSuite}/{model}";

    private static IEnumerable<SuitePluginSpec> SpecsOf(LoadedPlugin plugin, IReadOnlyList<string> images)
    {
        if (!plugin.Kinds.HasFlag(PluginKinds.InferenceDefense))
        {
            yield return new SuitePluginSpec(plugin.Name);
            yield break;
        }
        var under = images.Where(n => !string.Equals(n, plugin.Name, StringComparison.OrdinalIgnoreCase)).Select(n => new SuitePluginSpec(n)).ToArray();
        IReadOnlyList<SuitePluginSpec>? underOrNull = under.Length == 0 ? null : under;
        yield return new SuitePluginSpec(plugin.Name, new Dictionary<string, string>(), null, underOrNull);
        var cyclic = plugin.Parameters.FirstOrDefault(p => p.Name == CyclicParameter && p.Kind == PluginValueKind.Boolean);
        if (cyclic is not null && string.Equals(cyclic.DefaultValue, "false", StringComparison.OrdinalIgnoreCase))
            yield return new SuitePluginSpec(plugin.Name, new Dictionary<string, string> { [CyclicParameter] = "true" }, null, underOrNull);
    }
}
