namespace AdvCam.Core.Running;

/// <summary>The model a suite ran, as the results record it.</summary>
/// <param name="Path">The model file, or null when the model did not come from a file.</param>
/// <param name="Task">The task it was trained on.</param>
/// <param name="Metadata">Its metadata (configuration and training keys).</param>
public sealed record SuiteModelInfo(string? Path, string Task, IReadOnlyDictionary<string, string> Metadata);
