namespace AdvCam.Core.Regression;

/// <summary>What a case with neither a floor/ceiling nor a baseline value does (e.g. a newly dropped plugin's cases).</summary>
public enum MissingThresholdPolicy
{
    /// <summary>It is inconclusive (NUnit: not passed, not failed), with a message saying how to record a baseline.</summary>
    Inconclusive,

    /// <summary>It fails.</summary>
    Fail,
}
