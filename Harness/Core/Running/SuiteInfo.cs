namespace AdvCam.Core.Running;

/// <summary>Which suite ran.</summary>
/// <param name="Name">The suite's name.</param>
/// <param name="Description">What it is for, or null.</param>
/// <param name="File">The suite file, or null when it was given as text.</param>
public sealed record SuiteInfo(string Name, string? Description, string? File);
