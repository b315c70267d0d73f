namespace AdvCam.Core.Running;

/// <summary>How a suite run ended (written in snake_case).</summary>
public enum SuiteStatus
{
    /// <summary>Every plugin ran (passed, failed or not applicable).</summary>
    Completed,

    /// <summary>The run was cancelled; what finished before is kept.</summary>
    Cancelled,
}
