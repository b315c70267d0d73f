namespace AdvCam.Report.Rendering;

/// <summary>A perturbation's accuracy (and consistency) against its severity levels, from one suite's results.</summary>
/// <param name="Suite">The suite's name.</param>
/// <param name="Plugin">The plugin's label (<see cref="ReportFigures.Labels"/>).</param>
/// <param name="Kind">The perturbation kind (<c>image_perturbation</c> or <c>model_perturbation</c>).</param>
/// <param name="Metric">The accuracy metric's name (<c>top1</c> or <c>mAP</c>).</param>
/// <param name="Clean">The clean value of that metric, or null.</param>
/// <param name="Points">One point per severity that ran, in level order.</param>
public sealed record SeverityCurve(string Suite, string Plugin, string Kind, string Metric, double? Clean, IReadOnlyList<CurvePoint> Points)
{
    /// <summary>The lowest accuracy over the severities (the worst case), or null when none is defined.</summary>
    public double? WorstAccuracy => Points.Select(p => p.Accuracy).Where(a => a is not null).DefaultIfEmpty(null).Min();
}
