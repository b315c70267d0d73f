using NUnit.Framework;

namespace AdvCam.Suites.Shipped;

/// <summary>
/// The FashionScenes classifier trained on large items (<c>models/fashion-scenes-large</c>, task
/// <c>fashion-scenes-large</c>): seed quality of CAM with flip and of AdvCAM with and without its restriction on the first
/// 64 test scenes (<c>models/fashion-scenes-large/thresholds.json</c>), and the AdvCAM paper's claim on them.
/// </summary>
[TestFixture]
public sealed class FashionScenesLargeSuite
{
    private const string Thresholds = "models/fashion-scenes-large/thresholds.json";

    /// <summary>The least gain over CAM that counts as the claim here: measured +0.049 on these 64 scenes (+0.067 on all
    /// 1,000 with 27 steps); 0.03 leaves room for another device's rounding.</summary>
    private const double ClaimMargin = 0.03;

    /// <summary>One case per plugin × metric.</summary>
    /// <param name="robustnessCase">The case.</param>
    [RobustnessCases(Thresholds)]
    public void Robustness(RobustnessCase robustnessCase) => robustnessCase.Verify();

    /// <summary>
    /// AdvCAM (Lee et al. 2021): anti-adversarial climbing spreads the class maps over whole objects, so its seeds beat
    /// CAM's at the best threshold of the sweep on the same images. On large items, where CAM marks only an item's most
    /// discriminative parts, it does, by more than <see cref="ClaimMargin"/>, when the restriction is off (lambda 0), and
    /// that is the restriction's doing: with the official lambda 7 AdvCAM stays near CAM (docs/attribution.md).
    /// </summary>
    [Test]
    public void AdvCam_without_its_restriction_finds_more_of_large_items_than_cam()
    {
        var cam = SuiteMeasurements.Value(Thresholds, "cam/seed_mIoU_best");
        var unrestricted = SuiteMeasurements.Value(Thresholds, "advcam(scales=1,lambda=0,steps=8)/seed_mIoU_best");
        var restricted = SuiteMeasurements.Value(Thresholds, "advcam(scales=1,steps=8)/seed_mIoU_best");
        TestContext.Out.WriteLine($"seed mIoU at the best threshold: cam + flip {cam:F4}, advcam lambda 0 {unrestricted:F4}, advcam lambda 7 {restricted:F4}");
        Assert.That(unrestricted, Is.GreaterThan(cam + ClaimMargin), "AdvCAM with lambda 0 must beat CAM with flip on large items");
        Assert.That(unrestricted, Is.GreaterThan(restricted + ClaimMargin), "the gain comes from lifting the restriction");
    }
}
