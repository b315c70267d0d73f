using AdvCam.Torch;
using TorchImage = AdvCam.Torch.IO.Image;

namespace AdvCam.Core.Data.Formats;

/// <summary>
/// One split of a PASCAL VOC segmentation data set on disk (<see cref="VocLayout"/>): the ids of
/// <c>ImageSets/Segmentation/&lt;split&gt;.txt</c>, each with an image and a mask. <see cref="Open"/> checks every
/// entry (its id, that its files exist and resolve inside the root) so that a bad data set fails at once, naming
/// the entry; decoding happens on load. FashionScenes exported with <see cref="FashionScenesVoc"/> are read through
/// this same class.
/// </summary>
/// <remarks>Instances are immutable; entries may be loaded from several threads at once.</remarks>
public sealed class VocDataset
{
    private readonly string[] ids;
    private readonly string[] imagePaths;
    private readonly string[] maskPaths;

    private VocDataset(string root, string split, int? classCount, string[] ids, string[] imagePaths, string[] maskPaths)
    {
        Root = root;
        Split = split;
        ClassCount = classCount;
        this.ids = ids;
        this.imagePaths = imagePaths;
        this.maskPaths = maskPaths;
    }

    /// <summary>
    /// Opens split <paramref name="split"/> of the VOC data set at <paramref name="root"/>. With
    /// <paramref name="classCount"/> (classes counting the background: 21 for VOC 2012, 11 for FashionScenes), loaded
    /// masks may only hold 0..classCount - 1 and <see cref="VocColormap.IgnoreIndex"/>.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="split"/> is not a plain name (empty, '..', a separator, absolute).</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="classCount"/> is not 1..255.</exception>
    /// <exception cref="DirectoryNotFoundException">The root or its <c>JPEGImages</c> folder does not exist.</exception>
    /// <exception cref="FileNotFoundException">The list file, or an entry's image or mask, does not exist; the message names the entry.</exception>
    /// <exception cref="InvalidDataException">The list is empty, or an id is refused (unsafe, duplicated, several images, outside the root); the message names the line.</exception>
    public static VocDataset Open(string root, string split, int? classCount = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        ArgumentNullException.ThrowIfNull(split);
        if (ContainedPath.Problem(split) is { } splitProblem)
            throw new ArgumentException($"VOC split name '{split}' is refused: {splitProblem}", nameof(split));
        if (classCount is { } n && (n < 1 || n > VocColormap.IgnoreIndex))
            throw new ArgumentOutOfRangeException(nameof(classCount), classCount, "a VOC class count is 1..255 (index 255 means ignore)");
        var fullRoot = Path.GetFullPath(root);
        if (!Directory.Exists(fullRoot)) throw new DirectoryNotFoundException($"VOC root '{fullRoot}' does not exist");
        var realRoot = ContainedPath.RealPath(fullRoot);

        var listPath = VocLayout.ListPath(fullRoot, split);
        if (!File.Exists(listPath)) throw new FileNotFoundException($"VOC split '{split}' has no list file '{listPath}'", listPath);
        CheckContained(listPath, realRoot, $"the list file of split '{split}'");
        var lines = File.ReadAllLines(listPath);

        var imageFolder = Path.Combine(fullRoot, VocLayout.ImageFolder);
        if (!Directory.Exists(imageFolder)) throw new DirectoryNotFoundException($"VOC root '{fullRoot}' has no {VocLayout.ImageFolder} folder");
        var imagesById = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(imageFolder))
        {
            var name = Path.GetFileName(file);
            if (!VocLayout.IsImageFile(name)) continue;
            var stem = Path.GetFileNameWithoutExtension(name);
            if (!imagesById.TryGetValue(stem, out var list)) imagesById[stem] = list = new List<string>(1);
            list.Add(file);
        }

        var ids = new List<string>();
        var images = new List<string>();
        var masks = new List<string>();
        var lineOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var l = 0; l < lines.Length; l++)
        {
            var id = lines[l].Trim();
            if (id.Length == 0) continue;
            var entry = $"entry '{id}' (line {l + 1} of '{listPath}')";
            if (ContainedPath.Problem(id) is { } problem) throw new InvalidDataException($"VOC {entry} is refused: {problem}");
            if (lineOf.TryGetValue(id, out var first)) throw new InvalidDataException($"VOC {entry} repeats the id of line {first}");
            lineOf[id] = l + 1;

            if (!imagesById.TryGetValue(id, out var candidates))
                throw new FileNotFoundException($"VOC {entry} has no image: none of {string.Join(", ", VocLayout.ImageExtensions.Select(e => id + e))} in '{imageFolder}'", Path.Combine(imageFolder, id + VocLayout.ImageExtensions[0]));
            if (candidates.Count > 1)
                throw new InvalidDataException($"VOC {entry} has several images: {string.Join(", ", candidates.Order(StringComparer.Ordinal).Select(Path.GetFileName))}; keep one");
            var mask = VocLayout.MaskPath(fullRoot, id);
            if (!File.Exists(mask)) throw new FileNotFoundException($"VOC {entry} has no mask '{mask}'", mask);
            CheckContained(candidates[0], realRoot, entry);
            CheckContained(mask, realRoot, entry);
            ids.Add(id);
            images.Add(candidates[0]);
            masks.Add(mask);
        }
        if (ids.Count == 0) throw new InvalidDataException($"VOC list file '{listPath}' of split '{split}' lists no ids");
        return new VocDataset(fullRoot, split, classCount, [.. ids], [.. images], [.. masks]);
    }

    /// <summary>The root folder (absolute).</summary>
    public string Root { get; }

    /// <summary>The split's name.</summary>
    public string Split { get; }

    /// <summary>Classes counting the background that masks are checked against, or null when they are not checked.</summary>
    public int? ClassCount { get; }

    /// <summary>The ids, in list order.</summary>
    public IReadOnlyList<string> Ids => ids;

    /// <summary>Number of entries.</summary>
    public int Count => ids.Length;

    /// <summary>The image file of entry <paramref name="index"/>.</summary>
    public string ImagePath(int index) => imagePaths[CheckIndex(index)];

    /// <summary>The mask file of entry <paramref name="index"/>.</summary>
    public string MaskPath(int index) => maskPaths[CheckIndex(index)];

    /// <summary>The image of entry <paramref name="index"/>: float32 <c>[3, H, W]</c> in [0, 1] on the CPU (grey images are made RGB).</summary>
    /// <exception cref="InvalidDataException">The image cannot be decoded; the message names the entry and file.</exception>
    public Tensor LoadImage(int index)
    {
        var path = imagePaths[CheckIndex(index)];
        Tensor hwc;
        try
        {
            hwc = TorchImage.Load(path, 3);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"VOC entry '{ids[index]}' of split '{Split}': {e.Message}", e);
        }
        using (hwc) return TorchImage.ToFloatChw(hwc);
    }

    /// <summary>
    /// The mask of entry <paramref name="index"/>: int64 <c>[H, W]</c> on the CPU, 0 background, class indices,
    /// <see cref="VocColormap.IgnoreIndex"/> for pixels to ignore.
    /// </summary>
    /// <exception cref="InvalidDataException">The mask cannot be decoded, has a colour outside the colormap, or (with <see cref="ClassCount"/>) an index out of range; the message names the entry, file and value.</exception>
    public Tensor LoadMask(int index)
    {
        var path = maskPaths[CheckIndex(index)];
        Tensor mask;
        try
        {
            mask = VocMask.Decode(File.ReadAllBytes(path), path);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"VOC entry '{ids[index]}' of split '{Split}': {e.Message}", e);
        }
        if (ClassCount is { } classes) CheckClasses(mask, classes, index, path);
        return mask;
    }

    /// <summary>Image and mask of entry <paramref name="index"/> (see <see cref="LoadImage"/>, <see cref="LoadMask"/>), checked to be of one size.</summary>
    /// <exception cref="InvalidDataException">As for <see cref="LoadImage"/> and <see cref="LoadMask"/>, or the image and mask differ in size.</exception>
    public (Tensor Image, Tensor Mask) Load(int index)
    {
        using var scope = torch.NewDisposeScope();
        var image = LoadImage(index);
        var mask = LoadMask(index);
        if (image.size(1) != mask.size(0) || image.size(2) != mask.size(1))
            throw new InvalidDataException(
                $"VOC entry '{ids[index]}' of split '{Split}': image '{imagePaths[index]}' is {image.size(2)}x{image.size(1)} (WxH) but mask '{maskPaths[index]}' is {mask.size(1)}x{mask.size(0)}");
        scope.MoveToOuter(image, mask);
        return (image, mask);
    }

    /// <summary>
    /// Entries <paramref name="start"/> .. <paramref name="start"/> + <paramref name="count"/> - 1 stacked: images
    /// float32 <c>[B, 3, H, W]</c>, masks int64 <c>[B, H, W]</c>, in the caller's dispose scope.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The range is outside the split or empty.</exception>
    /// <exception cref="InvalidDataException">As for <see cref="Load"/>, or the entries differ in size (they cannot be stacked).</exception>
    public (Tensor Images, Tensor Masks) LoadBatch(int start, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        if (start < 0 || start > Count - count)
            throw new ArgumentOutOfRangeException(nameof(start), start, $"entries {start}..{(long)start + count - 1} are outside split '{Split}' of {Count}");
        using var scope = torch.NewDisposeScope();
        var images = new Tensor[count];
        var masks = new Tensor[count];
        for (var b = 0; b < count; b++)
        {
            (images[b], masks[b]) = Load(start + b);
            if (b > 0 && !images[b].shape.AsSpan().SequenceEqual(images[0].shape))
                throw new InvalidDataException(
                    $"VOC entries '{ids[start]}' ({images[0].size(2)}x{images[0].size(1)}) and '{ids[start + b]}' ({images[b].size(2)}x{images[b].size(1)}) of split '{Split}' differ in size and cannot be stacked into one batch");
        }
        var stackedImages = torch.stack(images);
        var stackedMasks = torch.stack(masks);
        scope.MoveToOuter(stackedImages, stackedMasks);
        return (stackedImages, stackedMasks);
    }

    private void CheckClasses(Tensor mask, int classes, int index, string path)
    {
        var values = mask.ToArray<long>();
        var width = mask.size(1);
        for (var p = 0; p < values.Length; p++)
        {
            var v = values[p];
            if (v < classes || v == VocColormap.IgnoreIndex) continue;
            mask.Dispose();
            throw new InvalidDataException(
                $"VOC entry '{ids[index]}' of split '{Split}': mask '{path}' has index {v} at row {p / width}, column {p % width}; with {classes} classes the indices are 0..{classes - 1} and {VocColormap.IgnoreIndex} (ignore)");
        }
    }

    private static void CheckContained(string path, string realRoot, string what)
    {
        var real = ContainedPath.RealPath(path);
        if (!ContainedPath.IsUnder(real, realRoot))
            throw new InvalidDataException($"VOC {what}: '{path}' resolves to '{real}', outside the root '{realRoot}'");
    }

    private int CheckIndex(int index)
    {
        if ((uint)index >= (uint)ids.Length)
            throw new ArgumentOutOfRangeException(nameof(index), index, $"split '{Split}' has {ids.Length} entries");
        return index;
    }
}
