using AdvCam.Suites;
using NUnit.Framework;

namespace UserModelSuite;

/// <summary>
/// The robustness suite of "my" model: one NUnit case per plugin × severity × metric of <c>robustness/suite.json</c>,
/// each checked against <c>robustness/thresholds.json</c> and the baseline recorded by <c>advcam baseline</c>.
/// </summary>
[TestFixture]
public sealed class MyModelSuite
{
    /// <summary>One generated case (<c>run</c>, <c>clean/top1</c>, <c>gaussian-blur/s3/top1</c>, ...).</summary>
    /// <param name="robustnessCase">The case.</param>
    [RobustnessCases("robustness/thresholds.json")]
    public void Robustness(RobustnessCase robustnessCase) => robustnessCase.Verify();
}
