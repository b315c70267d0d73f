using AdvCam.Torch;

namespace AdvCam.Abstractions.Tests;

public class SeedLabelMapTests
{
    [Test]
    public void Each_pixel_takes_the_best_present_class_above_the_threshold_and_background_wins_ties()
    {
        using var scope = torch.NewDisposeScope();
        // One image, 3 classes, a 1x6 map. Classes 0 and 2 are present; class 1 is absent (its high values must not count).
        float[] maps =
        [
            /* class 0 */ 0.10f, 0.25f, 0.30f, 0.90f, 0.50f, 0.60f,
            /* class 1 */ 1.00f, 1.00f, 1.00f, 1.00f, 1.00f, 1.00f,
            /* class 2 */ 0.20f, 0.20f, 0.40f, 0.10f, 0.50f, 0.70f,
        ];
        var labels = SeedLabelMap.Compute(torch.tensor(maps, [1, 3, 1, 6]), torch.tensor(new[] { true, false, true }, [1, 3]), 0.25);
        // pixel 0: all below t -> 0; pixel 1: class 0 ties t -> background; pixel 2: class 2 (0.4) beats class 0 (0.3) -> 3;
        // pixel 3: class 0 -> 1; pixel 4: classes 0 and 2 tie at 0.5 -> the lower, class 0 -> 1; pixel 5: class 2 -> 3.
        labels.dtype.Should().Be(ScalarType.Int64);
        labels.shape.Should().Equal(1, 1, 6);
        labels.ToArray<long>().Should().Equal(0, 0, 3, 1, 1, 3);
    }

    [Test]
    public void An_image_without_present_classes_is_all_background_and_bad_shapes_are_refused()
    {
        using var scope = torch.NewDisposeScope();
        var maps = torch.ones([2, 2, 2, 2]);
        var present = torch.tensor(new[] { 0f, 0f, 0f, 1f }, [2, 2]);
        SeedLabelMap.Compute(maps, present, 0.25).ToArray<long>().Should().Equal(0, 0, 0, 0, 2, 2, 2, 2);

        var wrong = () => SeedLabelMap.Compute(maps, torch.ones([2, 3]), 0.25);
        wrong.Should().Throw<ArgumentException>().WithMessage("*[2, 2]*[2, 3]*");
    }
}
