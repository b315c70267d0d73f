namespace AdvCam.Suites.Shipped;

/// <summary>
/// The shipped FashionScenes CAM classifier (<c>models/fashion-scenes</c>): seed quality of CAM, Grad-CAM and AdvCAM on the
/// first 16 test scenes: <c>models/fashion-scenes/thresholds.json</c>.
/// </summary>
[NUnit.Framework.TestFixture]
public sealed class FashionScenesSuite
{
    /// <summary>One case per plugin × metric.</summary>
    /// <param name="robustnessCase">The case.</param>
    [RobustnessCases("models/fashion-scenes/thresholds.json")]
    public void Robustness(RobustnessCase robustnessCase) => robustnessCase.Verify();
}
