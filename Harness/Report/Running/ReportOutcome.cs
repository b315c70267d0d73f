namespace AdvCam.Report.Running;

/// <summary>What <see cref="ReportRunner.Run"/> produced: the results and the overlays for the HTML.</summary>
/// <param name="Results">Every suite's results.</param>
/// <param name="Overlays">Attribution maps on sample scenes.</param>
public sealed record ReportOutcome(ReportResults Results, IReadOnlyList<AttributionOverlay> Overlays)
{
    /// <summary>Whether the run was interrupted (a suite was cancelled, and the later ones did not run).</summary>
    public bool Cancelled => Results.Suites.Any(s => s.Status == Core.Running.SuiteStatus.Cancelled);
}
