namespace AdvCam.Report.Checks;

/// <summary>How a threshold file's case came out on a report's measurements.</summary>
public enum ThresholdOutcome
{
    /// <summary>It meets its floor or ceiling and its baseline within the tolerance.</summary>
    Passed,

    /// <summary>It misses a threshold, or its plugin failed in the report.</summary>
    Failed,

    /// <summary>It was measured, but has neither a floor/ceiling nor a baseline value to be compared with.</summary>
    Inconclusive,

    /// <summary>The report did not measure it: the report ran the plugin with other parameters, or not at all.</summary>
    NotMeasured,
}
