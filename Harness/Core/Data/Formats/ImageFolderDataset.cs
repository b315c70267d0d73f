using AdvCam.Torch;
using TorchImage = AdvCam.Torch.IO.Image;

namespace AdvCam.Core.Data.Formats;

/// <summary>
/// A classification data set laid out as torchvision's <c>ImageFolder</c>: one sub-folder of the root per class,
/// the classes sorted by name (ordinal) and numbered from 0, each class's images found in its folder and the folders
/// under it, in torchvision's order (folders sorted by path, then files sorted by name, ordinal). Images are the
/// files ending in <see cref="Extensions"/> (any letter case); other files are skipped. <see cref="Open"/> walks the
/// tree and checks it; images are decoded on <see cref="Load"/>.
/// </summary>
/// <remarks>
/// Unlike torchvision, every entry (class folder, sub-folder, image) must resolve inside the root, symbolic links
/// followed, and none may be the root itself; within a class, a folder reached twice through links is walked once
/// (so link loops end), while two classes may share a folder. Instances are immutable; samples may be loaded from
/// several threads at once.
/// </remarks>
public sealed class ImageFolderDataset
{
    private readonly string[] classes;
    private readonly (string Path, int Label)[] samples;

    private ImageFolderDataset(string root, int channels, string[] classes, (string Path, int Label)[] samples)
    {
        Root = root;
        Channels = channels;
        this.classes = classes;
        this.samples = samples;
    }

    /// <summary>The image extensions, compared ignoring case.</summary>
    public static IReadOnlyList<string> Extensions { get; } = [".png", ".jpg", ".jpeg", ".bmp"];

    /// <summary>
    /// Walks the tree at <paramref name="root"/>. <paramref name="channels"/> is what <see cref="Load"/> converts
    /// images to: 3 RGB (the default, as torchvision's loader), 1 grey, 4 RGBA, 0 as stored.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="channels"/> is not 0..4.</exception>
    /// <exception cref="DirectoryNotFoundException">The root does not exist.</exception>
    /// <exception cref="InvalidDataException">The root has no class folders, a class folder has no images (named), or an entry resolves outside the root (named).</exception>
    public static ImageFolderDataset Open(string root, int channels = 3)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        if (channels is < 0 or > 4) throw new ArgumentOutOfRangeException(nameof(channels), channels, "channels must be 0 (as stored) or 1..4");
        var fullRoot = Path.GetFullPath(root);
        if (!Directory.Exists(fullRoot)) throw new DirectoryNotFoundException($"image-folder root '{fullRoot}' does not exist");
        var realRoot = ContainedPath.RealPath(fullRoot);

        var classFolders = Directory.GetDirectories(fullRoot).Order(StringComparer.Ordinal).ToArray();
        if (classFolders.Length == 0) throw new InvalidDataException($"image-folder root '{fullRoot}' has no class folders (one sub-folder per class)");
        var samples = new List<(string, int)>();
        for (var label = 0; label < classFolders.Length; label++)
        {
            var before = samples.Count;
            var folders = new List<string>();
            Walk(classFolders[label], realRoot, new HashSet<string>(StringComparer.Ordinal), folders);
            foreach (var folder in folders.Order(StringComparer.Ordinal))
            {
                foreach (var file in Directory.GetFiles(folder).Order(StringComparer.Ordinal))
                {
                    if (!Extensions.Any(e => file.EndsWith(e, StringComparison.OrdinalIgnoreCase))) continue;
                    CheckContained(file, realRoot);
                    samples.Add((file, label));
                }
            }
            if (samples.Count == before)
                throw new InvalidDataException(
                    $"image-folder class '{Path.GetFileName(classFolders[label])}' ('{classFolders[label]}') has no images ({string.Join(", ", Extensions)})");
        }
        return new ImageFolderDataset(fullRoot, channels, [.. classFolders.Select(Path.GetFileName).Select(n => n!)], [.. samples]);
    }

    /// <summary>The root folder (absolute).</summary>
    public string Root { get; }

    /// <summary>Channels images are converted to on load (0: as stored).</summary>
    public int Channels { get; }

    /// <summary>The class names (folder names), sorted ordinally; a class's label is its position.</summary>
    public IReadOnlyList<string> Classes => classes;

    /// <summary>Every sample: the image file and its label, in order.</summary>
    public IReadOnlyList<(string Path, int Label)> Samples => samples;

    /// <summary>Number of samples.</summary>
    public int Count => samples.Length;

    /// <summary>Sample <paramref name="index"/>: the image as float32 <c>[C, H, W]</c> in [0, 1] on the CPU, and its label.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is outside 0..Count - 1.</exception>
    /// <exception cref="InvalidDataException">The image cannot be decoded; the message names the file.</exception>
    public (Tensor Image, int Label) Load(int index)
    {
        if ((uint)index >= (uint)samples.Length)
            throw new ArgumentOutOfRangeException(nameof(index), index, $"the image folder has {samples.Length} samples");
        var (path, label) = samples[index];
        Tensor hwc;
        try
        {
            hwc = TorchImage.Load(path, Channels);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"image-folder sample {index} (class '{classes[label]}'): {e.Message}", e);
        }
        using (hwc) return (TorchImage.ToFloatChw(hwc), label);
    }

    /// <summary>Adds <paramref name="folder"/> and the folders under it to <paramref name="folders"/>, each checked to be inside the root and walked once.</summary>
    private static void Walk(string folder, string realRoot, HashSet<string> visited, List<string> folders)
    {
        var real = CheckContained(folder, realRoot);
        if (!visited.Add(real)) return;
        folders.Add(folder);
        foreach (var sub in Directory.GetDirectories(folder)) Walk(sub, realRoot, visited, folders);
    }

    private static string CheckContained(string path, string realRoot)
    {
        var real = ContainedPath.RealPath(path);
        if (real == realRoot) throw new InvalidDataException($"image-folder entry '{path}' resolves to the root '{realRoot}' itself");
        if (!ContainedPath.IsUnder(real, realRoot))
            throw new InvalidDataException($"image-folder entry '{path}' resolves to '{real}', outside the root '{realRoot}'");
        return real;
    }
}
