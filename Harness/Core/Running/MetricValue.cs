namespace AdvCam.Core.Running;

/// <summary>A named metric and its value.</summary>
/// <param name="Metric">The metric's name (<see cref="SuiteMetrics"/>).</param>
/// <param name="Value">Its value, or null when undefined (NaN).</param>
public sealed record MetricValue(string Metric, double? Value);
