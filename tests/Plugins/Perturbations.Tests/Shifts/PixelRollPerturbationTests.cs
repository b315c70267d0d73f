using AdvCam.Plugins.Perturbations.Shifts;

namespace AdvCam.Plugins.Perturbations.Tests.Shifts;

/// <summary>pixel-roll (cyclic) against hand-worked examples on the 3 x 4 grid of <see cref="ShiftImages.Grid"/>;
/// exact, since it only copies values.</summary>
public class PixelRollPerturbationTests
{
    [Test]
    public void Down_by_1_brings_the_last_row_to_the_top()
    {
        using var scope = torch.NewDisposeScope();
        var plugin = new PixelRollPerturbation();
        var output = plugin.Apply(ShiftImages.Grid(), ShiftPlugins.Direction(plugin, "down"), 0);
        output.ToArray<float>().Should().Equal(ShiftImages.Sixteenths(
            9, 10, 11, 12,
            1, 2, 3, 4,
            5, 6, 7, 8));
    }

    [Test]
    public void Down_right_by_1_wraps_both_the_last_row_and_the_last_column()
    {
        using var scope = torch.NewDisposeScope();
        var plugin = new PixelRollPerturbation();
        var output = plugin.Apply(ShiftImages.Grid(), ShiftPlugins.Direction(plugin, "down-right"), 0);
        output.ToArray<float>().Should().Equal(ShiftImages.Sixteenths(
            12, 9, 10, 11,
            4, 1, 2, 3,
            8, 5, 6, 7));
    }

    [Test]
    public void Left_by_2_wraps_the_first_two_columns_to_the_right()
    {
        using var scope = torch.NewDisposeScope();
        var plugin = ShiftPlugins.WithPixels("pixel-roll", 2);
        var output = plugin.Apply(ShiftImages.Grid(), ShiftPlugins.Direction(plugin, "left"), 0);
        output.ToArray<float>().Should().Equal(ShiftImages.Sixteenths(
            3, 4, 1, 2,
            7, 8, 5, 6,
            11, 12, 9, 10));
    }

    [TestCase("right", "left")]
    [TestCase("up", "down")]
    [TestCase("up-right", "down-left")]
    [TestCase("down-right", "up-left")]
    public void Rolling_one_way_then_the_opposite_way_is_exactly_the_identity(string there, string back)
    {
        using var scope = torch.NewDisposeScope();
        foreach (var pixels in new[] { 1, 2 })
        {
            var plugin = ShiftPlugins.WithPixels("pixel-roll", pixels);
            var images = ShiftImages.Distinct(2, 3, 5, 6);
            var moved = plugin.Apply(images, ShiftPlugins.Direction(plugin, there), 0);
            moved.equal(images).Should().BeFalse($"rolling {there} by {pixels} changes the images");
            plugin.Apply(moved, ShiftPlugins.Direction(plugin, back), 0).equal(images).Should().BeTrue($"{there} then {back} by {pixels}");
        }
    }
}
