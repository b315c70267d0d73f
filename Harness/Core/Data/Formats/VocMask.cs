using System.Buffers.Binary;
using AdvCam.Torch;
using TorchImage = AdvCam.Torch.IO.Image;

namespace AdvCam.Core.Data.Formats;

/// <summary>
/// Decodes a VOC mask file to class indices: through stb (which expands palettes to RGB), each colour mapped back to
/// its index with the <see cref="VocColormap"/>; a grey image's values are the indices themselves.
/// </summary>
internal static class VocMask
{
    private static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>
    /// The indices of the mask file <paramref name="bytes"/> (read from <paramref name="path"/>, named in errors) as
    /// int64 <c>[H, W]</c> on the CPU, in the caller's dispose scope. Colour images (palette, RGB, RGBA: alpha is
    /// ignored) go through the colormap; grey images (grey, grey+alpha) give their values, 1-, 2- and 4-bit grey PNGs
    /// their raw values (stb's scaling to 0..255 undone).
    /// </summary>
    /// <exception cref="InvalidDataException">The file cannot be decoded, is a 16-bit grey PNG, or has a colour that is not in the colormap.</exception>
    public static Tensor Decode(byte[] bytes, string path)
    {
        var (bitDepth, colourType) = PngHeader(bytes);
        if (bitDepth == 16 && colourType is 0 or 4)
            throw new InvalidDataException($"mask '{path}' is a 16-bit grey PNG; masks must have 8-bit indices (a palette PNG or an 8-bit grey PNG)");
        long height, width, channels;
        byte[] pixels;
        using (var decoded = TorchImage.Decode(bytes))
        {
            var shape = decoded.shape;
            (height, width, channels) = (shape[0], shape[1], shape[2]);
            pixels = decoded.ToArray<byte>();
        }
        var count = checked((int)(height * width));
        var indices = new long[count];
        if (channels <= 2)
        {
            // stb scales grey of bit depth 1, 2, 4 to 0..255 by exact multiples (255, 85, 17): undo it.
            var scale = colourType == 0 && bitDepth is 1 or 2 or 4 ? 255 / ((1 << bitDepth) - 1) : 1;
            for (var p = 0; p < count; p++) indices[p] = pixels[p * channels] / scale;
        }
        else
        {
            for (var p = 0; p < count; p++)
            {
                var o = p * (int)channels;
                var (r, g, b) = (pixels[o], pixels[o + 1], pixels[o + 2]);
                if (!VocColormap.TryIndexOf(r, g, b, out var index))
                    throw new InvalidDataException($"mask '{path}' has colour ({r}, {g}, {b}) at row {p / width}, column {p % width}, which is not in the VOC colormap");
                indices[p] = index;
            }
        }
        return torch.tensor(indices, [height, width]);
    }

    /// <summary>Bit depth and colour type from a PNG's IHDR, or (0, -1) when the bytes are not a PNG.</summary>
    private static (int BitDepth, int ColourType) PngHeader(byte[] bytes)
    {
        // Signature (8), IHDR length (4) and type (4), width (4), height (4), bit depth (1), colour type (1).
        if (bytes.Length < 26 || !bytes.AsSpan(0, 8).SequenceEqual(PngSignature)) return (0, -1);
        if (BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(8)) != 13 || !bytes.AsSpan(12, 4).SequenceEqual("IHDR"u8)) return (0, -1);
        return (bytes[24], bytes[25]);
    }
}
