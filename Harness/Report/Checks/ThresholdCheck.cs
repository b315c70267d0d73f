namespace AdvCam.Report.Checks;

/// <summary>
/// A threshold file (<c>docs/suites.md</c>) judged on a report's own measurements: every case of the suite it names, with
/// its verdict, and notes on how this report's run differs from the suite's (items, data, baseline).
/// </summary>
/// <param name="ThresholdsFile">The threshold file's full path.</param>
/// <param name="Suite">The suite file's name for the suite (<c>$.name</c>).</param>
/// <param name="SuiteFile">The suite file's full path.</param>
/// <param name="ReportSuite">The report's suite whose measurements were judged (<c>perturbations</c>, <c>attribution</c>, <c>report</c>).</param>
/// <param name="Model">The model file both ran.</param>
/// <param name="ReportItems">Test items the report measured.</param>
/// <param name="SuiteItems">Test items the suite file runs (its <c>test_subset</c>), or null for its whole split.</param>
/// <param name="BaselineFile">The baseline file the threshold file names, or null.</param>
/// <param name="BaselineItems">Test items the baseline was recorded on, or null when no baseline is recorded.</param>
/// <param name="Notes">How to read the verdicts: differences between this report's run and the suite's, unused patterns.</param>
/// <param name="Cases">Every case, in the suite's order.</param>
/// <param name="OwnRun">True when judged on the suite's own run (the page an NUnit suite attaches), false on a report's
/// measurements.</param>
public sealed record ThresholdCheck(string ThresholdsFile, string Suite, string SuiteFile, string ReportSuite, string? Model, int ReportItems,
    int? SuiteItems, string? BaselineFile, int? BaselineItems, IReadOnlyList<string> Notes, IReadOnlyList<ThresholdCaseResult> Cases, bool OwnRun = false)
{
    /// <summary>Cases that passed.</summary>
    public int Passed => Count(ThresholdOutcome.Passed);

    /// <summary>Cases that failed.</summary>
    public int Failed => Count(ThresholdOutcome.Failed);

    /// <summary>Cases without anything to compare with.</summary>
    public int Inconclusive => Count(ThresholdOutcome.Inconclusive);

    /// <summary>Cases the report did not measure.</summary>
    public int NotMeasured => Count(ThresholdOutcome.NotMeasured);

    private int Count(ThresholdOutcome outcome) => Cases.Count(c => c.Outcome == outcome);
}
