namespace AdvCam.Suites.Shipped;

/// <summary>
/// The shipped Fashion-MNIST classifier (<c>models/fashion-mnist</c>) under the blur families, pixel shifts and rolls,
/// crop selection (plain and cyclic) and AdvBN, on the first 256 test images: <c>models/fashion-mnist/thresholds.json</c>.
/// </summary>
[NUnit.Framework.TestFixture]
public sealed class FashionMnistSuite
{
    /// <summary>One case per plugin × severity × metric.</summary>
    /// <param name="robustnessCase">The case.</param>
    [RobustnessCases("models/fashion-mnist/thresholds.json")]
    public void Robustness(RobustnessCase robustnessCase) => robustnessCase.Verify();
}
