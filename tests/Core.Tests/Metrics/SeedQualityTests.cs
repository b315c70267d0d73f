using AdvCam.Core.Metrics;

namespace AdvCam.Core.Tests.Metrics;

public class SeedQualityTests
{
    /// <summary>Rounding of a ratio of small integers computed in double.</summary>
    private const double RatioRounding = 1e-12;

    [Test]
    public void Noise_ratio_is_the_share_of_predicted_foreground_that_is_truly_background()
    {
        // Labels 0 (background), 1, 2. Pixels (truth -> seed): 0->0, 0->1, 0->2, 1->1, 2->1, 1->0, 255->2 (ignored).
        // Predicted foreground: 0->1, 0->2, 1->1, 2->1 = 4 pixels, 2 of them truly background -> noise 1/2.
        // IoU: background TP 1, FN 2, FP 1 -> 1/4; label 1 TP 1, FP 2, FN 1 -> 1/4; label 2 TP 0, FP 1, FN 1 -> 0.
        var confusion = new ConfusionMatrix(3);
        confusion.Add([0, 0, 0, 1, 2, 1, 255], [0, 1, 2, 1, 1, 0, 2]);
        var quality = SeedQuality.From(0.3, confusion);
        quality.Threshold.Should().Be(0.3);
        quality.Pixels.Should().Be(6);
        quality.NoiseRatio.Should().BeApproximately(1.0 / 2, RatioRounding);
        quality.LabelIoU.Should().HaveCount(3);
        quality.LabelIoU[0].Should().BeApproximately(1.0 / 4, RatioRounding);
        quality.LabelIoU[1].Should().BeApproximately(1.0 / 4, RatioRounding);
        quality.LabelIoU[2].Should().Be(0);
        quality.MeanIoU.Should().BeApproximately((1.0 / 4 + 1.0 / 4 + 0) / 3, RatioRounding);
    }

    [Test]
    public void Noise_ratio_is_undefined_without_predicted_foreground()
    {
        var confusion = new ConfusionMatrix(3);
        confusion.Add([0, 1, 2], [0, 0, 0]);
        var quality = SeedQuality.From(0.9, confusion);
        quality.NoiseRatio.Should().Be(double.NaN);
        quality.MeanIoU.Should().BeApproximately(1.0 / 9, RatioRounding, "background 1/3, labels 1 and 2 IoU 0");
    }
}
