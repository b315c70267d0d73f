using AdvCam.Core.Running;

namespace AdvCam.Report.Rendering;

/// <summary>An attribution's seed mIoU or a segmenter's mIoU in one suite.</summary>
/// <param name="Suite">The suite's name.</param>
/// <param name="Plugin">The plugin's label.</param>
/// <param name="Kind"><c>attribution</c> or <c>segmenter</c>.</param>
/// <param name="Metric"><c>seed_mIoU</c> or <c>mIoU</c>.</param>
/// <param name="Value">The value, or null when the plugin failed before it or it is undefined.</param>
/// <param name="Status">The plugin's status.</param>
public sealed record AttributionScore(string Suite, string Plugin, string Kind, string Metric, double? Value, PluginStatus Status);
