namespace AdvCam.Report.Rendering;

/// <summary>One severity of a <see cref="SeverityCurve"/>.</summary>
/// <param name="Level">The severity level (1 = the mildest).</param>
/// <param name="Label">The severity's label.</param>
/// <param name="Accuracy">The accuracy metric (top-1 or mAP) at that severity, or null when missing or undefined.</param>
/// <param name="Consistency">The consistency with the clean predictions, or null (model perturbations have none).</param>
public sealed record CurvePoint(int Level, string Label, double? Accuracy, double? Consistency);
