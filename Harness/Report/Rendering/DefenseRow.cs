namespace AdvCam.Report.Rendering;

/// <summary>
/// Consistency under one image perturbation, without a defence (<see cref="Defense"/> null) or with one: the means over
/// the perturbation's severities and the worst case.
/// </summary>
/// <param name="Suite">The suite's name.</param>
/// <param name="Perturbation">The image perturbation's label.</param>
/// <param name="Defense">The inference defence's label, or null for the undefended model.</param>
/// <param name="Accuracy">Mean accuracy (top-1 or mAP) over the severities, or null.</param>
/// <param name="Consistency">Mean consistency over the severities, or null.</param>
/// <param name="FoolingRate">Mean fooling rate over the severities, or null.</param>
/// <param name="WorstFoolingRate">Share of items whose prediction changed at any severity, or null.</param>
/// <param name="Severities">How many severities the means are over.</param>
public sealed record DefenseRow(string Suite, string Perturbation, string? Defense, double? Accuracy, double? Consistency, double? FoolingRate,
    double? WorstFoolingRate, int Severities);
