namespace AdvCam.Core.Running;

/// <summary>How one plugin's part of a suite ended (written in snake_case: <c>passed</c>, <c>failed</c>, ...).</summary>
public enum PluginStatus
{
    /// <summary>Every kind of the plugin that applies to the data ran to the end with valid outputs.</summary>
    Passed,

    /// <summary>The plugin could not be run (not loaded, parameters refused), threw, or returned an invalid output; the
    /// error says which, and where (severity, batch). Entries finished before the failure are kept.</summary>
    Failed,

    /// <summary>None of the plugin's kinds applies to the data (attribution and segmentation need masks); the note says why.</summary>
    NotApplicable,

    /// <summary>The run was cancelled while the plugin ran, or before it started; finished entries are kept.</summary>
    Cancelled,
}
