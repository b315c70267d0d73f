using AdvCam.Torch.IO;

namespace AdvCam.Torch.Tests.IO;

/// <summary>Image decode (stb) and PNG encode, and the float CHW converters.</summary>
public class ImageTests
{
    private static readonly byte[] PngSignature = { 137, 80, 78, 71, 13, 10, 26, 10 };

    /// <summary>An 16x8 solid (200, 100, 50) JPEG, quality 95, written by PIL (which decodes it to exactly that colour).</summary>
    private const string SolidJpegBase64 =
        "/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAIBAQEBAQIBAQECAgICAgQDAgICAgUEBAMEBgUGBgYFBgYGBwkIBgcJBwYGCAsICQoKCgoKBggLDAsKDAkKCgr/"
        + "2wBDAQICAgICAgUDAwUKBwYHCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgr/wAARCAAIABADASIAAhEBAxEB/8QAHwAA"
        + "AQUBAQEBAQEAAAAAAAAAAAECAwQFBgcICQoL/8QAtRAAAgEDAwIEAwUFBAQAAAF9AQIDAAQRBRIhMUEGE1FhByJxFDKBkaEII0KxwRVS0fAkM2JyggkKFhcYGRol"
        + "JicoKSo0NTY3ODk6Q0RFRkdISUpTVFVWV1hZWmNkZWZnaGlqc3R1dnd4eXqDhIWGh4iJipKTlJWWl5iZmqKjpKWmp6ipqrKztLW2t7i5usLDxMXGx8jJytLT1NXW"
        + "19jZ2uHi4+Tl5ufo6erx8vP09fb3+Pn6/8QAHwEAAwEBAQEBAQEBAQAAAAAAAAECAwQFBgcICQoL/8QAtREAAgECBAQDBAcFBAQAAQJ3AAECAxEEBSExBhJBUQdh"
        + "cRMiMoEIFEKRobHBCSMzUvAVYnLRChYkNOEl8RcYGRomJygpKjU2Nzg5OkNERUZHSElKU1RVVldYWVpjZGVmZ2hpanN0dXZ3eHl6goOEhYaHiImKkpOUlZaXmJma"
        + "oqOkpaanqKmqsrO0tba3uLm6wsPExcbHyMnK0tPU1dbX2Nna4uPk5ebn6Onq8vP09fb3+Pn6/9oADAMBAAIRAxEAPwDPooor+Vz+2D//2Q==";

    private string folder = null!;

    [SetUp]
    public void CreateFolder()
    {
        folder = Path.Combine(Path.GetTempPath(), "advcam-image-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
    }

    [TearDown]
    public void DeleteFolder() => Directory.Delete(folder, recursive: true);

    /// <summary>A deterministic uint8 image [h, w, c] with varied values.</summary>
    private static Tensor Synthetic(int h, int w, int c)
    {
        var data = new byte[h * w * c];
        for (var i = 0; i < data.Length; i++) data[i] = (byte)((i * 37 + i / 7) % 256);
        return torch.tensor(data, new long[] { h, w, c });
    }

    [TestCase(1, TestName = "Png_round_trip_grey")]
    [TestCase(2, TestName = "Png_round_trip_grey_alpha")]
    [TestCase(3, TestName = "Png_round_trip_rgb")]
    [TestCase(4, TestName = "Png_round_trip_rgba")]
    public void Png_encode_then_decode_gives_the_same_pixels(int channels)
    {
        using var scope = torch.NewDisposeScope();
        var image = Synthetic(5, 7, channels);
        var png = Image.EncodePng(image);
        png.Take(8).Should().Equal(PngSignature);

        var decoded = Image.Decode(png);
        decoded.dtype.Should().Be(ScalarType.Byte);
        decoded.shape.Should().Equal(5, 7, channels);
        decoded.ToArray<byte>().Should().Equal(image.ToArray<byte>());
    }

    [Test]
    public void Decode_converts_channels_on_request()
    {
        using var scope = torch.NewDisposeScope();
        var grey = torch.tensor(new byte[] { 10, 20, 30, 40 }, new long[] { 2, 2, 1 });
        var rgb = Image.Decode(Image.EncodePng(grey), channels: 3);
        rgb.shape.Should().Equal(2, 2, 3);
        rgb.ToArray<byte>().Should().Equal(10, 10, 10, 20, 20, 20, 30, 30, 30, 40, 40, 40);
        var rgba = Image.Decode(Image.EncodePng(grey), channels: 4);
        rgba.ToArray<byte>().Take(4).Should().Equal(10, 10, 10, 255);
    }

    [Test]
    public void SavePng_then_Load_round_trips_through_a_file()
    {
        using var scope = torch.NewDisposeScope();
        var image = Synthetic(9, 4, 3);
        var path = Path.Combine(folder, "image.png");
        File.WriteAllText(path, "old");
        Image.SavePng(path, image);
        Directory.GetFiles(folder).Should().ContainSingle("the temporary file is renamed onto the target");
        Image.Load(path).ToArray<byte>().Should().Equal(image.ToArray<byte>());
    }

    [Test]
    public void A_hand_built_24_bit_bmp_decodes_to_its_pixels()
    {
        using var scope = torch.NewDisposeScope();
        // 2x2, bottom-up rows of BGR pixels padded to 4 bytes. Image: red, green / blue, white.
        var bmp = new byte[]
        {
            (byte)'B', (byte)'M', 70, 0, 0, 0, 0, 0, 0, 0, 54, 0, 0, 0,              // file header: size 70, pixels at 54
            40, 0, 0, 0, 2, 0, 0, 0, 2, 0, 0, 0, 1, 0, 24, 0,                        // info header: 2x2, 1 plane, 24 bpp
            0, 0, 0, 0, 16, 0, 0, 0, 0x13, 0x0B, 0, 0, 0x13, 0x0B, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
            255, 0, 0, 255, 255, 255, 0, 0,                                          // bottom row: blue, white
            0, 0, 255, 0, 255, 0, 0, 0,                                              // top row: red, green
        };
        bmp.Length.Should().Be(70);
        var image = Image.Decode(bmp);
        image.shape.Should().Equal(2, 2, 3);
        image.ToArray<byte>().Should().Equal(255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 255);
    }

    [Test]
    public void A_jpeg_written_by_pil_decodes_to_its_colour()
    {
        using var scope = torch.NewDisposeScope();
        var image = Image.Decode(Convert.FromBase64String(SolidJpegBase64));
        image.shape.Should().Equal(8, 16, 3);
        var pixels = image.ToArray<byte>();
        for (var i = 0; i < pixels.Length; i += 3)
        {
            ((int)pixels[i]).Should().BeCloseTo(200, 2);
            ((int)pixels[i + 1]).Should().BeCloseTo(100, 2);
            ((int)pixels[i + 2]).Should().BeCloseTo(50, 2);
        }
    }

    [Test]
    public void Random_bytes_are_refused_and_the_process_goes_on()
    {
        using var scope = torch.NewDisposeScope();
        var junk = new byte[256];
        new Random(7).NextBytes(junk);
        var decode = () => Image.Decode(junk);
        decode.Should().Throw<InvalidDataException>().Which.Message.Should().StartWith("cannot decode image '<buffer>': ").And.NotEndWith(": ");
        Image.Decode(Image.EncodePng(Synthetic(2, 2, 3))).shape.Should().Equal(2, 2, 3);
    }

    [Test]
    public void A_png_cut_in_half_is_refused_and_the_process_goes_on()
    {
        using var scope = torch.NewDisposeScope();
        var png = Image.EncodePng(Synthetic(32, 32, 3));
        var decode = () => Image.Decode(png.AsSpan(0, png.Length / 2));
        decode.Should().Throw<InvalidDataException>().Which.Message.Should().StartWith("cannot decode image '<buffer>': ");
        var corrupt = (byte[])png.Clone();
        corrupt.AsSpan(40, 40).Fill(0xAB);
        var decodeCorrupt = () => Image.Decode(corrupt);
        decodeCorrupt.Should().Throw<InvalidDataException>();
        Image.Decode(png).shape.Should().Equal(32, 32, 3);
        torch.ones(3).sum().item<float>().Should().Be(3f);
    }

    [Test]
    public void Empty_data_and_bad_channel_counts_are_refused()
    {
        var empty = () => Image.Decode(ReadOnlySpan<byte>.Empty);
        empty.Should().Throw<InvalidDataException>().WithMessage("*empty image data*");
        var channels = () => Image.Decode(new byte[] { 1 }, channels: 5);
        channels.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Test]
    public void Load_names_the_path_of_a_missing_or_corrupt_file()
    {
        using var scope = torch.NewDisposeScope();
        var missing = Path.Combine(folder, "missing.png");
        var loadMissing = () => Image.Load(missing);
        loadMissing.Should().Throw<FileNotFoundException>().Which.Message.Should().Contain(missing);

        var corrupt = Path.Combine(folder, "corrupt.png");
        File.WriteAllBytes(corrupt, PngSignature.Concat(new byte[] { 1, 2, 3 }).ToArray());
        var loadCorrupt = () => Image.Load(corrupt);
        loadCorrupt.Should().Throw<InvalidDataException>().Which.Message.Should().StartWith($"cannot decode image '{corrupt}': ");
    }

    [Test]
    public void EncodePng_refuses_what_png_cannot_hold()
    {
        using var scope = torch.NewDisposeScope();
        var asFloat = () => Image.EncodePng(torch.zeros(2, 2, 3));
        asFloat.Should().Throw<ArgumentException>().WithMessage("*uint8*Float32*");
        var fiveChannels = () => Image.EncodePng(torch.zeros(new long[] { 2, 2, 5 }, ScalarType.Byte));
        fiveChannels.Should().Throw<ArgumentException>().WithMessage("*C in 1..4*[2, 2, 5]*");
        var flat = () => Image.EncodePng(torch.zeros(new long[] { 4 }, ScalarType.Byte));
        flat.Should().Throw<ArgumentException>();
        var empty = () => Image.EncodePng(torch.zeros(new long[] { 0, 2, 3 }, ScalarType.Byte));
        empty.Should().Throw<ArgumentException>().WithMessage("*non-empty*");
    }

    [Test]
    public void ToFloatChw_permutes_and_scales_to_unit_range()
    {
        using var scope = torch.NewDisposeScope();
        // [H=1, W=2, C=3]: pixel 0 = (0, 51, 255), pixel 1 = (102, 153, 204).
        var hwc = torch.tensor(new byte[] { 0, 51, 255, 102, 153, 204 }, new long[] { 1, 2, 3 });
        var chw = Image.ToFloatChw(hwc);
        chw.dtype.Should().Be(ScalarType.Float32);
        chw.shape.Should().Equal(3, 1, 2);
        chw.is_contiguous().Should().BeTrue();
        chw.ToArray<float>().Should().Equal(0f, 102f / 255, 51f / 255, 153f / 255, 1f, 204f / 255);

        var batch = Image.ToFloatChw(hwc.unsqueeze(0));
        batch.shape.Should().Equal(1, 3, 1, 2);
    }

    [Test]
    public void FromFloatChw_clamps_scales_rounds_and_permutes()
    {
        using var scope = torch.NewDisposeScope();
        // [C=1, H=2, W=3].
        var chw = torch.tensor(new float[] { -0.5f, 0f, 1f / 255, 0.5f, 1f, 1.5f }, new long[] { 1, 2, 3 });
        var hwc = Image.FromFloatChw(chw);
        hwc.dtype.Should().Be(ScalarType.Byte);
        hwc.shape.Should().Equal(2, 3, 1);
        hwc.ToArray<byte>().Should().Equal(0, 0, 1, 128, 255, 255);

        var image = Synthetic(4, 5, 3);
        Image.FromFloatChw(Image.ToFloatChw(image)).ToArray<byte>().Should().Equal(image.ToArray<byte>());
        var batch = Image.FromFloatChw(Image.ToFloatChw(image.unsqueeze(0)));
        batch.shape.Should().Equal(1, 4, 5, 3);

        var wrongType = () => Image.FromFloatChw(image);
        wrongType.Should().Throw<ArgumentException>();
    }
}
