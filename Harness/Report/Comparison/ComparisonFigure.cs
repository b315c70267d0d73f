namespace AdvCam.Report.Comparison;

/// <summary>One figure of a <see cref="ComparedModel"/>: its clean accuracy, its accuracy at a graded perturbation's strongest
/// level, or its worst accuracy over a perturbation's levels.</summary>
/// <param name="Name">The figure's name, the same for every model of the comparison: <c>clean</c>, <c>defocus-blur/s5</c>
/// (<see cref="ModelComparison.Strongest"/>), <c>advbn/worst</c> (<see cref="ModelComparison.Worst"/>).</param>
/// <param name="Plugin">The perturbation's label (<see cref="Rendering.ReportFigures.Labels"/>), or null for the clean figure.</param>
/// <param name="Kind">The perturbation's kind (<c>image_perturbation</c>, <c>model_perturbation</c>), or null for the clean figure.</param>
/// <param name="Statistic"><see cref="ModelComparison.Clean"/>, <see cref="ModelComparison.Strongest"/> or
/// <see cref="ModelComparison.Worst"/>.</param>
/// <param name="Level">The severity level of <paramref name="Value"/> (for the strongest, the original's highest level; for the
/// worst, the level where this model's accuracy is lowest); null for the clean figure or when undefined.</param>
/// <param name="Severity">That level's label (<c>radius=3.92</c>), or null.</param>
/// <param name="Value">The accuracy metric, or null when not measured or undefined.</param>
/// <param name="Change">The value minus the original model's value of the same figure; null for the original, or when either
/// is undefined.</param>
public sealed record ComparisonFigure(string Name, string? Plugin, string? Kind, string Statistic, int? Level, string? Severity, double? Value, double? Change);
