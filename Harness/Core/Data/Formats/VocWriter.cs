using System.Text;
using AdvCam.Torch;
using TorchImage = AdvCam.Torch.IO.Image;

namespace AdvCam.Core.Data.Formats;

/// <summary>
/// Writes a split of a PASCAL VOC segmentation data set (<see cref="VocLayout"/>): each image as a PNG
/// <c>JPEGImages/&lt;id&gt;.png</c> (lossless: the name keeps VOC's folder, the extension says what the file is),
/// each mask as a palette PNG <c>SegmentationClass/&lt;id&gt;.png</c> with the <see cref="VocColormap"/>, and the
/// ids in <c>ImageSets/Segmentation/&lt;split&gt;.txt</c>. Every file is written atomically; the list file is written
/// last, so a write that fails part-way leaves the split's previous list (if any) in place.
/// </summary>
public static class VocWriter
{
    /// <summary>
    /// Writes <paramref name="entries"/> as split <paramref name="split"/> under <paramref name="root"/> (created if
    /// needed), replacing files of the same ids and the split's list. Images are float <c>[3, H, W]</c> (or
    /// <c>[1, H, W]</c> grey) in [0, 1], stored as 8 bits (clamped, rounded); masks are integer <c>[H, W]</c> with
    /// indices 0..255 (<see cref="VocColormap.IgnoreIndex"/> = ignore). Tensors may be on any device.
    /// </summary>
    /// <returns>The ids written, in order.</returns>
    /// <exception cref="ArgumentException">
    /// The split or an id is not a plain name, an id repeats, a tensor has the wrong type or shape, image and mask
    /// differ in size, or a mask index is outside 0..255; the message names the entry.
    /// </exception>
    /// <exception cref="IOException">An entry's files would resolve outside the root, or another image of the id exists (<c>&lt;id&gt;.jpg</c>), which would make the data set ambiguous.</exception>
    public static IReadOnlyList<string> Write(string root, string split, IEnumerable<(string id, Tensor image, Tensor mask)> entries)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        ArgumentNullException.ThrowIfNull(split);
        ArgumentNullException.ThrowIfNull(entries);
        if (ContainedPath.Problem(split) is { } splitProblem)
            throw new ArgumentException($"VOC split name '{split}' is refused: {splitProblem}", nameof(split));
        var fullRoot = Path.GetFullPath(root);
        var imageFolder = Path.Combine(fullRoot, VocLayout.ImageFolder);
        var maskFolder = Path.Combine(fullRoot, VocLayout.MaskFolder);
        var listPath = VocLayout.ListPath(fullRoot, split);
        Directory.CreateDirectory(imageFolder);
        Directory.CreateDirectory(maskFolder);
        Directory.CreateDirectory(Path.GetDirectoryName(listPath)!);
        var realRoot = ContainedPath.RealPath(fullRoot);
        CheckContained(listPath, realRoot, $"the list file of split '{split}'");

        var written = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var number = 0;
        foreach (var (id, image, mask) in entries)
        {
            using var scope = torch.NewDisposeScope();
            var entry = $"entry {number++} ('{id}')";
            ArgumentNullException.ThrowIfNull(id, nameof(entries));
            if (ContainedPath.Problem(id) is { } problem) throw new ArgumentException($"VOC {entry} is refused: {problem}", nameof(entries));
            if (!seen.Add(id)) throw new ArgumentException($"VOC {entry} repeats an id", nameof(entries));
            if (image is null || mask is null) throw new ArgumentException($"VOC {entry} has no image or no mask", nameof(entries));
            if (!image.dtype.IsFloatingPoint() || image.dim() != 3 || image.size(0) is not (1 or 3))
                throw new ArgumentException($"VOC {entry}: the image must be float [3, H, W] or [1, H, W], got {image.dtype} {image.ShapeText}", nameof(entries));
            if (mask.dtype.IsFloatingPoint() || mask.dtype == ScalarType.Bool || mask.dim() != 2)
                throw new ArgumentException($"VOC {entry}: the mask must be an integer [H, W], got {mask.dtype} {mask.ShapeText}", nameof(entries));
            if (image.size(1) != mask.size(0) || image.size(2) != mask.size(1))
                throw new ArgumentException($"VOC {entry}: image {image.ShapeText} and mask {mask.ShapeText} differ in size", nameof(entries));

            var imagePath = VocLayout.WrittenImagePath(fullRoot, id);
            var maskPath = VocLayout.MaskPath(fullRoot, id);
            foreach (var other in VocLayout.ImageExtensions.Where(e => e != VocLayout.WrittenImageExtension))
            {
                foreach (var variant in new[] { id + other, id + other.ToUpperInvariant() })
                {
                    if (File.Exists(Path.Combine(imageFolder, variant)))
                        throw new IOException($"VOC {entry}: '{Path.Combine(imageFolder, variant)}' exists, and a second image '{imagePath}' would make the id ambiguous; remove it first");
                }
            }
            CheckContained(imagePath, realRoot, entry);
            CheckContained(maskPath, realRoot, entry);

            var indices = MaskBytes(mask, entry);
            var png = PalettePng.Encode(indices, checked((int)mask.size(1)), checked((int)mask.size(0)), VocColormap.PaletteSpan);
            AtomicWrite.WriteAllBytes(imagePath, TorchImage.EncodePng(TorchImage.FromFloatChw(image)));
            AtomicWrite.WriteAllBytes(maskPath, png);
            written.Add(id);
        }
        var list = new StringBuilder();
        foreach (var id in written) list.Append(id).Append('\n');
        AtomicWrite.WriteAllBytes(listPath, Encoding.UTF8.GetBytes(list.ToString()));
        return written;
    }

    /// <summary>The mask's indices as bytes, refusing any outside 0..255 (called inside a dispose scope).</summary>
    private static byte[] MaskBytes(Tensor mask, string entry)
    {
        var values = mask.cpu().to(ScalarType.Int64).ToArray<long>();
        var width = mask.size(1);
        var bytes = new byte[values.Length];
        for (var p = 0; p < values.Length; p++)
        {
            var v = values[p];
            if (v is < 0 or > 255)
                throw new ArgumentException($"VOC {entry}: mask index {v} at row {p / width}, column {p % width} is outside 0..255", "entries");
            bytes[p] = (byte)v;
        }
        return bytes;
    }

    private static void CheckContained(string path, string realRoot, string what)
    {
        var real = ContainedPath.RealPath(path);
        if (!ContainedPath.IsUnder(real, realRoot))
            throw new IOException($"VOC {what}: '{path}' resolves to '{real}', outside the root '{realRoot}'");
    }
}
