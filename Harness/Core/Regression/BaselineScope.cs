namespace AdvCam.Core.Regression;

/// <summary>Which runs a baseline judges (<see cref="CaseCheck.Evaluate"/>).</summary>
public enum BaselineScope
{
    /// <summary>Any run of the suite: the baseline applies whatever the number of items, and a failure notes when the
    /// items differ (the NUnit suites, which run the suite file's own items).</summary>
    AnyItems,

    /// <summary>Only a run on as many items as the baseline was recorded on: on other items a value can leave the tolerance by
    /// sampling alone, so there the baseline is shown (in the message and <see cref="CaseVerdict.Baseline"/>) but not applied,
    /// and only floors and ceilings judge (<c>advcam report</c>, which measures its own subset).</summary>
    SameItems,
}
