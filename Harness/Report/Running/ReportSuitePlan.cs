using AdvCam.Core.Running;

namespace AdvCam.Report.Running;

/// <summary>One suite of a report: its name, the model, and the plugins with their settings.</summary>
/// <param name="Name">The suite's name (<c>perturbations</c>, <c>attribution</c>, or <c>report</c> for a given model).</param>
/// <param name="Model">The model as named (a shipped name or a path).</param>
/// <param name="Plugins">The plugins to run, in order.</param>
public sealed record ReportSuitePlan(string Name, string Model, IReadOnlyList<SuitePluginSpec> Plugins);
