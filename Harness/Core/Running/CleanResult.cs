namespace AdvCam.Core.Running;

/// <summary>The model on the clean (unperturbed) test data: the reference every plugin's figures are read against.</summary>
/// <param name="Metrics">Top-1 accuracy (single-label) or mAP (multi-label).</param>
/// <param name="Seconds">How long the clean pass took.</param>
public sealed record CleanResult(IReadOnlyList<MetricValue> Metrics, double Seconds);
