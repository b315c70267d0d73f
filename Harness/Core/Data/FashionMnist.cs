using AdvCam.Torch;

namespace AdvCam.Core.Data;

/// <summary>
/// One split of Fashion-MNIST, held in managed memory: <see cref="Count"/> grey 28x28 images (uint8, row-major) and
/// their labels 0..9 (see <see cref="ClassNames"/>). Read from the four gzip'd IDX files of Debian's
/// <c>dataset-fashion-mnist</c> package, or the same files in another folder (<see cref="ResolveDirectory"/>).
/// Holds no tensors (nothing to dispose); <see cref="ImageBatch"/> and <see cref="LabelBatch"/> make tensors on demand.
/// </summary>
public sealed class FashionMnist
{
    /// <summary>Height and width of every image.</summary>
    public const int ImageSize = 28;

    /// <summary>Bytes per image (28 * 28).</summary>
    public const int PixelsPerImage = ImageSize * ImageSize;

    /// <summary>Number of classes.</summary>
    public const int ClassCount = 10;

    /// <summary>Environment variable naming a folder that holds the four files (used when no folder is given).</summary>
    public const string DirectoryVariable = "ADVCAM_FASHION_MNIST_DIR";

    /// <summary>Where Debian's <see cref="DebianPackage"/> installs the files (used when neither argument nor variable is set).</summary>
    public const string DebianDirectory = "/usr/share/datasets/fashion-mnist";

    /// <summary>The Debian package that ships the files.</summary>
    public const string DebianPackage = "dataset-fashion-mnist";

    private static readonly string[] classNames =
        ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    private readonly byte[] pixels;
    private readonly byte[] labels;
    private readonly int[][] byClass;

    private FashionMnist(FashionMnistSplit split, string directory, byte[] pixels, byte[] labels)
    {
        Split = split;
        Directory = directory;
        this.pixels = pixels;
        this.labels = labels;
        var lists = new List<int>[ClassCount];
        for (var c = 0; c < ClassCount; c++) lists[c] = new List<int>();
        for (var i = 0; i < labels.Length; i++) lists[labels[i]].Add(i);
        byClass = lists.Select(l => l.ToArray()).ToArray();
    }

    /// <summary>The class names, indexed by label: T-shirt/top, Trouser, Pullover, Dress, Coat, Sandal, Shirt, Sneaker, Bag, Ankle boot.</summary>
    public static IReadOnlyList<string> ClassNames => classNames;

    /// <summary>Which split this is.</summary>
    public FashionMnistSplit Split { get; }

    /// <summary>The folder the files were read from.</summary>
    public string Directory { get; }

    /// <summary>Number of items (60000 for the standard train split, 10000 for test).</summary>
    public int Count => labels.Length;

    /// <summary>All images, <see cref="Count"/> x 28 x 28 bytes, row-major (0 = background, 255 = full ink).</summary>
    public ReadOnlyMemory<byte> Pixels => pixels;

    /// <summary>All labels, one byte 0..9 per item.</summary>
    public ReadOnlyMemory<byte> Labels => labels;

    /// <summary>The 784 bytes of image <paramref name="index"/>, row-major.</summary>
    public ReadOnlySpan<byte> Image(int index)
    {
        CheckIndex(index);
        return pixels.AsSpan(index * PixelsPerImage, PixelsPerImage);
    }

    /// <summary>The label (0..9) of item <paramref name="index"/>.</summary>
    public int Label(int index)
    {
        CheckIndex(index);
        return labels[index];
    }

    /// <summary>The indices of the items of class <paramref name="label"/>, in file order.</summary>
    public IReadOnlyList<int> IndicesOfClass(int label)
    {
        if ((uint)label >= ClassCount) throw new ArgumentOutOfRangeException(nameof(label), label, "classes are 0..9");
        return byClass[label];
    }

    /// <summary>
    /// The images at <paramref name="indices"/> as a float32 CPU tensor [B, 1, 28, 28] in [0, 1]
    /// (<c>uint8.float() / 255</c>).
    /// </summary>
    public Tensor ImageBatch(ReadOnlySpan<int> indices)
    {
        var bytes = new byte[indices.Length * PixelsPerImage];
        for (var b = 0; b < indices.Length; b++) Image(indices[b]).CopyTo(bytes.AsSpan(b * PixelsPerImage));
        using var scope = torch.NewDisposeScope();
        var raw = torch.tensor(bytes, [indices.Length, 1, ImageSize, ImageSize]);
        return scope.MoveToOuter(raw.to(ScalarType.Float32) / 255.0);
    }

    /// <summary>The labels at <paramref name="indices"/> as an int64 CPU tensor [B].</summary>
    public Tensor LabelBatch(ReadOnlySpan<int> indices)
    {
        var values = new long[indices.Length];
        for (var b = 0; b < indices.Length; b++) values[b] = Label(indices[b]);
        return torch.tensor(values);
    }

    /// <summary>
    /// Reads <paramref name="split"/> from <paramref name="directory"/> (see <see cref="ResolveDirectory"/> for the
    /// default). Files: <c>train-images-idx3-ubyte.gz</c> / <c>train-labels-idx1-ubyte.gz</c>, or <c>t10k-</c> for test.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist (the message says how to install the package).</exception>
    /// <exception cref="FileNotFoundException">A file is missing from the folder.</exception>
    /// <exception cref="InvalidDataException">
    /// A file is not gzip, has the wrong magic number, is truncated or has trailing data, images are not 28x28, the
    /// image and label counts differ, or a label is outside 0..9. The message names the file and the problem.
    /// </exception>
    public static FashionMnist Load(FashionMnistSplit split, string? directory = null)
    {
        var (dir, source) = Resolve(directory);
        if (!System.IO.Directory.Exists(dir))
            throw new DirectoryNotFoundException(
                $"Fashion-MNIST folder {dir} (from {source}) does not exist. Install Debian's {DebianPackage} package " +
                $"(apt-get install {DebianPackage}), which puts the files in {DebianDirectory}, or point {DirectoryVariable} " +
                "at a folder holding the four gzip'd IDX files.");
        var (imagesName, labelsName) = FileNames(split);
        var imagesPath = Path.Combine(dir, imagesName);
        var labelsPath = Path.Combine(dir, labelsName);
        foreach (var path in new[] { imagesPath, labelsPath })
        {
            if (!File.Exists(path))
                throw new FileNotFoundException(
                    $"Fashion-MNIST file {path} is missing (folder from {source}); reinstall Debian's {DebianPackage} package " +
                    $"or copy the file there.", path);
        }

        var (imageSizes, pixels) = IdxFile.Read(imagesPath, IdxFile.ImagesMagic);
        if (imageSizes[1] != ImageSize || imageSizes[2] != ImageSize)
            throw IdxFile.Invalid(imagesPath, $"images are {imageSizes[1]}x{imageSizes[2]}, expected {ImageSize}x{ImageSize}");
        var (labelSizes, labels) = IdxFile.Read(labelsPath, IdxFile.LabelsMagic);
        if (labelSizes[0] != imageSizes[0])
            throw IdxFile.Invalid(labelsPath, $"holds {labelSizes[0]} labels but {imagesPath} holds {imageSizes[0]} images");
        for (var i = 0; i < labels.Length; i++)
        {
            if (labels[i] >= ClassCount)
                throw IdxFile.Invalid(labelsPath, $"label {labels[i]} of item {i} is outside 0..{ClassCount - 1}");
        }
        return new FashionMnist(split, dir, pixels, labels);
    }

    /// <summary>
    /// The folder to read from: <paramref name="directory"/> when given, else the environment variable
    /// <see cref="DirectoryVariable"/> when set and not empty, else <see cref="DebianDirectory"/>.
    /// </summary>
    public static string ResolveDirectory(string? directory = null) => Resolve(directory).Directory;

    /// <summary>The image and label file names of <paramref name="split"/>.</summary>
    public static (string Images, string Labels) FileNames(FashionMnistSplit split) => split switch
    {
        FashionMnistSplit.Train => ("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz"),
        FashionMnistSplit.Test => ("t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"),
        _ => throw new ArgumentOutOfRangeException(nameof(split), split, "unknown split"),
    };

    private static (string Directory, string Source) Resolve(string? directory)
    {
        if (!string.IsNullOrEmpty(directory)) return (directory, "the directory argument");
        var fromEnv = Environment.GetEnvironmentVariable(DirectoryVariable);
        if (!string.IsNullOrEmpty(fromEnv)) return (fromEnv, $"the {DirectoryVariable} environment variable");
        return (DebianDirectory, "the default location");
    }

    private void CheckIndex(int index)
    {
        if ((uint)index >= (uint)labels.Length)
            throw new ArgumentOutOfRangeException(nameof(index), index, $"the {Split} split has {labels.Length} items");
    }
}
