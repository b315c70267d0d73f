using AdvCam.Plugins.Perturbations.Shifts;

namespace AdvCam.Plugins.Perturbations.Tests.Shifts;

/// <summary>pixel-shift (non-cyclic, edge replicated) against hand-worked examples on the 3 x 4 grid of
/// <see cref="ShiftImages.Grid"/>; exact, since it only copies values.</summary>
public class PixelShiftPerturbationTests
{
    [Test]
    public void Right_by_1_moves_the_columns_right_and_repeats_the_first_column()
    {
        using var scope = torch.NewDisposeScope();
        var plugin = new PixelShiftPerturbation();
        var output = plugin.Apply(ShiftImages.Grid(), ShiftPlugins.Direction(plugin, "right"), 0);
        output.ToArray<float>().Should().Equal(ShiftImages.Sixteenths(
            1, 1, 2, 3,
            5, 5, 6, 7,
            9, 9, 10, 11));
    }

    [Test]
    public void Up_left_by_1_moves_both_ways_and_repeats_the_last_row_and_column()
    {
        using var scope = torch.NewDisposeScope();
        var plugin = new PixelShiftPerturbation();
        var output = plugin.Apply(ShiftImages.Grid(), ShiftPlugins.Direction(plugin, "up-left"), 0);
        output.ToArray<float>().Should().Equal(ShiftImages.Sixteenths(
            6, 7, 8, 8,
            10, 11, 12, 12,
            10, 11, 12, 12));
    }

    [Test]
    public void Left_by_2_repeats_the_last_column_twice()
    {
        using var scope = torch.NewDisposeScope();
        var plugin = ShiftPlugins.WithPixels("pixel-shift", 2);
        var output = plugin.Apply(ShiftImages.Grid(), ShiftPlugins.Direction(plugin, "left"), 0);
        output.ToArray<float>().Should().Equal(ShiftImages.Sixteenths(
            3, 4, 4, 4,
            7, 8, 8, 8,
            11, 12, 12, 12));
    }

    [Test]
    public void Down_by_1_moves_the_rows_down_and_repeats_the_first_row()
    {
        using var scope = torch.NewDisposeScope();
        var plugin = new PixelShiftPerturbation();
        var output = plugin.Apply(ShiftImages.Grid(), ShiftPlugins.Direction(plugin, "down"), 0);
        output.ToArray<float>().Should().Equal(ShiftImages.Sixteenths(
            1, 2, 3, 4,
            1, 2, 3, 4,
            5, 6, 7, 8));
    }

    /// <summary>
    /// Right by p then left by p: out[x] = in[x] for x &lt; W - p; the last p columns lost past the right edge come back
    /// as copies of column W - 1 - p (the second shift replicates the border it has, which is that column).
    /// </summary>
    [Test]
    public void Right_then_left_restores_all_but_the_replicated_border_columns([Values(1, 2)] int pixels)
    {
        using var scope = torch.NewDisposeScope();
        var plugin = ShiftPlugins.WithPixels("pixel-shift", pixels);
        var images = ShiftImages.Distinct(2, 3, 5, 6);
        const long width = 6;
        var back = plugin.Apply(plugin.Apply(images, ShiftPlugins.Direction(plugin, "right"), 0), ShiftPlugins.Direction(plugin, "left"), 0);

        back.narrow(3, 0, width - pixels).equal(images.narrow(3, 0, width - pixels)).Should().BeTrue("the columns that stayed inside come back exactly");
        var border = images.narrow(3, width - 1 - pixels, 1).expand([2, 3, 5, pixels]);
        back.narrow(3, width - pixels, pixels).equal(border).Should().BeTrue("the last columns replicate column W - 1 - p");
        back.equal(images).Should().BeFalse("the content lost past the edge does not come back");
    }
}
