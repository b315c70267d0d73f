namespace AdvCam.Core.Running;

/// <summary>One measured number of a plugin: what kind of run, at which severity, which metric, its value.</summary>
/// <param name="Kind">The plugin kind that ran (<see cref="PluginKindNames"/>: <c>image_perturbation</c>, ...).</param>
/// <param name="Severity">The severity, for perturbations; null otherwise.</param>
/// <param name="Metric">The metric's name (<see cref="SuiteMetrics"/>).</param>
/// <param name="Value">Its value, or null when undefined (NaN: e.g. mAP without a positive item).</param>
/// <param name="Under">For an inference defence measured under an image perturbation: that perturbation's name (the
/// severity is then the perturbation's); null otherwise.</param>
/// <param name="Label">For a per-class metric (<see cref="SuiteMetrics.SeedIoU"/>, <see cref="SuiteMetrics.SeedBestIoU"/>):
/// the seed label it is about, 0 for background and c + 1 for class c; null otherwise.</param>
public sealed record ResultEntry(string Kind, SeverityInfo? Severity, string Metric, double? Value, string? Under = null, int? Label = null);
