using AdvCam.Core.Data.Formats;

namespace AdvCam.Core.Tests.Data.Formats;

public class VocColormapTests
{
    [TestCase(0, 0, 0, 0)]
    [TestCase(1, 128, 0, 0)]
    [TestCase(2, 0, 128, 0)]
    [TestCase(3, 128, 128, 0)]
    [TestCase(15, 192, 128, 128)]
    [TestCase(20, 0, 64, 128)]
    [TestCase(255, 224, 224, 192)]
    public void Spot_values_match_the_devkit(int index, int r, int g, int b)
    {
        VocColormap.Color(index).Should().Be(((byte)r, (byte)g, (byte)b));
    }

    [Test]
    public void Every_colour_gives_its_index_back()
    {
        var seen = new HashSet<(byte, byte, byte)>();
        for (var i = 0; i < VocColormap.Size; i++)
        {
            var (r, g, b) = VocColormap.Color(i);
            seen.Add((r, g, b)).Should().BeTrue($"colour of {i} is unique");
            VocColormap.TryIndexOf(r, g, b, out var back).Should().BeTrue();
            back.Should().Be((byte)i);
        }
    }

    [TestCase(1, 0, 0)]
    [TestCase(128, 0, 1)]
    [TestCase(255, 255, 255)]
    [TestCase(0, 0, 32)]
    public void Colours_outside_the_map_have_no_index(int r, int g, int b)
    {
        VocColormap.TryIndexOf((byte)r, (byte)g, (byte)b, out _).Should().BeFalse();
    }

    [Test]
    public void The_palette_is_768_bytes_in_PLTE_order_and_a_copy()
    {
        var palette = VocColormap.Palette();
        palette.Should().HaveCount(768);
        palette.AsSpan(3 * 15, 3).ToArray().Should().Equal(192, 128, 128);
        palette[3] = 7;
        VocColormap.Palette()[3].Should().Be(128);
    }

    [Test]
    public void Indices_outside_0_to_255_are_refused()
    {
        FluentActions.Invoking(() => VocColormap.Color(256)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => VocColormap.Color(-1)).Should().Throw<ArgumentOutOfRangeException>();
    }
}
