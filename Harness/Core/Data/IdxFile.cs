using System.Buffers.Binary;
using System.IO.Compression;

namespace AdvCam.Core.Data;

/// <summary>
/// Reads one gzip'd IDX file of unsigned bytes (the format of MNIST and Fashion-MNIST): a big-endian header
/// (magic <c>0x000008DD</c> with DD the number of dimensions, then one 32-bit size per dimension) followed by exactly
/// the product of the sizes in bytes. Every problem is an <see cref="InvalidDataException"/> whose message names the
/// file.
/// </summary>
internal static class IdxFile
{
    /// <summary>Magic number of an IDX file of unsigned bytes with three dimensions (images).</summary>
    internal const int ImagesMagic = 0x00000803;

    /// <summary>Magic number of an IDX file of unsigned bytes with one dimension (labels).</summary>
    internal const int LabelsMagic = 0x00000801;

    /// <summary>
    /// The sizes and the data of <paramref name="path"/>, which must carry <paramref name="magic"/> (and so
    /// <c>magic &amp; 0xFF</c> dimensions) and exactly as many data bytes as the sizes promise.
    /// </summary>
    internal static (int[] Sizes, byte[] Data) Read(string path, int magic)
    {
        var dims = magic & 0xFF;
        using var file = File.OpenRead(path);
        Span<byte> gzipMagic = stackalloc byte[2];
        if (file.ReadAtLeast(gzipMagic, 2, throwOnEndOfStream: false) < 2 || gzipMagic[0] != 0x1F || gzipMagic[1] != 0x8B)
            throw Invalid(path, "not a gzip file (it does not start with the gzip signature 1F 8B)");
        file.Position = 0;
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        try
        {
            return ReadIdx(gzip, path, magic, dims);
        }
        catch (InvalidDataException e) when (!e.Message.StartsWith(path, StringComparison.Ordinal))
        {
            // GZipStream's own complaints (corrupt deflate data, bad CRC) do not say which file.
            throw Invalid(path, $"corrupt gzip data ({e.Message})", e);
        }
    }

    private static (int[] Sizes, byte[] Data) ReadIdx(Stream gzip, string path, int magic, int dims)
    {
        var header = new byte[4 + 4 * dims];
        var got = gzip.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        if (got < header.Length)
            throw Invalid(path, $"truncated header: {got} bytes where the IDX header takes {header.Length}");
        var actualMagic = BinaryPrimitives.ReadInt32BigEndian(header);
        if (actualMagic != magic)
            throw Invalid(path, $"wrong magic number 0x{actualMagic:X8}, expected 0x{magic:X8}");
        var sizes = new int[dims];
        long total = 1;
        for (var d = 0; d < dims; d++)
        {
            sizes[d] = BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(4 + 4 * d));
            if (sizes[d] <= 0) throw Invalid(path, $"dimension {d} has size {sizes[d]}; sizes must be positive");
            total *= sizes[d];
            if (total > Array.MaxLength) throw Invalid(path, $"the sizes [{string.Join(", ", sizes.Take(d + 1))}] promise more than {Array.MaxLength} bytes");
        }
        var data = new byte[total];
        got = gzip.ReadAtLeast(data, data.Length, throwOnEndOfStream: false);
        if (got < data.Length)
            throw Invalid(path, $"truncated: the header promises {data.Length} data bytes ([{string.Join(", ", sizes)}]) but the file holds {got}");
        Span<byte> extra = stackalloc byte[1];
        if (gzip.Read(extra) > 0)
            throw Invalid(path, $"trailing data after the {data.Length} data bytes the header promises ([{string.Join(", ", sizes)}])");
        return (sizes, data);
    }

    /// <summary>An <see cref="InvalidDataException"/> that starts with the file's path.</summary>
    internal static InvalidDataException Invalid(string path, string problem, Exception? inner = null) =>
        new($"{path}: {problem}", inner);
}
