namespace AdvCam.Core.Regression;

/// <summary>How a case came out against its thresholds.</summary>
public enum CaseOutcome
{
    /// <summary>It meets its floor or ceiling and its baseline within the tolerance.</summary>
    Passed,

    /// <summary>It misses a threshold, or was not measured (the plugin failed, the run was cancelled).</summary>
    Failed,

    /// <summary>It was measured, but has neither a floor/ceiling nor a baseline value to be compared with.</summary>
    NoThreshold,
}
