namespace AdvCam.Core.Regression;

/// <summary>A case's outcome and the sentence that explains it (the value, the thresholds, the baseline, the results file).</summary>
/// <param name="Case">The case.</param>
/// <param name="Outcome">Passed, failed, or no threshold.</param>
/// <param name="Message">E.g. <c>gaussian-blur s3 top1 = 0.412 is below the floor 0.5 (baseline 0.742, tolerance 0.02); results: /path/results.json</c>.</param>
/// <param name="Value">The measured value (null: not measured or undefined).</param>
/// <param name="Limit">The floor or ceiling that applied, or null.</param>
/// <param name="Baseline">The baseline value, or null.</param>
/// <param name="Tolerance">The tolerance that applied.</param>
public sealed record CaseVerdict(RegressionCase Case, CaseOutcome Outcome, string Message, double? Value, double? Limit, double? Baseline, double Tolerance);
