using System.Globalization;

namespace AdvCam.Core.Models;

/// <summary>
/// The shape of a <see cref="SegmentationNet"/> (DeepLabv3 on a ResNet backbone). The defaults are a small network for
/// 64x64 FashionScenes that trains quickly on a CPU: 11 classes (background and the 10 Fashion-MNIST classes), a
/// BasicBlock backbone of one block per stage with 16, 32, 64, 128 channels at output stride 8 (8x8 feature maps),
/// 64-channel ASPP with rates 2, 4, 6. <see cref="DeepLabV3ResNet50"/> gives torchvision's
/// <c>deeplabv3_resnet50</c>.
/// </summary>
/// <remarks>
/// DeepLab's rates (6, 12, 18 at output stride 16, doubled at 8; <see cref="DeepLabRates"/>) are sized for 513-pixel
/// crops (65x65 feature maps at output stride 8); on an 8x8 map, 12/24/36 would put every tap but the centre on the
/// zero padding, so the small configuration scales them down to 2, 4, 6.
/// </remarks>
public sealed class SegmentationNetConfig
{
    /// <summary>Number of classes, background included (output channels of the classifier).</summary>
    public int NumClasses { get; init; } = 11;

    /// <summary>Input channels (3 for RGB).</summary>
    public long InChannels { get; init; } = 3;

    /// <summary>The backbone's residual block.</summary>
    public ResNetBlockKind Block { get; init; } = ResNetBlockKind.Basic;

    /// <summary>Blocks in each of the backbone's four stages.</summary>
    public IReadOnlyList<int> Blocks { get; init; } = new[] { 1, 1, 1, 1 };

    /// <summary>Planes of each of the backbone's four stages (the stem has <c>Widths[0]</c> channels).</summary>
    public IReadOnlyList<long> Widths { get; init; } = new long[] { 16, 32, 64, 128 };

    /// <summary>Input size divided by the backbone's feature map size: 8 or 16.</summary>
    public long OutputStride { get; init; } = 8;

    /// <summary>Channels of each ASPP branch, of its projection and of the 3x3 convolution after it (torchvision: 256).</summary>
    public long AsppChannels { get; init; } = 64;

    /// <summary>Dilation rates of the ASPP's 3x3 branches (torchvision's DeepLabv3: 12, 24, 36; see <see cref="DeepLabRates"/>).</summary>
    public IReadOnlyList<long> AtrousRates { get; init; } = new long[] { 2, 4, 6 };

    /// <summary>Dropout probability after the ASPP projection (torchvision: 0.5).</summary>
    public double Dropout { get; init; } = 0.5;

    /// <summary>DeepLabv3's atrous rates for an output stride: 6, 12, 18 at 16; 12, 24, 36 at 8.</summary>
    public static long[] DeepLabRates(long outputStride) => outputStride switch
    {
        16 => new long[] { 6, 12, 18 },
        8 => new long[] { 12, 24, 36 },
        _ => throw new ArgumentOutOfRangeException(nameof(outputStride), outputStride, "the output stride is 8 or 16"),
    };

    /// <summary>
    /// torchvision's <c>deeplabv3_resnet50(num_classes, aux_loss=False)</c>: ResNet-50 backbone (Bottleneck, 3-4-6-3,
    /// 64..512 planes), 256-channel ASPP with <see cref="DeepLabRates"/>, dropout 0.5. torchvision's own model has
    /// output stride 8 and rates 12, 24, 36 (the default here); <paramref name="outputStride"/> 16 gives 6, 12, 18.
    /// </summary>
    public static SegmentationNetConfig DeepLabV3ResNet50(int numClasses = 21, long outputStride = 8) => new()
    {
        NumClasses = numClasses,
        Block = ResNetBlockKind.Bottleneck,
        Blocks = new[] { 3, 4, 6, 3 },
        Widths = new long[] { 64, 128, 256, 512 },
        OutputStride = outputStride,
        AsppChannels = 256,
        AtrousRates = DeepLabRates(outputStride),
        Dropout = 0.5,
    };

    /// <summary>Checks the configuration; throws an <see cref="ArgumentException"/> naming the first problem.</summary>
    public void Validate()
    {
        if (NumClasses < 1) throw new ArgumentException($"NumClasses must be at least 1, not {NumClasses}");
        if (InChannels < 1) throw new ArgumentException($"InChannels must be at least 1, not {InChannels}");
        if (!Enum.IsDefined(Block)) throw new ArgumentException($"Block {Block} is not a ResNet block kind");
        if (Blocks is null || Widths is null || AtrousRates is null) throw new ArgumentException("Blocks, Widths and AtrousRates must be set");
        if (Blocks.Count != 4 || Widths.Count != 4)
            throw new ArgumentException($"Blocks ({Blocks.Count}) and Widths ({Widths.Count}) must have one entry per stage of the four");
        for (var i = 0; i < 4; i++)
        {
            if (Blocks[i] < 1) throw new ArgumentException($"Blocks[{i}] must be at least 1, not {Blocks[i]}");
            if (Widths[i] < 1) throw new ArgumentException($"Widths[{i}] must be at least 1, not {Widths[i]}");
        }
        if (OutputStride is not (8 or 16)) throw new ArgumentException($"OutputStride must be 8 or 16, not {OutputStride}");
        if (AsppChannels < 1) throw new ArgumentException($"AsppChannels must be at least 1, not {AsppChannels}");
        for (var i = 0; i < AtrousRates.Count; i++)
            if (AtrousRates[i] < 1) throw new ArgumentException($"AtrousRates[{i}] must be at least 1, not {AtrousRates[i]}");
        if (Dropout is < 0 or >= 1 || double.IsNaN(Dropout)) throw new ArgumentException($"Dropout must be in [0, 1), not {Dropout}");
    }

    /// <summary>The configuration as strings, for a model file's metadata (keys <c>SegmentationNet.*</c>).</summary>
    public Dictionary<string, string> ToMetadata() => new()
    {
        ["SegmentationNet.NumClasses"] = NumClasses.ToString(CultureInfo.InvariantCulture),
        ["SegmentationNet.InChannels"] = InChannels.ToString(CultureInfo.InvariantCulture),
        ["SegmentationNet.Block"] = Block.ToString(),
        ["SegmentationNet.Blocks"] = string.Join(",", Blocks.Select(b => b.ToString(CultureInfo.InvariantCulture))),
        ["SegmentationNet.Widths"] = string.Join(",", Widths.Select(w => w.ToString(CultureInfo.InvariantCulture))),
        ["SegmentationNet.OutputStride"] = OutputStride.ToString(CultureInfo.InvariantCulture),
        ["SegmentationNet.AsppChannels"] = AsppChannels.ToString(CultureInfo.InvariantCulture),
        ["SegmentationNet.AtrousRates"] = string.Join(",", AtrousRates.Select(r => r.ToString(CultureInfo.InvariantCulture))),
        ["SegmentationNet.Dropout"] = Dropout.ToString("R", CultureInfo.InvariantCulture),
    };

    /// <summary>The configuration written by <see cref="ToMetadata"/>.</summary>
    /// <exception cref="InvalidDataException">A key is missing, a value does not parse, or the configuration is invalid.</exception>
    public static SegmentationNetConfig FromMetadata(IReadOnlyDictionary<string, string> metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        string Get(string key) => metadata.TryGetValue("SegmentationNet." + key, out var v)
            ? v
            : throw new InvalidDataException($"model metadata has no 'SegmentationNet.{key}'");
        T Parse<T>(string key, string text) where T : IParsable<T> => T.TryParse(text, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new InvalidDataException($"model metadata 'SegmentationNet.{key}' = '{text}' is not a valid {typeof(T).Name}");
        T[] List<T>(string key) where T : IParsable<T> =>
            Get(key).Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => Parse<T>(key, s.Trim())).ToArray();
        var blockText = Get("Block");
        if (!Enum.TryParse<ResNetBlockKind>(blockText, ignoreCase: false, out var block) || !Enum.IsDefined(block) || int.TryParse(blockText, out _))
            throw new InvalidDataException($"model metadata 'SegmentationNet.Block' = '{blockText}' is not a ResNet block kind");
        var config = new SegmentationNetConfig
        {
            NumClasses = Parse<int>("NumClasses", Get("NumClasses")),
            InChannels = Parse<long>("InChannels", Get("InChannels")),
            Block = block,
            Blocks = List<int>("Blocks"),
            Widths = List<long>("Widths"),
            OutputStride = Parse<long>("OutputStride", Get("OutputStride")),
            AsppChannels = Parse<long>("AsppChannels", Get("AsppChannels")),
            AtrousRates = List<long>("AtrousRates"),
            Dropout = Parse<double>("Dropout", Get("Dropout")),
        };
        try
        {
            config.Validate();
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException("model metadata describes an invalid SegmentationNet: " + e.Message, e);
        }
        return config;
    }
}
