using AdvCam.Core.Training.PseudoLabels;

namespace AdvCam.Core.Tests.Training.PseudoLabels;

public class PseudoLabelMapTests
{
    [Test]
    public void Confident_foreground_above_fg_confident_background_at_or_below_bg_and_the_rest_ignored()
    {
        using var scope = torch.NewDisposeScope();
        // One image, 3 classes, 1x8 pixels; classes 0 and 2 present, class 1 absent (its maps must not count). fg .5, bg .1.
        float[] maps =
        [
            /* class 0 */ 0.05f, 0.10f, 0.20f, 0.60f, 0.55f, 0.30f, 0.50f, 0.90f,
            /* class 1 */ 1.00f, 1.00f, 1.00f, 1.00f, 1.00f, 1.00f, 1.00f, 1.00f,
            /* class 2 */ 0.00f, 0.05f, 0.05f, 0.20f, 0.70f, 0.60f, 0.40f, 0.90f,
        ];
        var labels = PseudoLabelMap.Compute(torch.tensor(maps, [1, 3, 1, 8]), torch.tensor(new[] { true, false, true }, [1, 3]), 0.5, 0.1);
        // pixel 0: max .05 <= .1 -> 0; pixel 1: .10 ties bg (does not beat it) -> 0; pixel 2: .20 in (.1, .5] -> 255;
        // pixel 3: class 0 .6 > .5 -> 1; pixel 4: class 2 .7 beats class 0 .55 -> 3; pixel 5: class 2 .6 -> 3;
        // pixel 6: .5 ties fg (not confident), .5 > .1 -> 255; pixel 7: classes tie at .9 -> the lower, class 0 -> 1.
        labels.dtype.Should().Be(ScalarType.Int64);
        labels.shape.Should().Equal(1, 1, 8);
        labels.ToArray<long>().Should().Equal(0, 0, 255, 1, 3, 3, 255, 1);
    }

    [Test]
    public void Equal_thresholds_leave_nothing_ignored_and_bad_thresholds_are_refused()
    {
        using var scope = torch.NewDisposeScope();
        var maps = torch.tensor(new[] { 0.1f, 0.3f, 0.5f }, [1, 1, 1, 3]);
        var present = torch.ones([1, 1]);
        // With fg = bg = t, the pseudo-labels are the seed label map at t.
        PseudoLabelMap.Compute(maps, present, 0.3, 0.3).ToArray<long>().Should().Equal(0, 0, 1);
        var inverted = () => PseudoLabelMap.Compute(maps, present, 0.1, 0.3);
        inverted.Should().Throw<ArgumentException>().WithMessage("*background threshold (0.3)*foreground threshold (0.1)*");
        var nan = () => PseudoLabelMap.Compute(maps, present, double.NaN, 0.1);
        nan.Should().Throw<ArgumentException>().WithMessage("*finite*");
    }
}
