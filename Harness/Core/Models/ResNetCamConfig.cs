using System.Globalization;

namespace AdvCam.Core.Models;

/// <summary>
/// The shape of a <see cref="ResNetCam"/>. The defaults suit 64x64 RGB images (FashionScenes): a 3x3 stride-1 stem of
/// 32 channels, three stages of two BasicBlocks with 32, 64, 128 channels and strides 1, 2, 2, so a 64x64 image gives a
/// 16x16 feature map (output stride 4).
/// </summary>
public sealed class ResNetCamConfig
{
    /// <summary>Number of classes (rows of the head).</summary>
    public int NumClasses { get; init; } = 10;

    /// <summary>Input channels (3 for RGB, 1 for grayscale).</summary>
    public long InChannels { get; init; } = 3;

    /// <summary>Output channels of the stem convolution.</summary>
    public long StemChannels { get; init; } = 32;

    /// <summary>Kernel size of the stem convolution (odd; padded by half of it).</summary>
    public long StemKernel { get; init; } = 3;

    /// <summary>Stride of the stem convolution.</summary>
    public long StemStride { get; init; } = 1;

    /// <summary>Whether the stem ends with torchvision's max pooling (3, stride 2, padding 1).</summary>
    public bool StemMaxPool { get; init; }

    /// <summary>Channels of each stage (<c>layer1</c>..).</summary>
    public IReadOnlyList<long> Widths { get; init; } = new long[] { 32, 64, 128 };

    /// <summary>BasicBlocks in each stage.</summary>
    public IReadOnlyList<int> Blocks { get; init; } = new[] { 2, 2, 2 };

    /// <summary>Stride of each stage (on its first block).</summary>
    public IReadOnlyList<long> Strides { get; init; } = new long[] { 1, 2, 2 };

    /// <summary>Input size divided by the feature map's size: stem stride × (2 with max pooling) × the stage strides.</summary>
    public long OutputStride => StemStride * (StemMaxPool ? 2 : 1) * Strides.Aggregate(1L, (a, s) => a * s);

    /// <summary>Checks the configuration; throws an <see cref="ArgumentException"/> naming the first problem.</summary>
    public void Validate()
    {
        if (NumClasses < 1) throw new ArgumentException($"NumClasses must be at least 1, not {NumClasses}");
        if (InChannels < 1) throw new ArgumentException($"InChannels must be at least 1, not {InChannels}");
        if (StemChannels < 1) throw new ArgumentException($"StemChannels must be at least 1, not {StemChannels}");
        if (StemKernel < 1 || StemKernel % 2 == 0) throw new ArgumentException($"StemKernel must be odd and positive, not {StemKernel}");
        if (StemStride < 1) throw new ArgumentException($"StemStride must be at least 1, not {StemStride}");
        if (Widths is null || Blocks is null || Strides is null) throw new ArgumentException("Widths, Blocks and Strides must be set");
        if (Widths.Count == 0) throw new ArgumentException("a ResNetCam needs at least one stage");
        if (Blocks.Count != Widths.Count || Strides.Count != Widths.Count)
            throw new ArgumentException($"Widths ({Widths.Count}), Blocks ({Blocks.Count}) and Strides ({Strides.Count}) must have one entry per stage");
        for (var i = 0; i < Widths.Count; i++)
        {
            if (Widths[i] < 1) throw new ArgumentException($"Widths[{i}] must be at least 1, not {Widths[i]}");
            if (Blocks[i] < 1) throw new ArgumentException($"Blocks[{i}] must be at least 1, not {Blocks[i]}");
            if (Strides[i] < 1) throw new ArgumentException($"Strides[{i}] must be at least 1, not {Strides[i]}");
        }
    }

    /// <summary>The configuration as strings, for a model file's metadata (keys <c>ResNetCam.*</c>).</summary>
    public Dictionary<string, string> ToMetadata() => new()
    {
        ["ResNetCam.NumClasses"] = NumClasses.ToString(CultureInfo.InvariantCulture),
        ["ResNetCam.InChannels"] = InChannels.ToString(CultureInfo.InvariantCulture),
        ["ResNetCam.StemChannels"] = StemChannels.ToString(CultureInfo.InvariantCulture),
        ["ResNetCam.StemKernel"] = StemKernel.ToString(CultureInfo.InvariantCulture),
        ["ResNetCam.StemStride"] = StemStride.ToString(CultureInfo.InvariantCulture),
        ["ResNetCam.StemMaxPool"] = StemMaxPool ? "true" : "false",
        ["ResNetCam.Widths"] = string.Join(",", Widths.Select(w => w.ToString(CultureInfo.InvariantCulture))),
        ["ResNetCam.Blocks"] = string.Join(",", Blocks.Select(b => b.ToString(CultureInfo.InvariantCulture))),
        ["ResNetCam.Strides"] = string.Join(",", Strides.Select(s => s.ToString(CultureInfo.InvariantCulture))),
    };

    /// <summary>The configuration written by <see cref="ToMetadata"/>.</summary>
    /// <exception cref="InvalidDataException">A key is missing or a value does not parse.</exception>
    public static ResNetCamConfig FromMetadata(IReadOnlyDictionary<string, string> metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        string Get(string key) => metadata.TryGetValue("ResNetCam." + key, out var v)
            ? v
            : throw new InvalidDataException($"model metadata has no 'ResNetCam.{key}'");
        T Parse<T>(string key, string text) where T : IParsable<T> => T.TryParse(text, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new InvalidDataException($"model metadata 'ResNetCam.{key}' = '{text}' is not a valid {typeof(T).Name}");
        T[] List<T>(string key) where T : IParsable<T> =>
            Get(key).Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => Parse<T>(key, s.Trim())).ToArray();
        var config = new ResNetCamConfig
        {
            NumClasses = Parse<int>("NumClasses", Get("NumClasses")),
            InChannels = Parse<long>("InChannels", Get("InChannels")),
            StemChannels = Parse<long>("StemChannels", Get("StemChannels")),
            StemKernel = Parse<long>("StemKernel", Get("StemKernel")),
            StemStride = Parse<long>("StemStride", Get("StemStride")),
            StemMaxPool = Parse<bool>("StemMaxPool", Get("StemMaxPool")),
            Widths = List<long>("Widths"),
            Blocks = List<int>("Blocks"),
            Strides = List<long>("Strides"),
        };
        try
        {
            config.Validate();
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException("model metadata describes an invalid ResNetCam: " + e.Message, e);
        }
        return config;
    }
}
