using System.Diagnostics;
using AdvCam.Core.Data.Formats;
using TorchImage = AdvCam.Torch.IO.Image;

namespace AdvCam.Core.Tests.Data.Formats;

public class PalettePngTests
{
    private const string Python = "/usr/bin/python3";

    /// <summary>5 columns, 3 rows of indices 0, 1, 2, 15, 255 shifted by row.</summary>
    private static readonly byte[] Indices = [0, 1, 2, 15, 255, 1, 2, 15, 255, 0, 2, 15, 255, 0, 1];

    [Test]
    public void Crc32_has_the_standard_check_value()
    {
        PngCrc32.Compute("123456789"u8).Should().Be(0xCBF43926u);
        PngCrc32.Compute("1234"u8, "56789"u8).Should().Be(0xCBF43926u);
        // The CRC of an IEND chunk, as every PNG ends with it.
        PngCrc32.Compute("IEND"u8).Should().Be(0xAE426082u);
    }

    [Test]
    public void Stb_expands_a_palette_png_to_the_VOC_colours()
    {
        using var scope = torch.NewDisposeScope();
        var png = PalettePng.Encode(Indices, 5, 3, VocColormap.Palette());
        var rgb = TorchImage.Decode(png);
        rgb.shape.Should().Equal(3, 5, 3);
        var pixels = rgb.ToArray<byte>();
        for (var p = 0; p < Indices.Length; p++)
        {
            var (r, g, b) = VocColormap.Color(Indices[p]);
            pixels.AsSpan(3 * p, 3).ToArray().Should().Equal(new[] { r, g, b }, $"pixel {p} has index {Indices[p]}");
        }
        TorchImage.Decode(png).ToArray<byte>().AsSpan(3 * 3, 3).ToArray().Should().Equal(192, 128, 128); // index 15
    }

    [Test]
    public void A_short_palette_works_and_an_index_beyond_it_is_refused()
    {
        using var scope = torch.NewDisposeScope();
        byte[] palette = [10, 20, 30, 40, 50, 60];
        var png = PalettePng.Encode([0, 1, 1, 0], 2, 2, palette);
        TorchImage.Decode(png).ToArray<byte>().Should().Equal(10, 20, 30, 40, 50, 60, 40, 50, 60, 10, 20, 30);
        FluentActions.Invoking(() => PalettePng.Encode([0, 2, 1, 0], 2, 2, palette))
            .Should().Throw<ArgumentException>().WithMessage("*row 0, column 1*index 2*2 entries*");
    }

    [Test]
    public void Bad_arguments_are_refused()
    {
        var palette = VocColormap.Palette();
        FluentActions.Invoking(() => PalettePng.Encode([0, 0, 0], 2, 2, palette)).Should().Throw<ArgumentException>().WithMessage("*3 indices*");
        FluentActions.Invoking(() => PalettePng.Encode([0, 0], 2, 1, [1, 2])).Should().Throw<ArgumentException>().WithMessage("*palette*");
        FluentActions.Invoking(() => PalettePng.Encode([0, 0], 2, 1, new byte[771])).Should().Throw<ArgumentException>().WithMessage("*palette*");
        FluentActions.Invoking(() => PalettePng.Encode([], 0, 1, palette)).Should().Throw<ArgumentOutOfRangeException>();
    }

    [Test]
    public void Pil_reads_the_png_as_mode_P_with_the_indices_and_palette()
    {
        Assume.That(PilAvailable(), "Debian's python3 with PIL is not installed");
        using var folder = new TempFolder();
        var path = folder["mask.png"];
        File.WriteAllBytes(path, PalettePng.Encode(Indices, 5, 3, VocColormap.Palette()));
        const string script = "import sys; from PIL import Image; im = Image.open(sys.argv[1]); im.load(); "
            + "print(im.mode, im.size[0], im.size[1]); print(' '.join(str(v) for v in im.getdata())); "
            + "print(' '.join(str(v) for v in im.getpalette()[:48]))";
        var output = RunPython(script, path);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines[0].Should().Be("P 5 3");
        lines[1].Should().Be(string.Join(' ', Indices));
        lines[2].Should().Be(string.Join(' ', VocColormap.Palette().Take(48)));
    }

    internal static bool PilAvailable()
    {
        if (!File.Exists(Python)) return false;
        try
        {
            RunPython("import PIL");
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    internal static string RunPython(string script, params string[] args)
    {
        var info = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(script);
        foreach (var a in args) info.ArgumentList.Add(a);
        using var process = Process.Start(info) ?? throw new InvalidOperationException("python3 did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"python3 failed ({process.ExitCode}): {stderr}");
        return stdout.Result.Replace("\r", "", StringComparison.Ordinal);
    }
}
