using AdvCam.Torch.Interop;

namespace AdvCam.Torch.IO;

/// <summary>
/// Image files through stb (Debian's libstb): PNG, JPEG, BMP, GIF (first frame), TGA, PSD, HDR, PIC and PNM are
/// decoded to uint8 tensors <c>[H, W, C]</c>; PNG is written. <see cref="ToFloatChw"/> and
/// <see cref="FromFloatChw"/> convert to and from the float <c>[C, H, W]</c> layout in [0, 1] that models take.
/// </summary>
public static class Image
{
    private const string BufferSource = "<buffer>";

    /// <summary>
    /// Decodes an encoded image into a uint8 tensor <c>[H, W, C]</c> on the CPU. <paramref name="channels"/> 0 keeps
    /// the file's channel count; 1 to 4 converts to grey, grey+alpha, RGB or RGBA. 16-bit images are reduced to 8 bits.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="channels"/> is not 0..4.</exception>
    /// <exception cref="InvalidDataException">The bytes are empty, corrupt or of an unknown format; the message says why.</exception>
    public static Tensor Decode(ReadOnlySpan<byte> bytes, int channels = 0) => DecodeCore(bytes, channels, BufferSource);

    /// <summary>Reads and decodes the image file at <paramref name="path"/> (see <see cref="Decode"/>).</summary>
    /// <exception cref="FileNotFoundException">There is no file at <paramref name="path"/>.</exception>
    /// <exception cref="InvalidDataException">The file cannot be decoded; the message names it and the problem.</exception>
    public static Tensor Load(string path, int channels = 0)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        CheckChannels(channels);
        return DecodeCore(File.ReadAllBytes(path), channels, path);
    }

    /// <summary>Encodes a uint8 image <c>[H, W, C]</c> (C = 1 grey, 2 grey+alpha, 3 RGB, 4 RGBA; any device) as PNG.</summary>
    /// <exception cref="ArgumentException">The tensor is not uint8 <c>[H, W, C]</c> with C in 1..4 and H, W at least 1.</exception>
    public static byte[] EncodePng(Tensor image)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (image.dtype != ScalarType.Byte)
            throw new ArgumentException($"PNG encoding needs a uint8 image, got {image.dtype}", nameof(image));
        var shape = image.shape;
        if (shape.Length != 3 || shape[2] < 1 || shape[2] > 4)
            throw new ArgumentException($"PNG encoding needs an image [H, W, C] with C in 1..4, got {image.ShapeText}", nameof(image));
        if (shape[0] < 1 || shape[1] < 1)
            throw new ArgumentException($"PNG encoding needs a non-empty image, got {image.ShapeText}", nameof(image));
        if (shape[0] > int.MaxValue || shape[1] * shape[2] > int.MaxValue)
            throw new ArgumentException($"image {image.ShapeText} is too large for PNG encoding", nameof(image));
        using var png = Tensor.Wrap(NativeMethods.advt_image_encode_png(image.Handle), "encode_png");
        return png.ToArray<byte>();
    }

    /// <summary>Writes a uint8 image <c>[H, W, C]</c> as a PNG file, atomically (a temporary file replaces the target).</summary>
    /// <exception cref="ArgumentException">The tensor is not a uint8 <c>[H, W, C]</c> image with C in 1..4.</exception>
    public static void SavePng(string path, Tensor image)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var bytes = EncodePng(image);
        AtomicFile.WriteAllBytes(path, bytes);
    }

    /// <summary>
    /// uint8 <c>[H, W, C]</c> to float32 <c>[C, H, W]</c> with values in [0, 1] (divided by 255), contiguous, on the
    /// same device; a batch <c>[N, H, W, C]</c> becomes <c>[N, C, H, W]</c>.
    /// </summary>
    /// <exception cref="ArgumentException">The tensor is not uint8 with 3 or 4 dimensions.</exception>
    public static Tensor ToFloatChw(Tensor hwcUint8)
    {
        ArgumentNullException.ThrowIfNull(hwcUint8);
        if (hwcUint8.dtype != ScalarType.Byte)
            throw new ArgumentException($"ToFloatChw needs a uint8 image, got {hwcUint8.dtype}", nameof(hwcUint8));
        var dims = hwcUint8.dim();
        if (dims is not (3 or 4))
            throw new ArgumentException($"ToFloatChw needs [H, W, C] or [N, H, W, C], got {hwcUint8.ShapeText}", nameof(hwcUint8));
        using var chw = dims == 3 ? hwcUint8.permute(2, 0, 1) : hwcUint8.permute(0, 3, 1, 2);
        using var packed = chw.contiguous();
        using var asFloat = packed.to(ScalarType.Float32);
        return asFloat.div(255.0);
    }

    /// <summary>
    /// Float <c>[C, H, W]</c> in [0, 1] to uint8 <c>[H, W, C]</c>: clamped to [0, 1], scaled by 255 and rounded (half
    /// to even), contiguous, on the same device, not recorded by autograd; a batch <c>[N, C, H, W]</c> becomes
    /// <c>[N, H, W, C]</c>. NaN gives an unspecified byte.
    /// </summary>
    /// <exception cref="ArgumentException">The tensor is not floating point with 3 or 4 dimensions.</exception>
    public static Tensor FromFloatChw(Tensor chw)
    {
        ArgumentNullException.ThrowIfNull(chw);
        if (!chw.dtype.IsFloatingPoint())
            throw new ArgumentException($"FromFloatChw needs a floating-point image, got {chw.dtype}", nameof(chw));
        var dims = chw.dim();
        if (dims is not (3 or 4))
            throw new ArgumentException($"FromFloatChw needs [C, H, W] or [N, C, H, W], got {chw.ShapeText}", nameof(chw));
        using var detached = chw.detach();
        using var clamped = detached.clamp(0.0, 1.0);
        using var scaled = clamped.mul(255.0);
        using var rounded = scaled.round();
        using var bytes = rounded.to(ScalarType.Byte);
        using var hwc = dims == 3 ? bytes.permute(1, 2, 0) : bytes.permute(0, 2, 3, 1);
        return hwc.contiguous();
    }

    private static void CheckChannels(int channels)
    {
        if (channels is < 0 or > 4)
            throw new ArgumentOutOfRangeException(nameof(channels), channels, "channels must be 0 (as stored) or 1..4");
    }

    private static unsafe Tensor DecodeCore(ReadOnlySpan<byte> bytes, int channels, string source)
    {
        CheckChannels(channels);
        if (bytes.IsEmpty) throw new InvalidDataException($"cannot decode image '{source}': empty image data");
        IntPtr handle;
        fixed (byte* p = bytes) handle = NativeMethods.advt_image_decode(p, bytes.Length, channels);
        if (handle != IntPtr.Zero) return Tensor.Wrap(handle, "image_decode");
        var error = Tensor.LastError("image_decode");
        const string prefix = "cannot decode image: ";
        var reason = error.NativeMessage.StartsWith(prefix, StringComparison.Ordinal) ? error.NativeMessage[prefix.Length..] : error.NativeMessage;
        throw new InvalidDataException($"cannot decode image '{source}': {Explain(reason)}", error);
    }

    /// <summary>stb's terse failure reasons, with a hint added for the common ones.</summary>
    private static string Explain(string reason) => reason switch
    {
        "outofdata" => "outofdata (the data ends early: truncated file?)",
        "unknown image type" => "unknown image type (not PNG, JPEG, BMP, GIF, TGA, PSD, HDR, PIC or PNM)",
        _ => reason,
    };
}
