namespace AdvCam.Core.Data.Formats;

/// <summary>
/// CRC-32 as PNG computes it over each chunk's type and data (ISO 3309 / ITU-T V.42: reflected polynomial
/// 0xEDB88320, initial value and final xor 0xFFFFFFFF). The check value of "123456789" is 0xCBF43926.
/// </summary>
internal static class PngCrc32
{
    private static readonly uint[] Table = MakeTable();

    /// <summary>The CRC-32 of <paramref name="first"/> followed by <paramref name="second"/>.</summary>
    public static uint Compute(ReadOnlySpan<byte> first, ReadOnlySpan<byte> second = default)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in first) crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        foreach (var b in second) crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        return crc ^ 0xFFFFFFFFu;
    }

    private static uint[] MakeTable()
    {
        var table = new uint[256];
        for (var n = 0u; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            table[n] = c;
        }
        return table;
    }
}
