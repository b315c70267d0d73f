namespace AdvCam.Report.Rendering;

/// <summary>One line (or bar series) of a <see cref="ChartSpec"/>.</summary>
/// <param name="Label">The legend text.</param>
/// <param name="Values">One value per chart label; null leaves a gap.</param>
public sealed record ChartSeries(string Label, IReadOnlyList<double?> Values);
