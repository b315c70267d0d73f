using AdvCam.Abstractions;

namespace AdvCam.Core.Running;

/// <summary>
/// Where a suite run is, reported after every batch: the clean pass (<see cref="Plugin"/> null) or a plugin's kind and
/// severity, and the batch.
/// </summary>
/// <param name="PluginIndex">The plugin's 1-based place in the suite (0 during the clean pass).</param>
/// <param name="PluginCount">How many plugins the suite runs.</param>
/// <param name="Plugin">The plugin's name, or null during the clean pass.</param>
/// <param name="Kind">The plugin kind being run (<see cref="PluginKindNames"/>), or null during the clean pass.</param>
/// <param name="Severity">The severity being run, or null (clean pass, or a kind without severities).</param>
/// <param name="Batch">Batches finished in this pass (1-based: 1 after the first).</param>
/// <param name="Batches">Batches in a pass.</param>
public sealed record SuiteProgress(int PluginIndex, int PluginCount, string? Plugin, string? Kind, Severity? Severity, int Batch, int Batches);
