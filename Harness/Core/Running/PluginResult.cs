namespace AdvCam.Core.Running;

/// <summary>What one plugin of a suite did.</summary>
/// <param name="Name">The plugin's name (as the suite asked for it when it was not loaded).</param>
/// <param name="Kinds">Its kinds (<see cref="PluginKindNames"/>); empty when it was not loaded.</param>
/// <param name="Description">Its description, or null when it was not loaded.</param>
/// <param name="SourceFile">The assembly it was loaded from, or null.</param>
/// <param name="TypeName">Its type's full name, or null.</param>
/// <param name="Parameters">The parameter values in force (after the suite's overrides), by name; when the overrides were
/// refused, the values asked for.</param>
/// <param name="Status">How it ended.</param>
/// <param name="Error">For <see cref="PluginStatus.Failed"/> and <see cref="PluginStatus.Cancelled"/>: what happened, naming
/// the plugin, the severity and batch and what was wrong; null otherwise.</param>
/// <param name="Note">Why a kind did not apply (e.g. no masks for an attribution), or null.</param>
/// <param name="Seconds">How long it ran.</param>
/// <param name="Entries">Its measurements, in run order (kind, then severity, then metric).</param>
public sealed record PluginResult(
    string Name,
    IReadOnlyList<string> Kinds,
    string? Description,
    string? SourceFile,
    string? TypeName,
    IReadOnlyDictionary<string, string> Parameters,
    PluginStatus Status,
    string? Error,
    string? Note,
    double Seconds,
    IReadOnlyList<ResultEntry> Entries);
