using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace AdvCam.Core.Data.Formats;

/// <summary>
/// A small encoder of 8-bit palette PNGs (colour type 3), the format of VOC segmentation masks, which stb cannot
/// write: signature, IHDR (bit depth 8, colour type 3, no interlace), PLTE, one IDAT (zlib, filter type 0 on every
/// row), IEND, each chunk with its CRC-32. Readers that expand palettes (stb) see the colours; readers that keep
/// them (PIL's mode "P") see the indices.
/// </summary>
public static class PalettePng
{
    private static readonly byte[] Signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>
    /// Encodes <paramref name="indices"/> (<paramref name="height"/> rows of <paramref name="width"/> bytes) with
    /// <paramref name="palette"/> (R, G, B per entry, 1 to 256 entries).
    /// </summary>
    /// <exception cref="ArgumentException">The sizes do not match, the palette is not 1..256 RGB entries, or an index has no entry.</exception>
    public static byte[] Encode(ReadOnlySpan<byte> indices, int width, int height, ReadOnlySpan<byte> palette)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        if ((long)width * height != indices.Length)
            throw new ArgumentException($"{indices.Length} indices do not make an image of {height} rows of {width}", nameof(indices));
        if (palette.Length == 0 || palette.Length % 3 != 0 || palette.Length > 3 * 256)
            throw new ArgumentException($"a palette has 1 to 256 RGB entries (3 to 768 bytes), got {palette.Length} bytes", nameof(palette));
        var entries = palette.Length / 3;
        if (entries < 256)
        {
            for (var p = 0; p < indices.Length; p++)
            {
                if (indices[p] >= entries)
                    throw new ArgumentException($"pixel (row {p / width}, column {p % width}) has index {indices[p]}, but the palette has only {entries} entries", nameof(indices));
            }
        }

        using var png = new MemoryStream();
        png.Write(Signature);
        Span<byte> header = stackalloc byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header[4..], height);
        header[8] = 8;  // bit depth
        header[9] = 3;  // colour type: palette
        header[10] = 0; // compression: deflate
        header[11] = 0; // filter method: adaptive (we use filter type 0 on every row)
        header[12] = 0; // no interlace
        WriteChunk(png, "IHDR", header);
        WriteChunk(png, "PLTE", palette);
        WriteChunk(png, "IDAT", Compress(indices, width, height));
        WriteChunk(png, "IEND", []);
        return png.ToArray();
    }

    private static byte[] Compress(ReadOnlySpan<byte> indices, int width, int height)
    {
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            ReadOnlySpan<byte> none = [0];
            for (var y = 0; y < height; y++)
            {
                zlib.Write(none);
                zlib.Write(indices.Slice(y * width, width));
            }
        }
        return compressed.ToArray();
    }

    private static void WriteChunk(Stream png, string type, ReadOnlySpan<byte> data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        png.Write(word);
        var typeBytes = Encoding.ASCII.GetBytes(type);
        png.Write(typeBytes);
        png.Write(data);
        BinaryPrimitives.WriteUInt32BigEndian(word, PngCrc32.Compute(typeBytes, data));
        png.Write(word);
    }
}
