namespace AdvCam.Report.Checks;

/// <summary>One case of a threshold file, judged on a report's measurements (<see cref="ThresholdEvaluator"/>).</summary>
/// <param name="Name">The case's name (<c>gaussian-blur/s3/top1</c>), as <c>dotnet test</c> names it.</param>
/// <param name="Category">Its NUnit category (Accuracy, Consistency, Attribution, Segmentation, Suite).</param>
/// <param name="Outcome">Passed, failed, inconclusive or not measured.</param>
/// <param name="Value">The value measured by the report, or null (not measured, undefined).</param>
/// <param name="LimitKind"><c>floor</c> (higher is better) or <c>ceiling</c> (higher is worse) when a limit applies, else null.</param>
/// <param name="Limit">The floor or ceiling, or null.</param>
/// <param name="Baseline">The baseline value, or null (none recorded, or undefined).</param>
/// <param name="Tolerance">How far the value may be worse than the baseline value.</param>
/// <param name="Message">The verdict's sentence (the same text <c>dotnet test</c> gives), or why the report did not measure it.</param>
public sealed record ThresholdCaseResult(string Name, string Category, ThresholdOutcome Outcome, double? Value, string? LimitKind, double? Limit,
    double? Baseline, double Tolerance, string Message);
