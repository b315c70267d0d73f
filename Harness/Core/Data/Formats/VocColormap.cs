namespace AdvCam.Core.Data.Formats;

/// <summary>
/// The PASCAL VOC colormap of segmentation masks, as the devkit's <c>labelcolormap</c> builds it: for index
/// <c>i</c>, bit <c>3k</c> of <c>i</c> sets bit <c>7 - k</c> of red, bit <c>3k + 1</c> of green and bit <c>3k + 2</c>
/// of blue (k = 0, 1, 2). So 0 = (0, 0, 0) background, 1 = (128, 0, 0), 2 = (0, 128, 0), 15 = (192, 128, 128) and
/// 255 = (224, 224, 192), the "ignore" colour of object borders. The 256 colours are distinct, so a colour gives its
/// index back (<see cref="TryIndexOf"/>).
/// </summary>
public static class VocColormap
{
    /// <summary>The index VOC uses for pixels that no loss or metric counts (object borders, difficult regions).</summary>
    public const int IgnoreIndex = 255;

    /// <summary>Number of colours: one per 8-bit index.</summary>
    public const int Size = 256;

    private static readonly byte[] palette = MakePalette();

    /// <summary>The bits of an index that each channel value stands for, or -1 for a value no index gives.</summary>
    private static readonly int[] redBits = InverseBits(0), greenBits = InverseBits(1), blueBits = InverseBits(2);

    /// <summary>The colour of <paramref name="index"/> (0..255).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is not 0..255.</exception>
    public static (byte R, byte G, byte B) Color(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Size);
        return (palette[3 * index], palette[3 * index + 1], palette[3 * index + 2]);
    }

    /// <summary>The whole colormap as 768 bytes R, G, B of index 0, then of index 1, and so on (a copy: PNG's PLTE layout).</summary>
    public static byte[] Palette() => (byte[])palette.Clone();

    /// <summary>The colormap without copying (PNG's PLTE layout).</summary>
    internal static ReadOnlySpan<byte> PaletteSpan => palette;

    /// <summary>The index whose colour is (<paramref name="r"/>, <paramref name="g"/>, <paramref name="b"/>); false when no index has that colour.</summary>
    public static bool TryIndexOf(byte r, byte g, byte b, out byte index)
    {
        var bits = redBits[r] | greenBits[g] | blueBits[b];
        index = (byte)bits;
        return bits >= 0;
    }

    private static byte[] MakePalette()
    {
        var result = new byte[3 * Size];
        for (var i = 0; i < Size; i++)
        {
            int r = 0, g = 0, b = 0, c = i;
            for (var k = 0; k < 8; k++)
            {
                r |= ((c >> 0) & 1) << (7 - k);
                g |= ((c >> 1) & 1) << (7 - k);
                b |= ((c >> 2) & 1) << (7 - k);
                c >>= 3;
            }
            result[3 * i] = (byte)r;
            result[3 * i + 1] = (byte)g;
            result[3 * i + 2] = (byte)b;
        }
        return result;
    }

    /// <summary>For each value of channel <paramref name="channel"/>: the index bits it encodes, or -1 when it has bits no index sets.</summary>
    private static int[] InverseBits(int channel)
    {
        var table = new int[256];
        Array.Fill(table, -1);
        // Each channel is an OR of independent bits, so the channel value of an index with only its own bits set
        // (the others zero) gives the inverse exactly.
        for (var i = 0; i < Size; i++)
        {
            var own = 0;
            for (var bit = channel; bit < 8; bit += 3) own |= i & (1 << bit);
            if (own != i) continue;
            table[palette[3 * i + channel]] = i;
        }
        return table;
    }
}
