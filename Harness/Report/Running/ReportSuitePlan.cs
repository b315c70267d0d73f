using AdvCam.Core.Running;

namespace AdvCam.Report.Running;

/// <summary>One suite of a report: its name, the model, and the plugins with their settings.</summary>
/// <param name="Name">The suite's name (<c>perturbations</c>, <c>attribution</c>, <c>perturbations/&lt;model&gt;</c> for a fine-tuned
/// model, or <c>report</c> for a given model).</param>
/// <param name="Model">The model as named (a shipped name or a path).</param>
/// <param name="Plugins">The plugins to run, in order.</param>
/// <param name="BaseSuite">For a fine-tuned model measured beside its original: the suite of the original (the report compares
/// the two, <see cref="Comparison.ModelComparison"/>); null otherwise.</param>
/// <param name="Recipe">For a fine-tuned model: the recipe its card names; null otherwise.</param>
public sealed record ReportSuitePlan(string Name, string Model, IReadOnlyList<SuitePluginSpec> Plugins, string? BaseSuite = null, string? Recipe = null);
